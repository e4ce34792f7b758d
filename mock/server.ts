import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyError } from 'fastify';
import { authenticate, SESSION_COOKIE, userOf } from './auth';
import { createBayeux, type BayeuxEndpoint } from './bayeux';
import type { FaultName } from './faults';
import { Latitude, type LatitudeName } from './latitude';
import { latitudeNotifier } from './latitude/notifier';
import { registerRoutes } from './routes';
import { SmsDomain } from './sms';
import { SmsMonitoring } from './sms-monitoring';
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
}

export interface MockHandle {
  url: string;
  port: number;
  users: MockUser[];
  state: MockState;
  sms: SmsDomain;
  bayeux: BayeuxEndpoint;
  smsInjectUrl: string;
  close(): Promise<void>;
}

const NOTIFICATIONS_PATH = /^\/api\/v2\/notifications(\/|\?|$)/;
const MAX_BAYEUX_BODY = 512 * 1024;

function errorBody(state: MockState, statusCode: number, statusMessage: string): Record<string, unknown> {
  const body: Record<string, unknown> = { statusCode, statusMessage };
  if (state.fault('sms.error.extra-fields')) Object.assign(body, { errorDetails: 'extra', timestamp: Date.now() });
  return body;
}

/** Switch `error-status`: any 4xx for a GWS error reply (the pages give statusCode only). */
const ERROR_STATUSES = [400, 401, 403, 404, 409, 422] as const;
function errorStatus(latitude: Latitude, status: number): number {
  return latitude.has('error-status') && status >= 400 && status < 500 ? latitude.pick(ERROR_STATUSES) : status;
}

/** The Bayeux endpoint reads its own body; a bound on its size and a clean 400 are added here. */
function handleBayeux(bayeux: BayeuxEndpoint, request: IncomingMessage & { body?: unknown }, response: ServerResponse): void {
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
    let messages: unknown;
    try {
      messages = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain' }).end('Malformed Bayeux message');
      return;
    }
    if (messages && typeof messages === 'object' && !Array.isArray(messages)) messages = [messages];
    const valid =
      Array.isArray(messages) &&
      messages.length > 0 &&
      messages.every((m) => m && typeof m === 'object' && typeof (m as { channel?: unknown }).channel === 'string');
    if (!valid) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end('A Bayeux request is an array of messages with a channel');
      return;
    }
    request.body = messages;
    bayeux.handle(request, response);
  });
}

export async function startMock(options: MockOptions = {}): Promise<MockHandle> {
  const users = options.users ?? defaultUsers();
  const state = new MockState(users, new Set(options.faults ?? []), {
    csrf: (options.csrf ?? true) && !(options.latitude ?? []).includes('csrf-off'),
    smsChannel: options.smsChannel ?? 'smssession',
  });
  const sms = new SmsDomain(state);
  const smsMonitoring = new SmsMonitoring(sms);
  const latitude = new Latitude(options.latitude ?? [], options.latitudeSeed ?? 0);
  state.latitude = latitude;
  const bayeux = createBayeux((request) => userOf(state, request));
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
        if (NOTIFICATIONS_PATH.test(request.url ?? '')) handleBayeux(bayeux, request, response);
        else handler(request, response);
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
      return reply.code(errorStatus(latitude, error.httpStatus)).send(errorBody(state, error.statusCode, error.statusMessage));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(errorBody(state, 10, 'The request body is too large'));
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(errorBody(state, 10, error.message));
    }
    process.stderr.write(`gws mock: internal error: ${error.stack ?? String(error)}\n`);
    return reply.code(500).send(errorBody(state, 4, 'Internal error of the mock'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(errorStatus(latitude, 404)).send(errorBody(state, 6, `No resource at ${request.method} ${request.url.split('?')[0]}`));
  });

  registerRoutes(app, state, sms, smsMonitoring);

  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const address = server!.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${options.tls ? 'https' : 'http'}://${host}:${address.port}`;
  state.baseUrl = url;

  return {
    url,
    port: address.port,
    users,
    state,
    sms,
    bayeux,
    smsInjectUrl: `${url}/mock/sms/inject`,
    async close() {
      latitude.close();
      bayeux.close();
      server?.closeAllConnections();
      await app.close();
    },
  };
}
