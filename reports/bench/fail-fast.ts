import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smsNewMessages, smsParticipantsUpdated, smsStatus } from '../../helpers/cometd/sms-steps';
import { NonConformance } from '../../helpers/errors';
import { SmsInjector } from '../../helpers/gws/sms-injector';
import { silentReporter } from '../../helpers/gws/user';
import type { FaultName } from '../../mock/faults';
import { startMock } from '../../mock/server';
import { loadConfig } from '../../helpers/config';
import { readOutcomes, readReport } from '../../scripts/results';
import { PLAYWRIGHT_CLI, run } from '../../scripts/run';
import { harnessUser } from './scenarios';
import { GLOBAL_TIMEOUT, mockOnlyEnv } from './wall';
import { summarize, type Summary } from './stats';

/**
 * Time to fail: with a mock fault that makes the server contradict the expectation, how long from
 * the offending notification's arrival (and from sending the operation) until the armed
 * expectation rejects, against the configured notification timeout.
 */

export interface FailFastRow {
  fault: FaultName;
  code: string;
  timeoutMs: number;
  /** From the offending notification's arrival (Notification.at) to the rejection. */
  fromArrivalMs: Summary;
  /** From sending the operation (Accept) to the rejection. */
  fromOperationMs: Summary;
}

export interface FailFastResult {
  repeats: number;
  rows: FailFastRow[];
  failingTest?: FailingTestRun;
}

const CASES: { fault: FaultName; offending: (data: Record<string, unknown>) => boolean }[] = [
  // ParticipantsUpdated lists the agent under the user name, not the nickname given to Accept.
  { fault: 'sms.accept.agent-not-listed', offending: (d) => d.notificationType === 'ParticipantsUpdated' },
  // The history arrives before ParticipantsUpdated.
  { fault: 'sms.accept.wrong-order', offending: (d) => d.notificationType === 'NewMessages' },
];

async function measureCase(fault: FaultName, offending: (data: Record<string, unknown>) => boolean, timeoutMs: number, repeats: number): Promise<FailFastRow> {
  const mock = await startMock({ faults: [fault] });
  const config = loadConfig({ GWS_NOTIFICATION_TIMEOUT_MS: String(timeoutMs), GWS_QUIET_WINDOW_MS: '200' });
  const agent = harnessUser(mock, 'agent', 1, config);
  const sms = new SmsInjector(new URL(mock.smsInjectUrl), silentReporter, { timeoutMs: 5000 });
  const fromArrival: number[] = [];
  const fromOperation: number[] = [];
  let code = '';
  try {
    await agent.login();
    for (let i = 0; i < repeats; i += 1) {
      const invited = await sms.inbound({ to: agent, text: 'Hello World' });
      const seen = agent.notifications.expect(
        smsStatus(invited.id, 'Chatting'),
        smsParticipantsUpdated(invited.id, [
          { role: 'the agent', type: 'Agent', nickname: 'Marat' },
          { role: 'the customer', type: 'Customer' },
        ]),
        smsNewMessages(invited.id, [{ type: 'Text', text: 'Hello World' }]),
      );
      // The moment the recorder rejects, even if that is before the Accept reply is back.
      let failedAt: number | undefined;
      seen.then(
        () => undefined,
        () => {
          failedAt = performance.now();
        },
      );
      const sent = performance.now();
      await agent.sms.accept(invited.id, { nickname: 'Marat' });
      try {
        await seen;
      } catch (error) {
        if (!(error instanceof NonConformance)) throw error;
        code = error.code;
      }
      if (failedAt === undefined) throw new Error(`fault ${fault}: the expectation did not fail`);
      const arrival = agent.notifications.transcript.find((n) => JSON.stringify(n.data).includes(invited.id) && offending(n.data));
      if (!arrival) throw new Error(`fault ${fault}: the offending notification is not in the transcript`);
      fromArrival.push(failedAt - arrival.at);
      fromOperation.push(failedAt - sent);
      await agent.endSmsSession(invited.id, []);
    }
  } finally {
    await agent.teardown();
    await sms.close();
    await mock.close();
  }
  return { fault, code, timeoutMs, fromArrivalMs: summarize(fromArrival), fromOperationMs: summarize(fromOperation) };
}

export async function measureFailFast(options: { repeats: number; timeoutsMs: number[]; log: (line: string) => void }): Promise<FailFastResult> {
  const rows: FailFastRow[] = [];
  for (const { fault, offending } of CASES) {
    for (const timeoutMs of options.timeoutsMs) {
      const row = await measureCase(fault, offending, timeoutMs, options.repeats);
      rows.push(row);
      options.log(
        `time to fail: ${fault} (${row.code}), timeout ${timeoutMs} ms: ${row.fromOperationMs.p50} ms from Accept (max ${row.fromOperationMs.max}), ` +
          `${row.fromArrivalMs.p50} ms from the arrival (max ${row.fromArrivalMs.max})`,
      );
    }
  }
  const failingTest = await measureFailingTest(Math.max(...options.timeoutsMs));
  options.log(`time to fail: the Playwright test ${failingTest.test} ${failingTest.status} after ${failingTest.durationMs} ms (timeout ${failingTest.timeoutMs} ms)`);
  return { repeats: options.repeats, rows, failingTest };
}

export interface FailingTestRun {
  fault: FaultName;
  test: string;
  timeoutMs: number;
  status: string;
  /** Playwright's duration of the failing test, log-in and clean-up of its fixtures included. */
  durationMs: number;
  message: string;
}

/** The same fault through Playwright: the failing test's own duration against the timeout. */
export async function measureFailingTest(timeoutMs: number): Promise<FailingTestRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'gws-bench-fail-'));
  const fault: FaultName = 'sms.accept.agent-not-listed';
  try {
    const results = join(scratch, 'results.json');
    await run(
      PLAYWRIGHT_CLI,
      ['test', 'suites/sms/accept.spec.ts', '--grep', 'then StatusChange Chatting', '--workers=1', GLOBAL_TIMEOUT, '--reporter=json', `--output=${join(scratch, 'out')}`],
      {
        env: mockOnlyEnv({ PLAYWRIGHT_JSON_OUTPUT_FILE: results, GWS_MOCK_FAULTS: fault, GWS_NOTIFICATION_TIMEOUT_MS: String(timeoutMs) }),
        quiet: true,
      },
    );
    const [outcome] = readOutcomes(readReport(results));
    if (!outcome) throw new Error('the failing-test run selected no test');
    return {
      fault,
      test: outcome.id ?? outcome.title,
      timeoutMs,
      status: outcome.status,
      durationMs: outcome.durationMs,
      message: outcome.message.split('\n')[0] ?? '',
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
