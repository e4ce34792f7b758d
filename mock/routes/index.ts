import type { FastifyInstance } from 'fastify';
import type { Domains } from '../domains';
import { registerSmsRoutes } from '../sms/routes';
import type { MockState } from '../state';
import { registerVoiceRoutes } from '../voice/routes';
import { registerMeRoutes } from './me';
import { registerMockRoutes } from './mock';

/**
 * The routes the mock serves (under /api/v2) and its own (under /mock): the user's own resources
 * here, each API area's beside its code (mock/sms/routes.ts, mock/voice/routes.ts). Each handler
 * validates its input, acts on the domain, answers in the documented shape, and only then lets the
 * notifications the operation causes go out.
 */

export { MOCK_VERSION } from './me';

export function registerRoutes(app: FastifyInstance, state: MockState, domains: Domains): void {
  registerMeRoutes(app, state, domains.voice);
  registerSmsRoutes(app, domains.sms, domains.smsMonitoring);
  registerVoiceRoutes(app, state, domains.voice, domains.voiceMonitoring);
  registerMockRoutes(app, state, domains);
}
