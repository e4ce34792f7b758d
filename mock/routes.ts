import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticated } from './auth';
import { FAULTS } from './faults';
import { SmsDomain, type Outcome } from './sms';
import { fail, GwsFailure, USER_STATES, type ChannelState, type MockState } from './state';
import type { MockUser } from './users';

/**
 * The GWS routes the mock serves (under /api/v2) and its own (under /mock). Each handler validates
 * its input, acts on the domain, answers in the documented shape, and only then lets the
 * notifications the operation causes go out.
 */

export const MOCK_VERSION = '8.5.2-gws-conformance-mock';

declare module 'fastify' {
  interface FastifyRequest {
    gws?: Authenticated;
  }
}

type Body = Record<string, unknown>;

function who(request: FastifyRequest): MockUser {
  if (!request.gws) throw new GwsFailure(20, 'Access denied', 401);
  return request.gws.user;
}

function bodyOf(request: FastifyRequest): Body {
  const body = request.body;
  if (body === undefined || body === null) throw fail.missing('operationName');
  if (typeof body !== 'object' || Array.isArray(body)) throw fail.invalid('The request body must be a JSON object');
  return body as Body;
}

function operationOf(body: Body): string {
  const name = body.operationName;
  if (name === undefined) throw fail.missing('operationName');
  if (typeof name !== 'string' || name === '') throw fail.invalid("Parameter 'operationName' must be a non-empty string");
  return name;
}

function answer(reply: FastifyReply, outcome: Outcome): FastifyReply {
  reply.send(outcome.reply);
  if (outcome.after) setImmediate(outcome.after);
  return reply;
}

