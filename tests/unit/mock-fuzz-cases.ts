import fc from 'fast-check';

/**
 * The generated requests of the mock's fuzz test (fast-check arbitraries): REST bodies, parameters,
 * paths, headers and cookies, every Bayeux meta channel and field, and the SMS injector, each sent
 * with an identity drawn from the fuzzing user's own, a bystander's, wrong or none. A case says
 * what must be refused whatever else it holds (`mustRefuse`), so that a crossing is caught and not
 * only a crash.
 */

export interface Party {
  username: string;
  password: string;
  cookie: string;
  csrf: string;
}

export interface Fixture {
  me: Party;
  bystander: Party;
  /** The fuzzing user's own CometD session, handshaken with its credentials. */
  clientId: string;
  browserCookie: string;
  ids: string[];
  devices: string[];
  baseUrl: string;
}

/** me: my credentials and cookie; mixed: my credentials with the bystander's cookie; refused: wrong credentials. */
export type IdentityKind = 'me' | 'mixed' | 'refused' | 'none';

interface IdentityDraw {
  kind: IdentityKind;
  wrong: string;
  extraCookie: string;
  csrf: string;
}

export interface Case {
  what: string;
  kind: 'rest' | 'bayeux' | 'inject';
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** What must be refused whatever else the case holds: on REST a 401 statusCode 20; on Bayeux no successful reply on these channels. */
  refuse?: { reason: string; channels: string[] | 'all' };
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const OPERATIONS = [
  'Accept', 'Answer', 'Complete', 'Hangup', 'Leave', 'Reject', 'SendMessage', 'SendStartTypingNotification',
  'SendStopTypingNotification', 'SetInFocus', 'SwitchToBargeIn', 'SwitchToCoach', 'SwitchToListenIn', 'Intrude',
  'ListenIn', 'Coach', 'BargeIn', 'CancelSupervisorMonitoring', 'Dial', 'StartContactCenterSession',
  'EndContactCenterSession', 'Ready', 'NotReady', 'DoNotDisturbOn', 'MuteMonitoredUser', 'Teleport', '', 'accept',
];

/** JSON text that is not quite JSON, or JSON too deep for a recursive reader. */
const badJson = fc.oneof(
  fc.constantFrom('{"operationName":', "{'operationName':'Complete'}", '{"a":1,}', '[1,2', 'null', '"Accept"', '42', '\u0000\u0001', ''),
  fc.integer({ min: 1, max: 30_000 }).map((n) => `{"operationName":"Accept","nickname":${'['.repeat(n)}${']'.repeat(n)}}`),
  fc.string({ unit: 'binary', maxLength: 64 }),
);

const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}') as unknown),
  fc.tuple(fc.integer({ min: 1000, max: 20_000 }), fc.string({ minLength: 1, maxLength: 4 })).map(([n, s]) => s.repeat(Math.ceil(n / s.length))),
);

