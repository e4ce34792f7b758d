import type { FastifyInstance } from 'fastify';
import { deviceView, notifyDevice, type DeviceSource } from '../voice/devices';
import { fail, USER_STATES, type ChannelState, type MockState } from '../state';
import type { MockUser } from '../users';
import { answer, bodyOf, operationOf, who } from './common';
import { shown } from '../guard';

/** The user's own resources: /me, the contact-center session, channels and devices. */

export const MOCK_VERSION = '8.5.2-gws-conformance-mock';

export function registerMeRoutes(app: FastifyInstance, state: MockState, voice: DeviceSource): void {
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

  const notifyChannel = (user: MockUser, channel: string) => {
    if (channel === 'voice') return notifyDevice(voice, user);
    const userState = USER_STATES[state.channelState(user.id, channel) ?? 'NotReady'];
    state.notify(user.id, '/v2/me/channels', {
      messageType: 'ChannelStateChangeMessageV2',
      channels: [{ channel, dndState: 'Off', userState }],
    });
  };

  app.get('/api/v2/diagnostics/version', async () => ({ statusCode: 0, version: MOCK_VERSION }));

  app.get('/api/v2/me', async (request) => {
    const user = who(request);
    const query = request.query as { subresources?: string };
    const view: Record<string, unknown> = userView(user);
    if (query.subresources) view.devices = [deviceView(voice, user)];
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
      if (known.length === 0) throw fail.notFound(`Channel ${shown(unknown[0] ?? '')}`);
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
    throw fail.invalid(`Unknown operationName ${shown(operation)} on /api/v2/me`);
  });

  app.get('/api/v2/me/devices', async (request) => {
    const user = who(request);
    const { fields } = request.query as { fields?: string };
    return fields ? { statusCode: 0, devices: [deviceView(voice, user)] } : { statusCode: 0, uris: [state.deviceUri(user)] };
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
      throw fail.invalid(`Unknown operationName ${shown(operation)} on channel ${channel}`);
    }
    const login = state.login(user.id);
    if (!login?.channels.has(channel)) {
      throw fail.state(`Channel ${channel} is not part of ${user.userName}'s contact center session`);
    }
    login.channels.set(channel, operation);
    return answer(reply, { reply: { statusCode: 0 }, after: () => notifyChannel(user, channel) });
  });
}
