import type { FastifyInstance } from 'fastify';
import { GwsFailure, type MockState, type Outcome } from '../state';
import type { MockUser } from '../users';
import type { MonitoringDomain } from './monitoring';
import type { VoiceDomain } from './calls';
import { CALLS_TOPIC } from './model';
import { answer, bodyOf, operationOf, who } from '../routes/common';

/** The Voice API: the user's own device (supervisor monitoring, Dial) and calls. */
export function registerVoiceRoutes(app: FastifyInstance, state: MockState, voice: VoiceDomain, monitoring: MonitoringDomain): void {
  const idOf = (params: unknown) => (params as { id: string }).id;

  /**
   * Switch `async-refusals`: a refusal of an operation on an existing call or device of the user
   * (statusCode 1, 2, 10, 19) is answered 0 and sent as an ErrorMessage on the resource's topic.
   */
  const refusedLater = (user: MockUser, topic: string, resourceUri: string, operationName: string, act: () => Outcome): Outcome => {
    if (!state.latitude.has('async-refusals')) return act();
    try {
      return act();
    } catch (error) {
      if (!(error instanceof GwsFailure) || ![1, 2, 10, 19].includes(error.statusCode)) throw error;
      const data = { messageType: 'ErrorMessage', errorCode: error.statusCode, errorMessage: error.statusMessage, operationName, uri: resourceUri };
      return { reply: { statusCode: 0 }, after: () => state.notify(user.id, topic, data) };
    }
  };

  app.post('/api/v2/me/devices/:id', async (request, reply) => {
    const user = who(request);
    const body = bodyOf(request);
    const id = idOf(request.params);
    const operation = operationOf(body);
    const uri = `${state.baseUrl}/api/v2/devices/${id}`;
    return answer(reply, refusedLater(user, '/v2/me/devices', uri, operation, () => monitoring.deviceOperation(user, id, operation, body)));
  });

  app.post('/api/v2/me/devices/:id/calls', async (request, reply) => {
    const user = who(request);
    const body = bodyOf(request);
    return answer(reply, voice.dial(user, idOf(request.params), operationOf(body), body));
  });

  app.get('/api/v2/me/calls', async (request) => {
    const mine = voice.listFor(who(request));
    const { fields } = request.query as { fields?: string };
    if (!fields) return { statusCode: 0, uris: mine.map(({ call }) => voice.uri(call)) };
    return { statusCode: 0, calls: mine.map(({ call, leg }) => voice.view(call, leg)) };
  });

  app.get('/api/v2/me/calls/:id', async (request) => {
    const { call, leg } = voice.find(who(request), idOf(request.params));
    return { statusCode: 0, call: voice.view(call, leg) };
  });

  app.post('/api/v2/me/calls/:id', async (request, reply) => {
    const user = who(request);
    const operation = operationOf(bodyOf(request));
    const id = idOf(request.params);
    voice.find(user, id);
    return answer(reply, refusedLater(user, CALLS_TOPIC, `${state.baseUrl}/api/v2/me/calls/${id}`, operation, () => voice.callOperation(user, id, operation)));
  });
}
