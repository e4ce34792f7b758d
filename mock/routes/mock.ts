import type { FastifyInstance } from 'fastify';
import { FAULTS } from '../faults';
import type { SmsDomain } from '../sms';
import { GwsFailure, type MockState } from '../state';

/** The mock's own endpoints, never called by the suites except through GWS_SMS_INJECT_URL. */
export function registerMockRoutes(app: FastifyInstance, state: MockState, sms: SmsDomain): void {
  app.post('/mock/sms/inject', async (request, reply) => {
    const body = request.body as Record<string, unknown> | undefined;
    const problems = ['agent', 'from', 'nickname', 'text'].filter((k) => typeof body?.[k] !== 'string' || body[k] === '');
    if (!body || typeof body !== 'object' || problems.length > 0) {
      return reply.code(400).send({ error: `the body needs non-empty strings: ${problems.join(', ')}` });
    }
    try {
      const session = sms.inject(body as { agent: string; from: string; nickname: string; text: string });
      return reply.code(202).send({ id: session.id, uri: sms.uri(session) });
    } catch (error) {
      if (error instanceof GwsFailure) return reply.code(error.httpStatus).send({ error: error.statusMessage });
      throw error;
    }
  });

  // Every top-level list but `faults` is something a run can leave behind: after a run all are empty.
  app.get('/mock/state', async () => ({
    faults: [...state.faults],
    logins: [...state.logins].map(([userId, login]) => ({
      user: state.user(userId).userName,
      channels: Object.fromEntries(login.channels),
    })),
    smssessions: [...sms.sessions.values()].map((s) => ({
      id: s.id,
      customerConnected: s.customer.connected,
      parties: [...s.parties.values()].map((p) => ({ user: p.user.userName, state: p.state, visibility: p.visibility })),
    })),
  }));

  app.get('/mock/faults', async () => FAULTS);
}
