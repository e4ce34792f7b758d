import type { FastifyInstance } from 'fastify';
import type { SmsDomain } from './domain';
import { operateSmsSession } from './operations';
import type { SmsMonitoring } from './monitoring';
import { answer, bodyOf, who } from '../routes/common';

/** The SMS Session API: the user's own sessions, and a supervisor's on an agent's. */
export function registerSmsRoutes(app: FastifyInstance, sms: SmsDomain, monitoring: SmsMonitoring): void {
  app.post('/api/v2/users/:userId/channels/:channel', async (request, reply) => {
    const { userId, channel } = request.params as { userId: string; channel: string };
    return answer(reply, monitoring.channelOperation(who(request), userId, channel, bodyOf(request)));
  });

  app.post('/api/v2/users/:userId/smssessions/:id', async (request, reply) => {
    const { userId, id } = request.params as { userId: string; id: string };
    return answer(reply, monitoring.intrude(who(request), userId, id, bodyOf(request)));
  });

  app.get('/api/v2/me/smssessions', async (request) => {
    const user = who(request);
    const { fields } = request.query as { fields?: string };
    const mine = sms.listFor(user);
    if (!fields) return { statusCode: 0, uris: mine.map(({ session }) => sms.uri(session)) };
    return { statusCode: 0, smssessions: mine.map(({ session, party }) => sms.view(session, party, true)) };
  });

  // A session's `uri` (the injector's reply, the notifications) is printed without `/me`
  // (/api/v2/smssessions/{id}): that form is served too, for the authenticated user, as with `/me`.
  for (const path of ['/api/v2/me/smssessions/:id', '/api/v2/smssessions/:id']) {
    app.get(path, async (request) => {
      const { session, party } = sms.find(who(request), (request.params as { id: string }).id);
      return { statusCode: 0, smssession: sms.view(session, party, true) };
    });

    app.post(path, async (request, reply) => {
      const user = who(request);
      const body = bodyOf(request);
      return answer(reply, operateSmsSession(sms, user, (request.params as { id: string }).id, body));
    });
  }
}