export function registerRoutes(app: FastifyInstance, state: MockState, sms: SmsDomain): void {
  const channelsOf = () => ['voice', state.settings.smsChannel];

  const userView = (user: MockUser) => ({
    id: user.id,
    userName: user.userName,
    firstName: user.firstName,
    lastName: user.lastName,
    roles: user.roles,
    enabled: true,
    changePasswordOnFirstLogin: false,
    uri: state.userUri(user),
    path: `/users/${user.id}`,
  });

  const deviceView = (user: MockUser) => {
    const voice = state.channelState(user.id, 'voice') ?? 'NotReady';
    const capabilities = ['ForwardCallsOn', 'DoNotDisturbOn'];
    if (user.roles.includes('ROLE_SUPERVISOR')) capabilities.push('ListenIn', 'Coach', 'BargeIn');
    return {
      id: user.device.id,
      deviceState: 'Active',
      userState: USER_STATES[voice],
      phoneNumber: user.device.phoneNumber,
      e164Number: user.device.phoneNumber,
      telephonyNetwork: 'Private',
      doNotDisturb: 'Off',
      voiceEnvironmentUri: `${state.baseUrl}/api/v2/voice-environments/00000000-0000-4000-a000-000000000001`,
      capabilities,
      uri: state.deviceUri(user),
      path: `/devices/${user.device.id}`,
    };
  };

  const notifyChannel = (user: MockUser, channel: string) => {
    if (channel === 'voice') {
      state.notify(user.id, '/v2/me/devices', { messageType: 'DeviceStateChangeMessage', devices: [deviceView(user)] });
    } else {
      const userState = USER_STATES[state.channelState(user.id, channel) ?? 'NotReady'];
      state.notify(user.id, '/v2/me/channels', {
        messageType: 'ChannelStateChangeMessageV2',
        channels: [{ channel, dndState: 'Off', userState }],
      });
    }
  };

  app.get('/api/v2/diagnostics/version', async () => ({ statusCode: 0, version: MOCK_VERSION }));

  app.get('/api/v2/me', async (request) => {
    const user = who(request);
    const query = request.query as { subresources?: string };
    const view: Record<string, unknown> = userView(user);
    if (query.subresources) view.devices = [deviceView(user)];
    return { statusCode: 0, user: view };
  });

  app.post('/api/v2/me', async (request, reply) => {
    const user = who(request);
    const body = bodyOf(request);
    const operation = operationOf(body);
    if (operation === 'StartContactCenterSession') {
      const channels = body.channels;
      if (channels === undefined) throw fail.missing('channels');
      if (!Array.isArray(channels) || channels.some((c) => typeof c !== 'string')) {
        throw fail.invalid("Parameter 'channels' must be an array of channel names");
      }
      const known = channels.filter((c: string) => channelsOf().includes(c)) as string[];
      const unknown = channels.filter((c: string) => !channelsOf().includes(c)) as string[];
      if (known.length === 0) throw fail.notFound(`Channel ${JSON.stringify(unknown[0] ?? '')}`);
      const login = state.logins.get(user.id) ?? { channels: new Map<string, ChannelState>() };
      for (const channel of known) if (!login.channels.has(channel)) login.channels.set(channel, 'NotReady');
      state.logins.set(user.id, login);
      if (unknown.length > 0) {
        return {
          statusCode: 7,
          statusMessage: 'Partial success',
          channels: [
            ...known.map((channel) => ({ channel, statusCode: 0 })),
            ...unknown.map((channel) => ({ channel, statusCode: 6, statusMessage: `Channel ${channel} not found` })),
          ],
        };
      }
      return answer(reply, { reply: { statusCode: 0 }, after: () => known.forEach((c) => notifyChannel(user, c)) });
    }
    if (operation === 'EndContactCenterSession') {
      state.logins.delete(user.id);
      if (request.gws) state.httpSessions.delete(request.gws.session.id);
      return { statusCode: 0 };
    }
    throw fail.invalid(`Unknown operationName ${JSON.stringify(operation)} on /api/v2/me`);
  });

  app.get('/api/v2/me/devices', async (request) => {
    const user = who(request);
    const { fields } = request.query as { fields?: string };
    return fields ? { statusCode: 0, devices: [deviceView(user)] } : { statusCode: 0, uris: [state.deviceUri(user)] };
  });

  app.get('/api/v2/me/channels', async (request) => {
    const user = who(request);
    const login = state.login(user.id);
    const channels = [...(login?.channels ?? new Map<string, ChannelState>())].map(([channel, s]) => ({ channel, userState: USER_STATES[s] }));
    return { statusCode: 0, channels };
  });

  app.post('/api/v2/me/channels/:channel', async (request, reply) => {
    const user = who(request);
    const { channel } = request.params as { channel: string };
    if (!channelsOf().includes(channel)) throw fail.notFound(`Channel ${channel}`);
    const operation = operationOf(bodyOf(request));
    if (operation !== 'Ready' && operation !== 'NotReady') {
      throw fail.invalid(`Unknown operationName ${JSON.stringify(operation)} on channel ${channel}`);
    }
    const login = state.login(user.id);
    if (!login?.channels.has(channel)) {
      throw fail.state(`Channel ${channel} is not part of ${user.userName}'s contact center session`);
    }
    login.channels.set(channel, operation);
    return answer(reply, { reply: { statusCode: 0 }, after: () => notifyChannel(user, channel) });
  });

  app.get('/api/v2/me/smssessions', async (request) => {
    const user = who(request);
    const { fields } = request.query as { fields?: string };
    const mine = sms.listFor(user);
    if (!fields) return { statusCode: 0, uris: mine.map(({ session }) => sms.uri(session)) };
    return { statusCode: 0, smssessions: mine.map(({ session, party }) => sms.view(session, party, true)) };
  });

  app.get('/api/v2/me/smssessions/:id', async (request) => {
    const { session, party } = sms.find(who(request), (request.params as { id: string }).id);
    return { statusCode: 0, smssession: sms.view(session, party, true) };
  });

  app.post('/api/v2/me/smssessions/:id', async (request, reply) => {
    const user = who(request);
    const body = bodyOf(request);
    return answer(reply, sms.operate(user, (request.params as { id: string }).id, body));
  });

  // ---- the mock's own endpoints ----

  app.post('/mock/sms/inject', async (request, reply) => {
    const body = request.body as Record<string, unknown> | undefined;
    const problems = ['agent', 'from', 'nickname', 'text'].filter((k) => typeof body?.[k] !== 'string' || body[k] === '');
    if (!body || typeof body !== 'object' || problems.length > 0) {
      return reply.code(400).send({ error: `the body needs non-empty strings: ${problems.join(', ')}` });
    }
    try {
      const session = sms.inject(body as { agent: string; from: string; nickname: string; text: string });
      return reply.code(202).send({ id: session.id, uri: sms.uri(session) });
    } catch (error) {
      if (error instanceof GwsFailure) return reply.code(error.httpStatus).send({ error: error.statusMessage });
      throw error;
    }
  });

  app.get('/mock/state', async () => ({
    faults: [...state.faults],
    logins: [...state.logins].map(([userId, login]) => ({
      user: state.user(userId).userName,
      channels: Object.fromEntries(login.channels),
    })),
    smssessions: [...sms.sessions.values()].map((s) => ({
      id: s.id,
      customerConnected: s.customer.connected,
      parties: [...s.parties.values()].map((p) => ({ user: p.user.userName, state: p.state, visibility: p.visibility })),
    })),
  }));

  app.get('/mock/faults', async () => FAULTS);
}
