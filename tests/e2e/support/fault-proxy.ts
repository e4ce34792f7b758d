import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback proxy in front of the mock that makes it misbehave on purpose, one rule at a time: a
 * reset connection, a 5xx or an HTML page instead of JSON, a reply slower than the timeout, a
 * refused or dropped CometD session, or a deviation from the documentation (a reply rewritten).
 * Both the REST API and the CometD long polls go through it. It logs every request it saw.
 */

export interface ProxiedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, when it is. */
  json: unknown;
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

export type Action =
  | { kind: 'respond'; status: number; body: string; contentType?: string; headers?: Record<string, string> }
  | { kind: 'reset' }
  /** Forward, then answer only after `ms`. */
  | { kind: 'delay'; ms: number }
  /** Forward this body instead of the one received. */
  | {
      kind: 'forward';
      body?: string;
      before?: () => void | Promise<void>;
      /** May rewrite the response, or hold it back until something happened. */
      after?: (response: ProxiedResponse) => ProxiedResponse | void | Promise<ProxiedResponse | void>;
    };

/** Returns what to do with a request, or undefined to let the next rule (or plain forwarding) decide. */
export type Rule = (request: ProxiedRequest) => Action | undefined;

export interface FaultProxy {
  url: string;
  log: { method: string; path: string; status: number | 'reset'; body: string }[];
  rules: Rule[];
  close(): Promise<void>;
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export async function startFaultProxy(target: string, rules: Rule[] = []): Promise<FaultProxy> {
  const upstream = new URL(target);
  const log: FaultProxy['log'] = [];
  const sockets = new Set<Socket>();
  const proxy: FaultProxy = { url: '', log, rules, close: async () => undefined };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const seen: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, json: parse(body) };
      const action = proxy.rules.reduce<Action | undefined>((found, rule) => found ?? rule(seen), undefined) ?? { kind: 'forward' };
      const entry = { method: seen.method, path: seen.path, status: 0 as number | 'reset', body };
      log.push(entry);
      if (action.kind === 'reset') {
        entry.status = 'reset';
        req.socket.destroy();
        return;
      }
      if (action.kind === 'respond') {
        entry.status = action.status;
        res.writeHead(action.status, { 'content-type': action.contentType ?? 'application/json', ...action.headers }).end(action.body);
        return;
      }
      void (async () => {
        if (action.kind === 'forward') await action.before?.();
        const outgoing = action.kind === 'forward' && action.body !== undefined ? action.body : body;
        const headers = { ...req.headers, host: upstream.host, 'content-length': String(Buffer.byteLength(outgoing)) };
        const forwarded = httpRequest(
          { host: upstream.hostname, port: upstream.port, method: seen.method, path: seen.path, headers },
          (upstreamRes) => {
            const parts: Buffer[] = [];
            upstreamRes.on('data', (chunk: Buffer) => parts.push(chunk));
            upstreamRes.on('end', async () => {
              let response: ProxiedResponse = {
                status: upstreamRes.statusCode ?? 502,
                headers: upstreamRes.headers as Record<string, string | string[]>,
                body: Buffer.concat(parts).toString('utf8'),
              };
              if (action.kind === 'forward' && action.after) response = (await action.after(response)) ?? response;
              const send = () => {
                entry.status = response.status;
                const outHeaders: Record<string, string | string[]> = { ...response.headers, 'content-length': String(Buffer.byteLength(response.body)) };
                delete outHeaders['transfer-encoding'];
                if (!res.destroyed) res.writeHead(response.status, outHeaders).end(response.body);
              };
              if (action.kind === 'delay') setTimeout(send, action.ms);
              else send();
            });
          },
        );
        forwarded.on('error', () => res.destroy());
        forwarded.end(outgoing);
      })();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}

/** The Bayeux messages of a CometD request through the proxy. */
export function bayeuxMessages(request: ProxiedRequest): { channel?: string; id?: string; clientId?: string }[] {
  if (!request.path.startsWith('/api/v2/notifications') || !Array.isArray(request.json)) return [];
  return request.json as { channel?: string; id?: string }[];
}
