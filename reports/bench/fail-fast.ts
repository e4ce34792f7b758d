import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smsNewMessages, smsParticipantsUpdated, smsStatus } from '../../helpers/cometd/sms-steps';
import { NonConformance } from '../../helpers/errors';
import { SmsInjector } from '../../helpers/gws/sms-injector';
import { silentReporter } from '../../helpers/gws/reporter';
import { FAULTS, type FaultDefinition, type FaultName } from '../../mock/faults';
import { LATITUDE_NAMES, type LatitudeName } from '../../mock/latitude';
import { pace } from '../../helpers/cometd/pace';
import { startMock } from '../../mock/server';
import { loadConfig } from '../../helpers/config';
import { readOutcomes, readReport } from '../lib/results';
import { PLAYWRIGHT_CLI, run } from '../lib/run';
import { harnessUser } from './scenarios';
import { GLOBAL_TIMEOUT, mockOnlyEnv } from './wall';
import { summarize, type Summary } from './stats';

/**
 * Time to fail. An armed expectation must fail at once (well under 100 ms after the notification
 * arrives, whatever the timeout) on a decisive contradiction: a notification out of the printed
 * order, or the session ending while another state is awaited. A mismatch that is not decisive
 * (the awaited participant list lacks the agent) fails once the target has been quiet for the
 * settle window, never later than the timeout. Each case runs against the orderly mock and
 * against the mock with every latitude switch on (delays, interleaved notifications, …), with
 * two notification timeouts.
 */

export interface FailFastRow {
  case: string;
  fault?: FaultName;
  decisive: boolean;
  /** "none", or "all (seed N)". */
  latitude: string;
  code: string;
  timeoutMs: number;
  /** From the offending notification's arrival (Notification.at) to the rejection. */
  fromArrivalMs: Summary;
  /** From sending the operation (Accept or Reject) to the rejection. */
  fromOperationMs: Summary;
  /** The settle window each non-decisive failure names in its message. */
  settleWindowMs?: Summary;
}

export interface FailFastResult {
  repeats: number;
  latitudeSeed: number;
  rows: FailFastRow[];
  failingTest?: FailingTestRun;
}

interface FailFastCase {
  name: string;
  fault?: FaultName;
  decisive: boolean;
  /** The operation that provokes the notification: Accept, or Reject standing in for a server that ends the session. */
  operation: 'accept' | 'reject';
  offending: (data: Record<string, unknown>) => boolean;
}

const CASES: FailFastCase[] = [
  // The history arrives before ParticipantsUpdated, against the order the Accept page prints.
  { name: 'out of the printed order', fault: 'sms.accept.wrong-order', decisive: true, operation: 'accept', offending: (d) => d.notificationType === 'NewMessages' },
  // The session is Completed while Chatting is awaited.
  { name: 'the session ended', decisive: true, operation: 'reject', offending: (d) => d.notificationType === 'StatusChange' && JSON.stringify(d).includes('"Completed"') },
  // ParticipantsUpdated lists the customer but not the agent, and it is the last step awaited:
  // another list could still follow, so only the settle window ends the wait.
  { name: 'the awaited member missing (not decisive)', fault: 'sms.accept.agent-not-listed', decisive: false, operation: 'accept', offending: (d) => d.notificationType === 'ParticipantsUpdated' },
];

