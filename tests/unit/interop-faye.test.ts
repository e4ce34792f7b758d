import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { expect, test } from '@playwright/test';
import Faye, { type NodeAdapter } from 'faye';
import { platformDeviceState } from '../../helpers/cometd/platform-steps';
import { NotificationRecorder } from '../../helpers/cometd/recorder';
import { HarnessError, NonConformance } from '../../helpers/errors';
import { failure } from './support';

/**
 * Interop: the harness's CometD client against a second, independent Bayeux server, faye's own
 * NodeAdapter (the mock uses the CometD project's server), over long-polling and websocket. The
 * server authorizes the handshake by the session cookie, like GWS.
 */

interface FayeServer {
  url: string;
  adapter: NodeAdapter;
  handshakes: { cookie: string; authorization: string; transport: string }[];
  clientIds: string[];
  close(): Promise<void>;
}

interface Message {
  channel: string;
  clientId?: string;
  successful?: boolean;
  error?: string;
  connectionType?: string;
}

async function startFaye(): Promise<FayeServer> {
  const adapter = new Faye.NodeAdapter({ mount: '/api/v2/notifications', timeout: 5 });
  const handshakes: FayeServer['handshakes'] = [];
  const clientIds: string[] = [];
  adapter.addExtension({
    incoming(message: unknown, request: unknown, callback: (m: unknown) => void) {
      const m = message as Message & { error?: string };
      const headers = (request as IncomingMessage | undefined)?.headers ?? {};
      // The server's own in-process client (it publishes the notifications) comes without a request.
      if (m.channel === '/meta/handshake' && request) {
        handshakes.push({ cookie: String(headers.cookie ?? ''), authorization: String(headers.authorization ?? ''), transport: headers.upgrade ? 'websocket' : 'http' });
        if (!/JSESSIONID=good-session/.test(String(headers.cookie ?? ''))) m.error = '403::handshake_denied';
      }
      callback(m);
    },
    outgoing(message: unknown, callback: (m: unknown) => void) {
      const m = message as Message;
      if (m.channel === '/meta/handshake' && m.successful && m.clientId) clientIds.push(m.clientId);
      callback(m);
    },
  } as never);
  const server: Server = createServer((_request, response) => response.writeHead(404).end());
  // Upgraded websocket connections are not closed by closeAllConnections(): keep them to end them.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  adapter.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v2/notifications`,
    adapter,
    handshakes,
    clientIds,
    close: async () => {
      adapter.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function recorder(url: string, transport: 'long-polling' | 'websocket', session = 'good-session'): NotificationRecorder {
  return new NotificationRecorder({
    url,
    user: 'agent interop',
    authorization: `Basic ${Buffer.from('interop:secret').toString('base64')}`,
    cookies: () => [['JSESSIONID', session]],
    csrf: () => undefined,
    transport,
    timeoutMs: 20_000,
    quietWindowMs: 200,
  });
}

/** A device notification shaped like the documentation's sample (SupervisorBargeIn), in the given state. */
const device = (state: string) => ({
  messageType: 'DeviceStateChangeMessage',
  devices: [
    {
      id: 'dev-1',
      deviceState: 'Active',
      userState: { id: '900D55CC-2BB0-431F-8BF9-D3525B383BE6', displayName: state, state },
      phoneNumber: '5005',
      e164Number: '5005',
      telephonyNetwork: 'Private',
      doNotDisturb: 'Off',
      voiceEnvironmentUri: 'http://127.0.0.1:8080/api/v2/voice-environments/370ef5e6-9e3c-4d91-9588-7f4dfe67e011',
      capabilities: ['ForwardCallsOn', 'DoNotDisturbOn'],
    },
  ],
});


for (const transport of ['long-polling', 'websocket'] as const) {
  test.describe(`faye NodeAdapter over ${transport}`, () => {
    test('handshake by cookie, subscription, notifications in order, a contradiction once the target is quiet', async () => {
      const faye = await startFaye();
      const client = recorder(faye.url, transport);
      try {
        await client.connect();
        expect(client.connectionType).toBe(transport);
        expect(faye.handshakes[0]).toMatchObject({ cookie: expect.stringContaining('JSESSIONID=good-session'), authorization: expect.stringMatching(/^Basic /) });

        const seen = client.expect(platformDeviceState('dev-1', 'NotReady'), platformDeviceState('dev-1', 'Ready'));
        await faye.adapter.getClient().publish('/v2/me/devices', device('NotReady'));
        await faye.adapter.getClient().publish('/v2/me/devices', device('Ready'));
        const matched = await seen;
        expect(matched.map((n) => n.channel)).toEqual(['/v2/me/devices', '/v2/me/devices']);

        const contradicted = client.expect(platformDeviceState('dev-1', 'Ready'));
        await faye.adapter.getClient().publish('/v2/me/devices', device('NotReady'));
        const { error, ms } = await failure(contradicted);
        expect((error as NonConformance).code).toBe('NOTIFICATION_CONTRADICTS');
        expect(error.message).toContain('settle window');
        expect(ms).toBeLessThan(8000);
      } finally {
        await client.disconnect();
        await faye.close();
      }
    });

    test('a handshake the server refuses is a harness error at once', async () => {
      const faye = await startFaye();
      const client = recorder(faye.url, transport, 'stale-session');
      try {
        const { error, ms } = await failure(client.connect());
        expect((error as HarnessError).code).toBe('COMETD_HANDSHAKE_REFUSED');
        expect(error.message).toContain('403::handshake_denied');
        expect(ms).toBeLessThan(3000);
      } finally {
        client.stop();
        await faye.close();
      }
    });

    test('a session the server destroys mid-test fails the pending wait at once', async () => {
      const faye = await startFaye();
      const client = recorder(faye.url, transport);
      try {
        await client.connect();
        const pending = client.expect(platformDeviceState('dev-1', 'Ready'));
        const engine = (faye.adapter as unknown as { _server: { _engine: { destroyClient(id: string): void } } })._server._engine;
        engine.destroyClient(faye.clientIds[0]!);
        const { error, ms } = await failure(pending);
        expect((error as HarnessError).code).toBe('COMETD_SESSION_DROPPED');
        expect(error.message).toMatch(/Unknown client|transport went down/);
        expect(ms).toBeLessThan(8000);
      } finally {
        client.stop();
        await faye.close();
      }
    });
  });
}
