import { expect, meta, smsNewMessages, smsParticipantsUpdated, smsStatus, supervisorCapabilities, test, type GwsUser, type SmsInjector, type SupervisorMode } from '../harness';

/**
 * What the SMS supervision specs share: the people's names, the visibility of each mode, and the
 * set-up of a session the supervisor is in. The assertions stay in the specs.
 */

export const AGENT_NICKNAME = 'Marat';
export const SUPERVISOR_NICKNAME = 'Supervisor Sam';
export const MODES: SupervisorMode[] = ['Monitor', 'Coach', 'BargeIn'];

/** Visibility of the supervisor participant in each mode (gws-sms.md §5). */
export const VISIBILITY: Record<SupervisorMode, 'Supervisors' | 'Agents' | 'All'> = {
  Monitor: 'Supervisors',
  Coach: 'Agents',
  BargeIn: 'All',
};

/** Stable ids and page keys spell the modes in lower case with dashes. */
export const slug = (mode: SupervisorMode) => (mode === 'BargeIn' ? 'barge-in' : mode.toLowerCase());

export const COACH_INFERENCE =
  "Coach visibility Agents: the SwitchToCoach sample is cut off before the supervisor's visibility; Agents is read from the Coach page and the SendToAgents pages.";

/** Marks a check on Coach visibility as resting on that inference. */
export const inferredFor = (...modes: SupervisorMode[]) => (modes.includes('Coach') ? { inferred: COACH_INFERENCE } : {});

/** The ParticipantsUpdated that shows the supervisor in the session with its mode's visibility. */
export function supervisorJoined(id: string, mode: SupervisorMode) {
  return smsParticipantsUpdated(id, [
    { role: 'the supervisor', type: 'Agent', nickname: SUPERVISOR_NICKNAME, visibility: VISIBILITY[mode] },
    { role: 'the agent', type: 'Agent', shownAs: AGENT_NICKNAME },
    { role: 'the customer', type: 'Customer' },
  ]);
}

/** An inbound SMS the agent has accepted and is Chatting in. */
export async function chattingSession(agent: GwsUser, sms: SmsInjector, text: string): Promise<string> {
  const invited = await sms.inbound({ to: agent, text });
  const chatting = agent.notifications.expect(smsStatus(invited.id, 'Chatting'));
  expect(await agent.sms.accept(invited.id, { nickname: AGENT_NICKNAME })).toHaveStatusCode(0);
  await chatting;
  return invited.id;
}

/**
 * The supervisor monitors the agent in `mode` and has joined the agent's next session.
 * Returns the session id once the scene is quiet: besides the awaited notifications, the history
 * each of them may be sent (no page says whether, nor when) has arrived or the target has gone
 * quiet, so that nothing late from the set-up reaches the test's own waits.
 */
export async function supervisedSession(agent: GwsUser, supervisor: GwsUser, sms: SmsInjector, mode: SupervisorMode): Promise<string> {
  expect(await supervisor.sms.supervise(agent, mode, { nickname: SUPERVISOR_NICKNAME })).toHaveStatusCode(0);
  const invited = await sms.inbound({ to: agent, text: `supervised in ${mode}` });
  const joined = supervisor.notifications.expect(supervisorJoined(invited.id, mode));
  const chatting = agent.notifications.expect(smsStatus(invited.id, 'Chatting'));
  expect(await agent.sms.accept(invited.id, { nickname: AGENT_NICKNAME })).toHaveStatusCode(0);
  await chatting;
  await joined;
  const history = smsNewMessages(invited.id, [{ type: 'Text', text: `supervised in ${mode}` }]);
  await agent.notifications.settleOn(history);
  await supervisor.notifications.settleOn(history);
  return invited.id;
}

export { supervisorCapabilities };
export type { SupervisorMode };

/**
 * Monitor, Coach and BargeIn on the agent's channel share one behaviour with one value changed:
 * the supervisor joins the agent's next accepted session with the visibility of the mode.
 */
export function channelMonitoringTests(mode: SupervisorMode): void {
  const page = ({ Monitor: 'sms.monitor', Coach: 'sms.coach', BargeIn: 'sms.barge-in' } as const)[mode];
  const requirement = ({ Monitor: 'SMS-MONITOR-VISIBILITY', Coach: 'SMS-COACH-VISIBILITY', BargeIn: 'SMS-BARGEIN-VISIBILITY' } as const)[mode];
  test(
    `${mode} answers statusCode 0, and the supervisor joins the agent's next accepted session with visibility ${VISIBILITY[mode]}`,
    meta({
      id: `sms.${slug(mode)}.joins-with-visibility-${VISIBILITY[mode].toLowerCase()}`,
      page,
      requirements: ['SMS-MONITOR-REPLY', 'SMS-MONITOR-JOIN', requirement, 'SMS-NOTIFICATION-SCHEMAS'],
      features: ['api-multimedia'],
      ...inferredFor(mode),
    }),
    async ({ agent, supervisor, sms }) => {
      expect(await supervisor.sms.supervise(agent, mode, { nickname: SUPERVISOR_NICKNAME })).toHaveStatusCode(0);
      const invited = await sms.inbound({ to: agent, text: `watched by ${mode}` });
      const joined = supervisor.notifications.expect(supervisorJoined(invited.id, mode));
      expect(await agent.sms.accept(invited.id, { nickname: AGENT_NICKNAME })).toHaveStatusCode(0);
      await joined;
    },
  );
}
