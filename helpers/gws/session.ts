import { Agent, errors as undiciErrors, request } from 'undici';
import { apiUrl, type Credentials } from '../config';
import { traceExchange, tracing } from '../curl';
import { HarnessError, NonConformance } from '../errors';
import { pace } from '../cometd/pace';
import { redactHeaders, redactValue, registerCredentials, registerSecret, registerSecretHeader } from '../redact';

/**
 * One user's HTTP session with GWS: its own undici Agent (connections never shared between users),
 * HTTP Basic on every request, the cookies the server set (JSESSIONID above all), and the CSRF
 * header pair learned from GET responses, sent back on every POST, PUT and DELETE.
 * Every exchange is kept, redacted, for the report.
 */

export interface TlsOptions {
  ca?: Buffer | undefined;
  insecure?: boolean | undefined;
}

export interface Exchange {
  seq: number;
  user: string;
  method: string;
  url: string;
  requestHeaders: Record<string, string | string[]>;
  requestBody: unknown;
  status: number | undefined;
  responseHeaders: Record<string, string | string[]>;
  responseBody: unknown;
  startedAt: string;
  durationMs: number;
  error?: string;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface SendOptions {
  /** false: leave out the CSRF token even when one was learned (CSRF checks). */
  withCsrf?: boolean;
  /** false: no Authorization header (authentication checks). */
  withAuth?: boolean;
  /** false: no Cookie header. */
  withCookies?: boolean;
  /** Sent as the body as it is, e.g. malformed JSON. */
  rawBody?: string;
  /** Extra or replacing headers, e.g. a wrong CSRF token. */
  headers?: Record<string, string>;
}

export class GwsReply {
  constructor(
    readonly method: Method,
    readonly path: string,
    readonly user: string,
    readonly status: number,
    readonly headers: Record<string, string | string[] | undefined>,
    readonly text: string,
    readonly durationMs: number,
  ) {}

  /** A short name for messages: "POST /api/v2/me/smssessions/X (agent1)". */
  get label(): string {
    return `${this.method} ${this.path} (${this.user})`;
  }

  private parsed: { ok: true; value: unknown } | { ok: false } | undefined;

  /** The JSON body, or a NonConformance naming what arrived instead. */
  get json(): unknown {
    if (this.parsed === undefined) {
      try {
        this.parsed = { ok: true, value: JSON.parse(this.text) };
      } catch {
        this.parsed = { ok: false };
      }
    }
    if (this.parsed.ok) return this.parsed.value;
    const contentType = String(this.headers['content-type'] ?? 'no content-type');
    const snippet = this.text.length > 200 ? `${this.text.slice(0, 200)}…` : this.text;
    throw new NonConformance(
      'NOT_JSON',
      `${this.label}: expected a JSON reply, got HTTP ${this.status} with ${contentType}: ${JSON.stringify(snippet)}`,
    );
  }

  get isJson(): boolean {
    try {
      void this.json;
      return true;
    } catch {
      return false;
    }
  }

  /** The GWS `statusCode`, when the body is a JSON object that has one. */
  get statusCode(): number | undefined {
    const body = this.isJson ? this.json : undefined;
    if (body && typeof body === 'object' && 'statusCode' in body) {
      const code = (body as { statusCode: unknown }).statusCode;
      return typeof code === 'number' ? code : undefined;
    }
    return undefined;
  }
}

let exchangeSeq = 0;

export class GwsSession {
  private readonly dispatcher: Agent;
  private readonly cookies = new Map<string, string>();
  private csrf: { header: string; token: string } | undefined;
  readonly exchanges: Exchange[] = [];
  private readonly authorization: string;

  constructor(
    readonly baseUrl: URL,
    readonly credentials: Credentials,
    private readonly options: { timeoutMs: number; tls?: TlsOptions | undefined },
  ) {
    registerCredentials(credentials.username, credentials.password);
    this.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
    this.dispatcher = new Agent({
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connectTimeout: Math.min(options.timeoutMs, 10_000),
      connect: { ca: options.tls?.ca, rejectUnauthorized: !options.tls?.insecure },
    });
  }

  get username(): string {
    return this.credentials.username;
  }

  /** The Cookie header value this session sends (for the CometD client of the same user). */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  cookieEntries(): [string, string][] {
    return [...this.cookies];
  }

  get csrfHeader(): { header: string; token: string } | undefined {
    return this.csrf;
  }

  /** Forget cookies and CSRF token, as after EndContactCenterSession invalidated the session. */
  forgetSession(): void {
    this.cookies.clear();
    this.csrf = undefined;
  }

  get(path: string): Promise<GwsReply> {
    return this.send('GET', path);
  }

  post(path: string, body: unknown): Promise<GwsReply> {
    return this.send('POST', path, body);
  }