export function caseArbitrary(f: Fixture): fc.Arbitrary<Case> {
  const identity = fc.record({
    kind: fc.constantFrom<IdentityKind>('me', 'me', 'me', 'refused', 'none', 'mixed'),
    wrong: fc.oneof(
      fc.constantFrom('Basic', 'Basic !!!', 'Bearer abc', basic(f.me.username, ''), `Basic ${Buffer.from(f.me.username).toString('base64')}`),
      fc.string({ maxLength: 12 }).map((p) => basic(f.me.username, `wrong-${p}`)),
      fc.constantFrom(...PROTOTYPE_NAMES).map((u) => basic(u, 'x')),
    ),
    extraCookie: fc.oneof(
      fc.constant(''),
      fc.constantFrom(...PROTOTYPE_NAMES, 'zz', '').map((v) => `BAYEUX_BROWSER=${v}`),
      fc.constant(f.browserCookie),
      fc.stringMatching(/^[A-Za-z0-9_]{1,8}=[A-Za-z0-9_=%]{0,16}$/),
      fc.constantFrom(...PROTOTYPE_NAMES).map((v) => `JSESSIONID=${v}`),
    ),
    csrf: fc.constantFrom('mine', 'mine', 'bystander', 'wrong', 'none'),
  });

  const headersOf = (id: IdentityDraw) => {
    const headers: Record<string, string> = {};
    const who = id.kind === 'mixed' ? 'refused' : id.kind;
    const cookies: string[] = [];
    if (id.kind === 'me') {
      headers.authorization = basic(f.me.username, f.me.password);
      cookies.push(f.me.cookie);
    } else if (id.kind === 'refused') {
      headers.authorization = id.wrong;
      cookies.push(f.me.cookie);
    } else if (id.kind === 'mixed') {
      // my credentials with the bystander's session cookie
      headers.authorization = basic(f.me.username, f.me.password);
      cookies.push(f.bystander.cookie);
    }
    if (id.extraCookie && !id.extraCookie.startsWith('JSESSIONID=')) cookies.push(id.extraCookie);
    if (id.extraCookie.startsWith('JSESSIONID=') && id.kind === 'none') {
      cookies.push(id.extraCookie);
    }
    if (cookies.length) headers.cookie = cookies.join('; ');
    const csrf = { mine: f.me.csrf, bystander: f.bystander.csrf, wrong: 'wrong', none: undefined }[id.csrf as 'mine'];
    if (csrf) headers['x-csrf-token'] = csrf;
    return { headers, who };
  };

  const path = fc.oneof(
    fc.constantFrom(
      '/api/v2/me', '/api/v2/me/channels/voice', '/api/v2/me/channels/smssession', '/api/v2/me/calls', '/api/v2/me/smssessions',
      '/api/v2/diagnostics/version', '/api/v2/me/devices', '/api/v2/notifications/', '/mock/state', '/mock/faults',
    ),
    fc.constantFrom(...f.ids).map((id) => `/api/v2/me/smssessions/${id}`),
    fc.constantFrom(...f.devices).map((id) => `/api/v2/me/devices/${id}`),
    fc.constantFrom(...f.devices).map((id) => `/api/v2/me/devices/${id}/calls`),
    fc.tuple(fc.constantFrom('me/', 'users/', '', 'me/devices/', 'me/calls/', 'me/smssessions/'), fc.string({ maxLength: 30 })).map(
      ([prefix, s]) => `/api/v2/${prefix}${encodeURIComponent(s)}`,
    ),
    fc.constantFrom('/api/v2/me/%E0%A4%A', '/api/v2/me/smssessions/%', '/api/v2/../../etc/passwd', '/api/v2/me//', `/api/v2/me/${'x'.repeat(5000)}`),
  );
  const query = fc.option(
    fc.dictionary(fc.constantFrom('fields', 'subresources', 'operationName', '__proto__', 'token', 'a'), fc.string({ maxLength: 40 }), { maxKeys: 3 }),
    { nil: undefined },
  ).map((q) => (q && Object.keys(q).length ? `?${new URLSearchParams(q as Record<string, string>).toString()}` : ''));

  const body = fc.oneof(
    fc.record({ operationName: fc.constantFrom<unknown>(...OPERATIONS), extra: fc.dictionary(fc.constantFrom(
      'nickname', 'text', 'saveLAR', 'queueName', 'channels', 'targetDeviceUri', 'supervisorMonitoringScope',
      'supervisorMonitoringMode', 'supervisorVisibilityMode', 'destination', 'phoneNumber', 'reason', '__proto__',
    ), jsonish, { maxKeys: 4 }) }).map(({ operationName, extra }) => JSON.stringify({ operationName, ...extra })),
    fc.record({ operationName: jsonish }).map((b) => JSON.stringify(b)),
    fc.constantFrom(...f.devices).map((d) => JSON.stringify({ operationName: 'ListenIn', targetDeviceUri: `${f.baseUrl}/api/v2/devices/${d}` })),
    jsonish.map((v) => JSON.stringify(v) ?? 'null'),
    badJson,
  );

  const rest = fc.record({
    method: fc.constantFrom('GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
    path,
    query,
    id: identity,
    body: fc.option(body, { nil: undefined }),
    contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
    header: fc.option(fc.tuple(fc.constantFrom('x-forwarded-for', 'accept', 'x-csrf-header', 'origin', 'x-mock-token', 'accept-encoding'), fc.stringMatching(/^[ -~]{0,40}$/)), { nil: undefined }),
  }).map(({ method, path, query, id, body, contentType, header }): Case => {
    const { headers, who } = headersOf(id);
    if (contentType) headers['content-type'] = contentType;
    if (header) headers[header[0]] = header[1];
    const clean = /^\/api\/v2\/(me|users|calls)/.test(path) && !/%|\.\.|\/\/|x{5000}/.test(path);
    const refuse = clean && (who === 'refused' || who === 'none') ? { reason: `identity ${id.kind}`, channels: 'all' as const } : undefined;
    return { what: `REST ${method} as ${id.kind}`, kind: 'rest', method, path: `${path}${query}`, headers, body: method === 'GET' || method === 'OPTIONS' ? undefined : body, refuse };
  });

  const channelName = fc.oneof(
    fc.constantFrom('/meta/handshake', '/meta/connect', '/meta/subscribe', '/meta/unsubscribe', '/meta/disconnect', '/meta/nosuch', '/meta/'),
    fc.constantFrom('/v2/me/voice', '/v2/me/smssession', '/v2/me/*', '/v2/**', '/service/x', '/a', '', 'no-slash', '/', '//', '/a b'),
    fc.constantFrom(...PROTOTYPE_NAMES).map((n) => `/${n}`),
    fc.string({ maxLength: 20 }),
  );
  const subscription = fc.oneof(
    fc.constantFrom('/v2/me/*', '/v2/me/**', '/v2/me/voice', '/v2/me/smssession', '/**', '/*', '/v2/*', '/service/**', '/meta/*', '/v2/me/*/x'),
    fc.constantFrom(...PROTOTYPE_NAMES),
    jsonish,
    fc.array(fc.oneof(fc.constantFrom('/v2/me/*', '/a', '__proto__'), jsonish), { maxLength: 4 }),
  );
  const message = fc.record(
    {
      channel: channelName,
      clientId: fc.oneof(fc.constant(f.clientId), fc.constant(f.clientId), fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ maxLength: 44 }), jsonish),
      id: fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), jsonish),
      subscription,
      ext: fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), jsonish, { maxKeys: 3 }), jsonish),
      advice: fc.oneof(fc.record({ timeout: fc.constant(0), interval: fc.integer({ min: 0, max: 10 }) }), jsonish),
      data: jsonish,
      connectionType: fc.oneof(fc.constantFrom('long-polling', 'websocket', 'callback-polling'), jsonish),
      supportedConnectionTypes: fc.oneof(fc.constant(['long-polling']), jsonish),
      version: fc.oneof(fc.constant('1.0'), jsonish),
    },
    { requiredKeys: ['channel'] },
  ).map((m) => {
    // a well-formed /meta/connect of the fuzzing user's session must not hold a long poll
    if (m.channel === '/meta/connect' && m.clientId === f.clientId) m.advice = { timeout: 0 };
    return m as Record<string, unknown>;
  });

  const bayeux = fc.record({
    id: identity,
    messages: fc.array(message, { minLength: 1, maxLength: 3 }),
    asObject: fc.boolean(),
    raw: fc.option(fc.oneof(badJson, fc.constantFrom('[]', '[1]', '[null]', '[[]]', '{"data":1}')), { freq: 8, nil: undefined }),
  }).map(({ id, messages, asObject, raw }): Case => {
    const { headers, who } = headersOf(id);
    headers['content-type'] = 'application/json';
    if (!headers.cookie?.includes('BAYEUX_BROWSER=')) headers.cookie = [headers.cookie, f.browserCookie].filter(Boolean).join('; ');
    const reasons: string[] = [];
    const channels = new Set<string>();
    const bad = (m: Record<string, unknown>) => {
      const list = Array.isArray(m.subscription) ? (m.subscription as unknown[]) : [m.subscription];
      return list.some((x) => typeof x !== 'string' || !x.startsWith('/v2/me/'));
    };
    const must = (why: string, channel: string) => {
      reasons.push(why);
      channels.add(channel);
    };
    if (who === 'refused') reasons.push('wrong credentials or another user\'s cookie');
    for (const m of messages) {
      const channel = String(m.channel);
      if (channel === '/meta/handshake' && who === 'none') must('a handshake without credentials', channel);
      if (channel === '/meta/subscribe' && messages.filter((x) => x.channel === channel).every(bad)) must('a subscription outside /v2/me/', channel);
      if (!channel.startsWith('/meta/')) must('a publish', channel);
    }
    const body = raw ?? JSON.stringify(asObject && messages.length === 1 ? messages[0] : messages);
    return {
      what: `Bayeux ${messages.map((m) => String(m.channel).slice(0, 20)).join('+')} as ${id.kind}`,
      kind: 'bayeux',
      method: 'POST',
      path: '/api/v2/notifications',
      headers,
      body,
      refuse: raw === undefined && reasons.length ? { reason: reasons.join(', '), channels: who === 'refused' ? 'all' : [...channels] } : undefined,
    };
  });

  const inject = fc.record({
    body: fc.oneof(
      badJson,
      fc.record({ agent: fc.oneof(fc.constant(f.me.username), fc.constantFrom(...PROTOTYPE_NAMES), jsonish), from: jsonish, nickname: jsonish, text: jsonish }).map((b) => JSON.stringify(b)),
    ),
  }).map(({ body }): Case => ({ what: 'injector', kind: 'inject', method: 'POST', path: '/mock/sms/inject', headers: { 'content-type': 'application/json' }, body }));

  return fc.oneof({ weight: 5, arbitrary: rest }, { weight: 4, arbitrary: bayeux }, { weight: 1, arbitrary: inject });
}
