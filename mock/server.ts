import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyError } from 'fastify';
import { authenticate, identify, SESSION_COOKIE } from './auth';
import { createBayeux, type BayeuxEndpoint } from './bayeux';
import { checkBayeux, checkBrowserCookie } from './bayeux-guard';
import type { FaultName } from './faults';
import { Latitude, type LatitudeName } from './latitude';
import { latitudeNotifier } from './latitude/notifier';
import { registerRoutes } from './routes';
import { createDomains, type Domains } from './domains';
import { smsFault } from './sms/faults';
import { GwsFailure, MockState } from './state';
import { defaultUsers, type MockUser } from './users';

/**
 * The embedded GWS simulator: one HTTP server carrying the REST API (fastify), the notification
 * endpoint (CometD's Node server) and the mock's own /mock endpoints.
 */

export interface MockOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  users?: MockUser[];
  faults?: FaultName[];
  /** CSRF protection, on by default as on a hardened GWS. */
  csrf?: boolean;
  smsChannel?: string;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Conformant variations (mock/latitude) and the seed of every choice they make. */
  latitude?: LatitudeName[];
  latitudeSeed?: number;
  /**
   * Required on the mock's own /mock/ endpoints (header X-Mock-Token or query ?token=). Default:
   * none on a loopback host, a random one on any other host (the handle says which).
   */
  mockToken?: string;
  /** Where the mock's one-line reports of refused or failed requests go; default stderr. */
  log?: (line: string) => void;
}

export interface MockHandle {
  url: string;
  port: number;
  users: MockUser[];
  state: MockState;
  /** The SMS sessions (the e2e tests inject and inspect them directly). */
  sms: Domains['sms'];
  bayeux: BayeuxEndpoint;
  smsInjectUrl: string;
  /** The token the /mock/ endpoints require, if any. */
  mockToken: string | undefined;
  close(): Promise<void>;
}

const NOTIFICATIONS_PATH = /^\/api\/v2\/notifications(\/|\?|$)/;
const MAX_BAYEUX_BODY = 512 * 1024;

function errorBody(state: MockState, statusCode: number, statusMessage: string): Record<string, unknown> {
  const body: Record<string, unknown> = { statusCode, statusMessage };
  if (smsFault(state, 'sms.error.extra-fields')) Object.assign(body, { errorDetails: 'extra', timestamp: Date.now() });
  return body;
}

/**
 * Switch `error-status`: another plausible 4xx for a GWS error reply (the pages give statusCode
 * only): 401 or 403 for Access denied, a client error other than 401 for the rest.
 */
const ERROR_STATUSES = [400, 403, 404, 409, 422] as const;
const ACCESS_DENIED_STATUSES = [401, 403] as const;
function errorStatus(latitude: Latitude, status: number, statusCode: number): number {
  if (!latitude.has('error-status') || status < 400 || status >= 500) return status;
  return latitude.pick(statusCode === 20 ? ACCESS_DENIED_STATUSES : ERROR_STATUSES);
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Whether a /mock/ request carries the token (header X-Mock-Token or query ?token=). */
function carriesToken(request: IncomingMessage, token: string): boolean {
  const header = request.headers['x-mock-token'];
  if (header === token) return true;
  try {
    return new URL(request.url ?? '/', 'http://mock').searchParams.get('token') === token;
  } catch {
    return false;
  }
}

/**
 * The Bayeux endpoint's body is read here, with a bound on its size, and checked (bayeux-guard)
 * before the library sees it: what is not a Bayeux request gets a 400, an invalid message an
 * unsuccessful Bayeux reply, and the mock logs one line.
 */
function handleBayeux(
  bayeux: BayeuxEndpoint,
  request: IncomingMessage & { body?: Record<string, unknown>[] },
  response: ServerResponse,
  log: (line: string) => void,
): void {
  if (request.method !== 'POST') {
    response.writeHead(405, { 'content-type': 'text/plain' }).end('CometD endpoint: POST only');
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BAYEUX_BODY && !refused) {
      refused = true;
      response.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end('Bayeux message too large');
      request.resume();
    } else if (!refused) chunks.push(chunk);
  });
  request.on('end', () => {
    if (refused) return;
    try {
      answerBayeux(bayeux, request, response, log, Buffer.concat(chunks));
    } catch (error) {
      log(`internal error on a CometD request: ${String((error as Error)?.message ?? error).slice(0, 200)}`);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      if (!response.writableEnded) response.end('Internal error of the mock');
    }
  });
}

function answerBayeux(
  bayeux: BayeuxEndpoint,
  request: IncomingMessage & { body?: Record<string, unknown>[] },
  response: ServerResponse,
  log: (line: string) => void,
  raw: Buffer,
): void {
  let messages: unknown;
  try {
    messages = JSON.parse(raw.toString('utf8'));
  } catch {
    log('refused a CometD request: malformed JSON');
    response.writeHead(400, { 'content-type': 'text/plain' }).end('Malformed Bayeux message');
    return;
  }
  const badCookie = checkBrowserCookie(request.headers.cookie);
  if (badCookie) {
    log(`refused a CometD request: ${badCookie}`);
    response.writeHead(400, { 'content-type': 'text/plain' }).end(badCookie);
    return;
  }
  const checked = checkBayeux(messages);
  if (!checked.ok) {
    log(`refused a CometD request: ${checked.reason}`);
    if (checked.http === 400) response.writeHead(400, { 'content-type': 'text/plain' }).end(checked.reason);
    else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(checked.replies));
    return;
  }
  request.body = checked.messages;
  bayeux.handle(request, response);
}

