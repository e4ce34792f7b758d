import { expect, meta, smsNewMessages, smsParticipantsUpdated, smsRefused, type SupervisorMode, test } from '../harness';
import { AGENT_NICKNAME, inferredFor, MODES, slug, SUPERVISOR_NICKNAME, supervisedSession, supervisorCapabilities, VISIBILITY } from './supervision';

/**
 * The three SMS mode switches share one behaviour with the target mode changed: from either other
 * mode, ParticipantsUpdated with the new visibility and capability list, then a ParticipantRejoined
 * message from the supervisor; a switch to the mode already held is refused.
 */

const PAGE = { Monitor: 'sms.switch-to-monitor', Coach: 'sms.switch-to-coach', BargeIn: 'sms.switch-to-barge-in' } as const;

export function switchTests(to: SupervisorMode): void {
  for (const from of MODES.filter((m) => m !== to)) {
    test(
      `SwitchTo${to} from ${from} gives the supervisor visibility ${VISIBILITY[to]}, the ${to} capabilities and a ParticipantRejoined message`,
      meta({
        id: `sms.switch-to-${slug(to)}.from-${slug(from)}`,
        page: PAGE[to],
        requirements: ['SMS-SWITCH-REPLY', 'SMS-SWITCH-VISIBILITY', 'SMS-SWITCH-CAPABILITIES', 'SMS-SWITCH-REJOINED', 'SMS-SWITCH-OTHERS-ALL', 'SMS-NOTIFICATION-SCHEMAS'],
        features: ['api-multimedia'],
        ...inferredFor(from, to),
      }),
      async ({ agent, supervisor, sms }) => {
        const id = await supervisedSession(agent, supervisor, sms, from);
        const seen = supervisor.notifications.expect(
          smsParticipantsUpdated(
            id,
            [
              { role: 'the supervisor', type: 'Agent', nickname: SUPERVISOR_NICKNAME, visibility: VISIBILITY[to] },
              { role: 'the agent', type: 'Agent', shownAs: AGENT_NICKNAME, visibility: 'All' },
              { role: 'the customer', type: 'Customer', visibility: 'All' },
            ],
            { state: 'Chatting', capabilities: supervisorCapabilities(to) },
          ),
          smsNewMessages(id, [{ type: 'ParticipantRejoined', fromNickname: SUPERVISOR_NICKNAME, visibility: 'All', fromVisibility: VISIBILITY[to] }]),
        );
        expect(await supervisor.sms.switchTo(id, to)).toHaveStatusCode(0);
        await seen;
      },
    );
  }

  test(
    `SwitchTo${to} while the supervisor is already in ${to} mode is refused`,
    meta({ id: `sms.switch-to-${slug(to)}.same-mode-refused`, page: PAGE[to], requirements: ['SMS-SWITCH-SAME-MODE', 'ERR-SHAPE'], features: ['api-multimedia'] }),
    async ({ agent, supervisor, sms }) => {
      const id = await supervisedSession(agent, supervisor, sms, to);
      await smsRefused(supervisor, id, `SwitchTo${to}`, () => supervisor.sms.switchTo(id, to));
    },
  );
}
