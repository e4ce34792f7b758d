import type { SmsSupervisorMode } from '../harness';

/**
 * What the SMS supervision specs share besides the scenes and steps (helpers/gws/scenes/sms.ts):
 * the reading a check on Coach visibility rests on.
 */

export const COACH_INFERENCE =
  "Coach visibility Agents: the SwitchToCoach sample is cut off before the supervisor's visibility; Agents is read from the Coach page and the SendToAgents pages.";

/** Marks a check on Coach visibility as resting on that inference. */
export const inferredFor = (...modes: SmsSupervisorMode[]) => (modes.includes('Coach') ? { inferred: COACH_INFERENCE } : {});
