import Faye, { type Client as FayeClient } from 'faye';
import { HarnessError } from '../errors';

/**
 * The faye client as the recorder uses it, with the few internals it must reach: the cookie jar
 * (faye drops a Cookie header once the server sets its own cookie), the transport in use, and the
 * connections to close when a session is given up.
 */

export interface FayeMessage {
  channel: string;
  successful?: boolean;
  error?: string;
  data?: unknown;
  advice?: { reconnect?: string };
  clientId?: string;
}

interface FayeClientInternals {
  _dispatcher?: {
    cookies?: { setCookieSync(cookie: string, url: string): void };
    connectionType?: string;
    close?(): void;
    transports?: { websocket?: Map<string, { close(): void }> };
  };
  _advice?: { reconnect: string };
}

export interface FayeOptions {
  url: string;
  transport: 'long-polling' | 'websocket' | 'auto';
  tls?: { ca?: Buffer | undefined; insecure?: boolean | undefined } | undefined;
  timeoutMs: number;
  /** Basic credentials sent with every CometD request; undefined: the session cookie alone. */
  authorization: string | undefined;
  cookies: [string, string][];
  csrf: { header: string; token: string } | undefined;
}

/** A client with the credentials, the CSRF header and the session cookies in faye's own jar. */
export function createFayeClient(options: FayeOptions): FayeClient {
  const client = new Faye.Client(options.url, {
    timeout: Math.max(5, Math.ceil(options.timeoutMs / 1000) * 2),
    retry: 1,
    tls: { ca: options.tls?.ca, rejectUnauthorized: !options.tls?.insecure },
  });
  if (options.transport === 'long-polling') client.disable('websocket');
  if (options.authorization) client.setHeader('Authorization', options.authorization);
  if (options.csrf) client.setHeader(options.csrf.header, options.csrf.token);
  const jar = (client as unknown as FayeClientInternals)._dispatcher?.cookies;
  if (!jar) throw new HarnessError('INTERNAL', 'the faye client has no cookie jar; the session cookie cannot be sent');
  for (const [name, value] of options.cookies) jar.setCookieSync(`${name}=${value}; Path=/`, options.url);
  return client;
}

export function connectionTypeOf(client: FayeClient | undefined): string | undefined {
  return (client as unknown as FayeClientInternals | undefined)?._dispatcher?.connectionType;
}

/** Stops the client at once, also when it never connected, without a reconnect behind the harness's back. */
export function stopFaye(client: FayeClient | undefined): void {
  const internals = client as (FayeClient & FayeClientInternals) | undefined;
  if (!internals) return;
  if (internals._advice) internals._advice.reconnect = 'none';
  try {
    internals.disconnect();
  } catch {
    // already down
  }
  internals._dispatcher?.close?.();
  // faye probes websocket even when it settles on long-polling: close the probe too.
  for (const socket of internals._dispatcher?.transports?.websocket?.values() ?? []) socket.close();
}

/** A polite /meta/disconnect, given at most 2 s. */
export async function disconnectFaye(client: FayeClient): Promise<void> {
  await new Promise<void>((resolve) => {
    const done = setTimeout(resolve, 2_000);
    const finish = () => {
      clearTimeout(done);
      resolve();
    };
    const result = client.disconnect() as { then?: (ok: () => void, fail: () => void) => void } | undefined;
    if (result?.then) result.then(finish, finish);
    else finish();
  });
}

/**
 * Subscribes and resolves on the acknowledgement; rejects on a refused subscribe, on a refused
 * handshake (reported through `onRefused`), or when `withinMs` passes first.
 */
export async function subscribeWithin(
  client: FayeClient,
  channel: string,
  withinMs: number,
  context: { user: string; url: string; seen: () => string; onRefused: (handler: ((reason: string) => void) | undefined) => void },
): Promise<void> {
  const { user, url } = context;
  const subscription = client.subscribe(channel, () => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => {
        const seen = context.seen() || 'no reply at all';
        reject(new HarnessError('COMETD_FAILURE', `${user}: no subscribe acknowledgement for ${channel} from ${url} within ${withinMs} ms (${seen})`));
      }, withinMs);
      context.onRefused((reason) =>
        reject(new HarnessError('COMETD_HANDSHAKE_REFUSED', `${user}: the CometD handshake at ${url} was refused: ${reason}`)),
      );
      subscription.then(
        () => resolve(),
        (error: { message?: string }) =>
          reject(new HarnessError('COMETD_FAILURE', `${user}: subscribing to ${channel} was refused: ${error?.message ?? String(error)}`)),
      );
    });
  } finally {
    clearTimeout(timer);
    context.onRefused(undefined);
  }
}
