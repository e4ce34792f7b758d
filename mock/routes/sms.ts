import type { FastifyInstance } from 'fastify';
import type { SmsDomain } from '../sms';
import { answer, bodyOf, who } from './common';

/** The SMS Session API: the user's own sessions. */
export function registerSmsRoutes(app: FastifyInstance, sms: SmsDomain): void {
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
}
