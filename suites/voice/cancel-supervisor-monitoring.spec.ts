import { deviceNotMonitoring, establishCall, expect, meta, startMonitoring, test } from '../harness';

/**
 * CancelSupervisorMonitoring: the monitoring ends; the device no longer shows it nor offers to cancel it.
 * https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorCancelMonitoring
 * (page title "CancelSupervisionMonitoring", operation CancelSupervisorMonitoring: ERRATA V1)
 */

const page = 'voice.cancel-monitoring';

const OPERATIONS = { ListenIn: 'listen-in', Coach: 'coach', BargeIn: 'barge-in' } as const;

test.describe('Voice CancelSupervisorMonitoring', () => {
  for (const [operation, slug] of Object.entries(OPERATIONS) as [keyof typeof OPERATIONS, string][]) {
    test(
      `CancelSupervisorMonitoring after ${operation} answers statusCode 0; the device drops supervisorMonitoringState and CancelSupervisorMonitoring`,
      meta({ id: `voice.cancel.after-${slug}`, page, requirements: ['VOICE-CANCEL-STATE', 'VOICE-NOTIFICATION-SCHEMAS'] }),
      async ({ agent, supervisor }) => {
        await startMonitoring(supervisor, agent, operation);
        const cancelled = supervisor.notifications.expect(deviceNotMonitoring(supervisor.device.id));
        expect(await supervisor.voice.cancelSupervisorMonitoring()).toHaveStatusCode(0);
        await cancelled;
      },
    );
  }

  test(
    "after CancelSupervisorMonitoring the agent's next call does not reach the supervisor",
    meta({ id: 'voice.cancel.no-join-after-cancel', page, requirements: ['VOICE-CANCEL-STOPS'] }),
    async ({ agent, supervisor, caller }) => {
      await startMonitoring(supervisor, agent, 'ListenIn');
      const cancelled = supervisor.notifications.expect(deviceNotMonitoring(supervisor.device.id));
      expect(await supervisor.voice.cancelSupervisorMonitoring()).toHaveStatusCode(0);
      await cancelled;

      const before = supervisor.voice.knownCalls();
      await establishCall(caller, agent);
      await supervisor.voice.expectNoNewCall(before, 'the monitoring was cancelled');
    },
  );
});