  async send(
    method: Method,
    path: string,
    body?: unknown,
    options: SendOptions = {},
  ): Promise<GwsReply> {
    const url = apiUrl(this.baseUrl, path);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.withAuth !== false) headers.authorization = this.authorization;
    const cookie = this.cookieHeader();
    if (cookie && options.withCookies !== false) headers.cookie = cookie;
    if (method !== 'GET' && this.csrf && options.withCsrf !== false) headers[this.csrf.header] = this.csrf.token;
    const payload = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) headers['content-type'] = 'application/json';
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;

    const exchange: Exchange = {
      seq: ++exchangeSeq,
      user: this.username,
      method,
      url,
      requestHeaders: redactHeaders(headers),
      requestBody: redactValue(options.rawBody ?? body),
      status: undefined,
      responseHeaders: {},
      responseBody: undefined,
      startedAt: new Date().toISOString(),
      durationMs: 0,
    };
    this.exchanges.push(exchange);
    const started = performance.now();
    pace.noteRequest();
    let replied = false;
    try {
      const response = await request(url, { method, headers, body: payload, dispatcher: this.dispatcher });
      const text = await response.body.text();
      pace.noteReply();
      replied = true;
      exchange.durationMs = Math.round((performance.now() - started) * 10) / 10;
      exchange.status = response.statusCode;
      exchange.responseHeaders = redactHeaders(response.headers);
      this.learn(response.headers, method);
      const reply = new GwsReply(method, path, this.username, response.statusCode, response.headers, text, exchange.durationMs);
      exchange.responseBody = redactValue(reply.isJson ? reply.json : text);
      const failure = targetFailure(reply, `${method} ${url}`);
      if (failure) {
        exchange.error = failure.message;
        throw failure;
      }
      return reply;
    } catch (error) {
      if (error instanceof HarnessError) throw error;
      exchange.durationMs = Math.round((performance.now() - started) * 10) / 10;
      const failure = describeNetworkError(error, `${method} ${url}`, this.options.timeoutMs);
      exchange.error = failure.message;
      throw failure;
    } finally {
      if (!replied) pace.noteNoReply();
      if (tracing()) traceExchange({ method, url, username: this.username, password: this.credentials.password, headers, body: payload, csrf: this.csrf }, { ...exchange, body: exchange.responseBody });
    }
  }

  private learn(headers: Record<string, string | string[] | undefined>, method: Method): void {
    const setCookie = headers['set-cookie'];
    for (const line of setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq <= 0) continue;
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else {
        this.cookies.set(name, value);
        registerSecret(value);
      }
    }
    if (method === 'GET') {
      const name = headers['x-csrf-header'];
      const token = headers['x-csrf-token'];
      if (typeof name === 'string' && typeof token === 'string' && name && token) {
        this.csrf = { header: name, token };
        registerSecretHeader(name);
        registerSecret(token);
      }
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

/**
 * An HTTP 5xx whose body is not a GWS reply (a JSON object with a numeric statusCode) says the
 * target, or a proxy or load balancer in front of it, failed: no verdict on the operation can be
 * drawn from it, wherever it happens. A 5xx that carries a GWS reply (statusCode 4, "Voice service
 * is not available") is the server's documented answer and is judged like any other.
 * docs/verdicts.md gives the whole classification.
 */
export function targetFailure(reply: GwsReply, what: string): HarnessError | undefined {
  if (reply.status < 500 || reply.statusCode !== undefined) return undefined;
  const contentType = String(reply.headers['content-type'] ?? 'no content-type');
  const snippet = reply.text.length > 200 ? `${reply.text.slice(0, 200)}…` : reply.text;
  return new HarnessError(
    'TARGET_ERROR',
    `${what}: HTTP ${reply.status} with ${contentType} instead of a GWS reply: the target, or a proxy in front of it, failed ` +
      `(no verdict on the server's conformance): ${JSON.stringify(snippet)}`,
  );
}

/** Turns undici's failures into harness errors that say what happened, not a stack of internals. */
export function describeNetworkError(error: unknown, what: string, timeoutMs: number): HarnessError {
  const err = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = err.code ?? err.cause?.code ?? '';
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
    return new HarnessError('REQUEST_TIMEOUT', `${what}: no reply within ${timeoutMs} ms`, { cause: error });
  }
  if (error instanceof undiciErrors.ConnectTimeoutError) {
    return new HarnessError('TARGET_UNREACHABLE', `${what}: connection timed out`, { cause: error });
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(code) || /certificate|SSL|TLS/i.test(err.message ?? '')) {
    return new HarnessError(
      'TLS_FAILURE',
      `${what}: TLS failure (${code || err.message}); set GWS_TLS_CA_FILE to the server's CA, or GWS_TLS_INSECURE=true for a test server`,
      { cause: error },
    );
  }
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)) {
    return new HarnessError('TARGET_UNREACHABLE', `${what}: target unreachable (${code})`, { cause: error });
  }
  if (['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(code) || error instanceof undiciErrors.SocketError) {
    return new HarnessError('CONNECTION_RESET', `${what}: the connection was closed by the target before a reply (${code || 'socket error'})`, {
      cause: error,
    });
  }
  return new HarnessError('INTERNAL', `${what}: ${err.message ?? String(error)}`, { cause: error });
}
