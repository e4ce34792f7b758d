import { smsNewMessages, smsOperationRefused, smsParticipantsUpdated, smsStatus, supervisorCapabilities } from '../../cometd/sms-steps';
import type { Step } from '../../cometd/types';
import { refusedNowOrLater, type RefusalCode } from '../refusals';
import type { GwsReply } from '../session';
import type { SmsInjector } from '../sms-injector';
import { succeeded } from '../succeeded';
import type { GwsUser } from '../user';
import { SMS_VISIBILITY, type SmsSupervisorMode } from '../vocabulary';

/**
 * The set-up of an SMS scenario, beside the voice one (voice.ts): an accepted session, a
 * supervisor in it, as steps of the report. Each is the means of a test, not its subject: a reply
 * that is not a success (succeeded.ts) or a missing notification fails it as a non-conformance
 * naming what did not happen. The names people go by are the same in every SMS test.
 */

export const AGENT_NICKNAME = 'Marat';
export const SUPERVISOR_NICKNAME = 'Supervisor Sam';

/** The ParticipantsUpdated that shows the supervisor in session `id` with the visibility of `mode`. */
export function supervisorJoined(id: string, mode: SmsSupervisorMode): Step {
  return smsParticipantsUpdated(id, [
    { role: 'the supervisor', type: 'Agent', nickname: SUPERVISOR_NICKNAME, visibility: SMS_VISIBILITY[mode] },
    { role: 'the agent', type: 'Agent', shownAs: AGENT_NICKNAME },
    { role: 'the customer', type: 'Customer' },
  ]);
}

/**
 * What the supervisor is sent after switching session `id` to mode `to`: ParticipantsUpdated with
 * the new visibility and the capabilities of the mode, then a ParticipantRejoined message from the
 * supervisor; every other participant stays visible to all.
 */
export function switchedTo(id: string, to: SmsSupervisorMode): Step[] {
  return [
    smsParticipantsUpdated(
      id,
      [
        { role: 'the supervisor', type: 'Agent', nickname: SUPERVISOR_NICKNAME, visibility: SMS_VISIBILITY[to] },
        { role: 'the agent', type: 'Agent', shownAs: AGENT_NICKNAME, visibility: 'All' },
        { role: 'the customer', type: 'Customer', visibility: 'All' },
      ],
      { state: 'Chatting', capabilities: supervisorCapabilities(to) },
    ),
    smsNewMessages(id, [{ type: 'ParticipantRejoined', fromNickname: SUPERVISOR_NICKNAME, visibility: 'All', fromVisibility: SMS_VISIBILITY[to] }]),
  ];
}

/** An inbound SMS the agent has accepted and is Chatting in; returns the session id. */
export async function chattingSession(agent: GwsUser, sms: SmsInjector, text: string): Promise<string> {
  return agent.context.reporter.step(`${agent.label} accepts an inbound SMS and is Chatting`, async () => {
    const invited = await sms.inbound({ to: agent, text });
    const chatting = agent.notifications.expect(smsStatus(invited.id, 'Chatting'));
    succeeded(await agent.sms.accept(invited.id, { nickname: AGENT_NICKNAME }), 'Accept');
    await chatting;
    return invited.id;
  });
}

/**
 * The supervisor monitors the agent in `mode` and has joined the agent's next session.
 * Returns the session id once the scene is quiet: besides the awaited notifications, the history
 * each of them may be sent (no page says whether, nor when) has arrived or the target has gone
 * quiet, so that nothing late from the set-up reaches the test's own waits.
 */
export async function supervisedSession(agent: GwsUser, supervisor: GwsUser, sms: SmsInjector, mode: SmsSupervisorMode): Promise<string> {
  return supervisor.context.reporter.step(`${supervisor.label} supervises an SMS session of ${agent.label} in ${mode}`, async () => {
    succeeded(await supervisor.sms.supervise(agent, mode, { nickname: SUPERVISOR_NICKNAME }), mode);
    const invited = await sms.inbound({ to: agent, text: `supervised in ${mode}` });
    const joined = supervisor.notifications.expect(supervisorJoined(invited.id, mode));
    const chatting = agent.notifications.expect(smsStatus(invited.id, 'Chatting'));
    succeeded(await agent.sms.accept(invited.id, { nickname: AGENT_NICKNAME }), 'Accept');
    await chatting;
    await joined;
    const history = smsNewMessages(invited.id, [{ type: 'Text', text: `supervised in ${mode}` }]);
    await agent.notifications.settleOn(history);
    await supervisor.notifications.settleOn(history);
    return invited.id;
  });
}

/**
 * An SMS request refused at once or later (the SMS pages allow both: gws-sms.md, asynchronous
 * results): arms the asynchronous refusal of session `id` (any session when undefined) before
 * sending, then judges the reply. `carriedOut` recognises the request carried out instead.
 */
export async function smsRefused(
  user: GwsUser,
  id: string | undefined,
  what: string,
  send: () => Promise<GwsReply>,
  options: RefusalCode & { carriedOut?: Step } = {},
): Promise<void> {
  const later = user.notifications.expect(smsOperationRefused(id, what, options.carriedOut));
  await refusedNowOrLater(await send(), later, options);
}