export async function startMock(options: MockOptions = {}): Promise<MockHandle> {
  const users = options.users ?? defaultUsers();
  const state = new MockState(users, new Set(options.faults ?? []), {
    csrf: (options.csrf ?? true) && !(options.latitude ?? []).includes('csrf-off'),
    smsChannel: options.smsChannel ?? 'smssession',
  });
  const domains = createDomains(state);
  const latitude = new Latitude(options.latitude ?? [], options.latitudeSeed ?? 0);
  state.latitude = latitude;
  const log = options.log ?? ((line: string) => process.stderr.write(`gws mock: ${line}\n`));
  const host = options.host ?? '127.0.0.1';
  const mockToken = options.mockToken ?? (LOOPBACK.test(host) ? undefined : randomBytes(16).toString('hex'));
  const bayeux = createBayeux((request) => identify(state, request), { log });
  const deliver = (userId: string, channel: string, data: Record<string, unknown>) => bayeux.deliver(userId, channel, data);
  state.notifier = latitude.active ? latitudeNotifier(latitude, deliver, () => state.baseUrl) : deliver;

  let server: Server | undefined;
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    forceCloseConnections: true,
    // A URL the router cannot decode (a stray %) gets the documented error shape too.
    frameworkErrors: (error, _request, reply) => {
      void (reply as unknown as { code(n: number): { send(body: unknown): unknown } }).code(400).send(errorBody(state, 10, error.message));
    },
    serverFactory: (handler) => {
      const listener: RequestListener = (request, response) => {
        try {
          if (NOTIFICATIONS_PATH.test(request.url ?? '')) handleBayeux(bayeux, request, response, log);
          else handler(request, response);
        } catch (error) {
          log(`internal error: ${String((error as Error)?.message ?? error).slice(0, 200)}`);
          if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
          if (!response.writableEnded) response.end(JSON.stringify(errorBody(state, 4, 'Internal error of the mock')));
        }
      };
      server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createServer(listener);
      // Long polls are held up to the CometD timeout: keep Node from cutting them first.
      server.requestTimeout = 60_000;
      server.headersTimeout = 30_000;
      return server;
    },
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new GwsFailure(10, 'The request body is not valid JSON', 400) as unknown as FastifyError, undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    request.mockLatitude = latitude;
    if (mockToken !== undefined && request.url.startsWith('/mock/') && !carriesToken(request.raw, mockToken)) {
      return reply.code(401).send({ error: 'the /mock/ endpoints need the token the mock printed at start-up (X-Mock-Token or ?token=)' });
    }
    if (!request.url.startsWith('/api/v2/') || request.url.startsWith('/api/v2/diagnostics/version')) return;
    const auth = authenticate(state, request.raw);
    request.gws = auth;
    if (auth.fresh) reply.header('set-cookie', `${SESSION_COOKIE}=${auth.session.id}; Path=/; HttpOnly`);
  });

  app.addHook('preHandler', async (request, reply) => {
    const auth = request.gws;
    if (!auth || !state.settings.csrf) return;
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') {
      reply.header('X-CSRF-HEADER', 'X-CSRF-TOKEN');
      reply.header('X-CSRF-TOKEN', auth.session.csrfToken);
      return;
    }
    const token = request.headers['x-csrf-token'];
    if (auth.fresh || token !== auth.session.csrfToken) {
      await reply.code(403).type('text/plain').send('Missing or invalid Csrf token');
    }
  });

  // Switch `extra-members`, `shuffled-lists`, `capability-spelling`: successful replies reshaped.
  app.addHook('preSerialization', async (request, _reply, payload) => {
    const body = payload as Record<string, unknown> | null;
    if (!latitude.active || !request.url.startsWith('/api/v2/') || !body || typeof body !== 'object' || body.statusCode !== 0) return payload;
    return latitude.reshape(body, 'reply');
  });

  app.setErrorHandler((error: FastifyError | GwsFailure, _request, reply) => {
    if (error instanceof GwsFailure) {
      return reply.code(errorStatus(latitude, error.httpStatus, error.statusCode)).send(errorBody(state, error.statusCode, error.statusMessage));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(errorBody(state, 10, 'The request body is too large'));
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(errorBody(state, 10, error.message));
    }
    log(`internal error: ${String(error.message).slice(0, 200)}`);
    return reply.code(500).send(errorBody(state, 4, 'Internal error of the mock'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(errorStatus(latitude, 404, 6)).send(errorBody(state, 6, `No resource at ${request.method} ${request.url.split('?')[0]}`));
  });

  registerRoutes(app, state, domains);

  await app.listen({ host, port: options.port ?? 0 });
  const address = server!.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${options.tls ? 'https' : 'http'}://${shownHost}:${address.port}`;
  state.baseUrl = url;

  return {
    url,
    port: address.port,
    users,
    state,
    sms: domains.sms,
    bayeux,
    smsInjectUrl: `${url}/mock/sms/inject${mockToken ? `?token=${mockToken}` : ''}`,
    mockToken,
    async close() {
      latitude.close();
      bayeux.close();
      server?.closeAllConnections();
      await app.close();
    },
  };
}