async function measureCase(c: FailFastCase, latitudeSeed: number | undefined, timeoutMs: number, repeats: number): Promise<FailFastRow> {
  const masks: readonly LatitudeName[] = c.fault ? ((FAULTS[c.fault] as FaultDefinition).masks ?? []) : [];
  const latitude = latitudeSeed === undefined ? [] : LATITUDE_NAMES.filter((l) => !masks.includes(l));
  const mock = await startMock({ faults: c.fault ? [c.fault] : [], latitude, latitudeSeed });
  // The pace is per process: each case starts from what its own target shows.
  pace.reset();
  const config = loadConfig({ GWS_NOTIFICATION_TIMEOUT_MS: String(timeoutMs), GWS_QUIET_WINDOW_MS: '200' });
  const agent = harnessUser(mock, 'agent', 1, config);
  const sms = new SmsInjector(new URL(mock.smsInjectUrl), silentReporter, { timeoutMs: 5000 });
  const fromArrival: number[] = [];
  const fromOperation: number[] = [];
  const windows: number[] = [];
  let code = '';
  try {
    await agent.login();
    for (let i = 0; i < repeats; i += 1) {
      const invited = await sms.inbound({ to: agent, text: 'Hello World' });
      const steps = [
        smsStatus(invited.id, 'Chatting'),
        smsParticipantsUpdated(invited.id, [
          { role: 'the agent', type: 'Agent', nickname: 'Marat' },
          { role: 'the customer', type: 'Customer' },
        ]),
        smsNewMessages(invited.id, [{ type: 'Text', text: 'Hello World' }]),
      ];
      // A later step's arrival would end the wait at once (the printed order): the non-decisive
      // case awaits the mismatching step last, so that only the settle window can end it.
      const seen = agent.notifications.expect(...(c.decisive ? steps : steps.slice(0, 2)));
      // The moment the recorder rejects, even if that is before the reply is back.
      let failedAt: number | undefined;
      seen.then(
        () => undefined,
        () => {
          failedAt = performance.now();
        },
      );
      const sent = performance.now();
      if (c.operation === 'accept') await agent.sms.accept(invited.id, { nickname: 'Marat' });
      else await agent.sms.reject(invited.id);
      try {
        await seen;
      } catch (error) {
        if (!(error instanceof NonConformance)) throw error;
        code = error.code;
        const window = /settle window (\d+) ms/.exec(error.message);
        if (!c.decisive && window) windows.push(Number(window[1]));
      }
      if (failedAt === undefined) throw new Error(`${c.name}: the expectation did not fail`);
      const arrival = agent.notifications.transcript.find((n) => JSON.stringify(n.data).includes(invited.id) && c.offending(n.data));
      if (!arrival) throw new Error(`${c.name}: the offending notification is not in the transcript`);
      fromArrival.push(failedAt - arrival.at);
      fromOperation.push(failedAt - sent);
      if (c.operation === 'accept') await agent.sms.endSession(invited.id, []);
    }
  } finally {
    await agent.teardown();
    await sms.close();
    await mock.close();
  }
  return {
    case: c.name,
    ...(c.fault ? { fault: c.fault } : {}),
    decisive: c.decisive,
    latitude: latitudeSeed === undefined ? 'none' : `all (seed ${latitudeSeed})`,
    code,
    timeoutMs,
    fromArrivalMs: summarize(fromArrival),
    fromOperationMs: summarize(fromOperation),
    ...(windows.length ? { settleWindowMs: summarize(windows) } : {}),
  };
}

export async function measureFailFast(options: { repeats: number; timeoutsMs: number[]; latitudeSeed: number; log: (line: string) => void }): Promise<FailFastResult> {
  const rows: FailFastRow[] = [];
  for (const c of CASES) {
    for (const seed of [undefined, options.latitudeSeed]) {
      for (const timeoutMs of options.timeoutsMs) {
        const row = await measureCase(c, seed, timeoutMs, options.repeats);
        rows.push(row);
        options.log(
          `time to fail: ${c.name} (${row.code}), latitude ${row.latitude}, timeout ${timeoutMs} ms: ${row.fromArrivalMs.p50} ms from the arrival (max ${row.fromArrivalMs.max})` +
            `${row.settleWindowMs ? `, settle window ${row.settleWindowMs.p50} ms (max ${row.settleWindowMs.max})` : ''}`,
        );
      }
    }
  }
  const failingTest = await measureFailingTest(Math.max(...options.timeoutsMs));
  options.log(`time to fail: the Playwright test ${failingTest.test} ${failingTest.status} after ${failingTest.durationMs} ms (timeout ${failingTest.timeoutMs} ms)`);
  return { repeats: options.repeats, latitudeSeed: options.latitudeSeed, rows, failingTest };
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
