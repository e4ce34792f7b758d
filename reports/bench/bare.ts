import Faye, { type Client as FayeClient } from 'faye';
import { Agent, request } from 'undici';

/**
 * The baseline of the overhead measurement: what a person would write without the harness, with
 * undici and faye directly. HTTP Basic, the session cookie, the CSRF pair, a CometD client with
 * the cookie in faye's jar, subscribe to /v2/me/*, and notifications waited for by hand. No
 * schemas, no exchange log, no redaction, no report steps.
 */

export type Data = Record<string, unknown>;
export type Predicate = (channel: string, data: Data) => boolean;

export interface Arrival {
  channel: string;
  data: Data;
  /** performance.now() when faye handed it over. */
  at: number;
}

/** Told of every REST call: what, how long until the body was read, and what went wrong if anything. */
export type CallObserver = (what: string, ms: number, error?: string) => void;

interface FayeInternals {
  _dispatcher?: { cookies?: { setCookieSync(cookie: string, url: string): void }; close?(): void };
}

export class BareUser {
  private readonly dispatcher = new Agent();
  private readonly cookies = new Map<string, string>();
  private csrf: { header: string; token: string } | undefined;
  private readonly authorization: string;
  private client: FayeClient | undefined;
  private readonly waiters = new Set<(arrival: Arrival) => void>();
  readonly received: Arrival[] = [];
  id = '';
  observer: CallObserver | undefined;

  constructor(
    private readonly baseUrl: string,
    readonly username: string,
    password: string,
    private readonly timeoutMs = 5_000,
    /** Keep every notification in `received` (off under load, to keep the generator small). */
    private readonly keepReceived = false,
  ) {
    this.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }

  async call(method: 'GET' | 'POST', path: string, body?: Data): Promise<Data> {
    if (!this.observer) return this.send(method, path, body);
    const what = `${method} ${path.replace(/\/[0-9A-Za-z]{16,}/g, '/{id}').replace(/\?.*$/, '')}${body?.operationName ? ` ${String(body.operationName)}` : ''}`;
    const started = performance.now();
    try {
      const reply = await this.send(method, path, body);
      this.observer(what, performance.now() - started);
      return reply;
    } catch (error) {
      this.observer(what, performance.now() - started, (error as Error).message);
      throw error;
    }
  }

  private async send(method: 'GET' | 'POST', path: string, body?: Data): Promise<Data> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: this.authorization };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method === 'POST' && this.csrf) headers[this.csrf.header] = this.csrf.token;
    if (body) headers['content-type'] = 'application/json';
    const response = await request(`${this.baseUrl}/api/v2${path}`, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
      dispatcher: this.dispatcher,
    });
    const setCookie = response.headers['set-cookie'];
    for (const line of setCookie === undefined ? [] : [setCookie].flat()) {
      const [name, value] = line.split(';')[0]!.split('=');
      if (name && value) this.cookies.set(name.trim(), value.trim());
    }
    const csrfHeader = response.headers['x-csrf-header'];
    const csrfToken = response.headers['x-csrf-token'];
    if (method === 'GET' && typeof csrfHeader === 'string' && typeof csrfToken === 'string') this.csrf = { header: csrfHeader, token: csrfToken };
    const json = (await response.body.json()) as Data;
    if (response.statusCode >= 300 || json.statusCode !== 0) {
      throw new Error(`${method} ${path} (${this.username}): HTTP ${response.statusCode} ${JSON.stringify(json)}`);
    }
    return json;
  }

  /** Resolves with the notifications matching each predicate, in order; arm it before acting. */
  waitFor(...predicates: Predicate[]): Promise<Arrival[]> {
    return new Promise((resolve, reject) => {
      const found: Arrival[] = [];
      const waiter = (arrival: Arrival) => {
        if (!predicates[found.length]!(arrival.channel, arrival.data)) return;
        found.push(arrival);
        if (found.length === predicates.length) {
          this.waiters.delete(waiter);
          clearTimeout(timer);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`${this.username}: ${found.length}/${predicates.length} notifications within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.waiters.add(waiter);
    });
  }

  async connect(): Promise<void> {
    const url = `${this.baseUrl}/api/v2/notifications`;
    const client = new Faye.Client(url, { timeout: 10, retry: 1 });
    this.client = client;
    client.disable('websocket');
    client.setHeader('Authorization', this.authorization);
    if (this.csrf) client.setHeader(this.csrf.header, this.csrf.token);
    const jar = (client as unknown as FayeInternals)._dispatcher!.cookies!;
    for (const [name, value] of this.cookies) jar.setCookieSync(`${name}=${value}; Path=/`, url);
    const subscription = client.subscribe('/v2/me/*', () => undefined);
    client.addExtension({
      incoming: (message, callback) => {
        const m = message as { channel: string; data?: unknown };
        if (!m.channel.startsWith('/meta/') && m.data && typeof m.data === 'object') {
          const arrival = { channel: m.channel, data: m.data as Data, at: performance.now() };
          if (this.keepReceived) this.received.push(arrival);
          for (const waiter of [...this.waiters]) waiter(arrival);
        }
        callback(message);
      },
    });
    await new Promise<void>((resolve, reject) => subscription.then(resolve, (e) => reject(new Error(`subscribe: ${e?.message ?? 'refused'}`))));
  }

  async login(smsChannel = 'smssession'): Promise<void> {
    const me = await this.call('GET', '/me');
    this.id = (me.user as { id: string }).id;
    await this.call('GET', '/me/devices?fields=*');
    await this.connect();
    await this.call('POST', '/me', { operationName: 'StartContactCenterSession', channels: ['voice', smsChannel] });
    for (const channel of ['voice', smsChannel]) await this.call('POST', `/me/channels/${channel}`, { operationName: 'Ready' });
  }

  async logout(): Promise<void> {
    const client = this.client;
    if (client) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2_000);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        const result = client.disconnect();
        if (result) result.then(done, done);
        else done();
      });
      (client as unknown as FayeInternals)._dispatcher?.close?.();
    }
    await this.call('POST', '/me', { operationName: 'EndContactCenterSession' });
    await this.dispatcher.close();
  }
}

/** POST {inject} {"agent","from","nickname","text"} with its own connection, as the harness's injector does. */
export class BareInjector {
  private readonly dispatcher = new Agent();
  constructor(private readonly url: string) {}

  async inject(agent: string, text: string, nickname = 'PersonP'): Promise<void> {
    const response = await request(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agent, from: '+15550100', nickname, text }),
      dispatcher: this.dispatcher,
    });
    await response.body.text();
    if (response.statusCode >= 300) throw new Error(`SMS injection for ${agent}: HTTP ${response.statusCode}`);
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}

/** Predicates for the SMS notifications the scenarios wait for. */
export const smsWith =
  (notificationType: string, state?: string, id?: () => string): Predicate =>
  (_channel, data) => {
    const session = data.smssession as { id?: string; state?: string } | undefined;
    return (
      data.messageType === 'SMSsessionStateChangeMessage' &&
      data.notificationType === notificationType &&
      (state === undefined || session?.state === state) &&
      (id === undefined || session?.id === id())
    );
  };

export const newMessagesOf =
  (id: () => string): Predicate =>
  (_channel, data) =>
    data.messageType === 'MessageLogUpdated' && typeof data.smssessionUri === 'string' && data.smssessionUri.endsWith(`/${id()}`);
