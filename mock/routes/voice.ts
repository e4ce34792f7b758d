import type { FastifyInstance } from 'fastify';
import type { MockState } from '../state';
import { MonitoringDomain } from '../monitoring';
import { VoiceDomain } from '../voice';
import { answer, bodyOf, operationOf, who } from './common';

/** The Voice API: the user's own device (supervisor monitoring, Dial) and calls. */
export function registerVoiceRoutes(app: FastifyInstance, state: MockState): void {
  const voice = new VoiceDomain(state);
  const monitoring = new MonitoringDomain(state, voice);
  const idOf = (params: unknown) => (params as { id: string }).id;

  app.post('/api/v2/me/devices/:id', async (request, reply) => {
    const user = who(request);
    const body = bodyOf(request);
    return answer(reply, monitoring.deviceOperation(user, idOf(request.params), operationOf(body), body));
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
    return answer(reply, voice.callOperation(user, idOf(request.params), operation));
  });
}
