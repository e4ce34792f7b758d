import type { FastifyInstance } from 'fastify';
import type { SmsDomain } from '../sms';
import type { SmsMonitoring } from '../sms-monitoring';
import type { MockState } from '../state';
import { registerMeRoutes } from './me';
import { registerMockRoutes } from './mock';
import { registerSmsRoutes } from './sms';
import { registerVoiceRoutes } from './voice';

/**
 * The routes the mock serves (under /api/v2) and its own (under /mock), one module per API area.
 * Each handler validates its input, acts on the domain, answers in the documented shape, and only
 * then lets the notifications the operation causes go out.
 */

export { MOCK_VERSION } from './me';

export function registerRoutes(app: FastifyInstance, state: MockState, sms: SmsDomain, monitoring: SmsMonitoring): void {
  registerMeRoutes(app, state);
  registerSmsRoutes(app, sms, monitoring);
  registerVoiceRoutes(app, state);
  registerMockRoutes(app, state, sms, monitoring);
}
