import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FullConfig, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { loadConfig, type UserSet } from './config';

/**
 * A reporter that ends the run once its harness errors show the target is unusable for every test:
 * two tests in a row could not reach it (unreachable, TLS), or a login of every user set in use
 * was refused (statusCode 20). Running on would only fail each remaining test the same way. It
 * interrupts Playwright as Ctrl-C does (the reports are still written) and leaves the reason in
 * `early-stop.json` beside the reports, where `npm run conformance` reads it and exits 2.
 */

export const EARLY_STOP_FILE = 'early-stop.json';

export interface EarlyStop {
  reason: string;
  /** The message of the test that decided it, for the console. */
  evidence: string;
}

const UNREACHABLE = /\[harness:(TARGET_UNREACHABLE|TLS_FAILURE)\]/;
/** GwsUser.login's message for a refused GET /api/v2/me: "agent agent1: GET /api/v2/me failed (HTTP 401, statusCode 20 …". */
const REFUSED = /\b(agent|supervisor|caller) (\S+): GET \/api\/v2\/me failed \(HTTP \d+, statusCode 20\b/;
const UNREACHABLE_IN_A_ROW = 2;

const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

export default class EarlyStopReporter implements Reporter {
  private readonly file: string;
  private sets: UserSet[] = [];
  private unreachableInARow = 0;
  private readonly refused = new Set<string>();
  private stopped = false;

  constructor(options: { file?: string } = {}) {
    this.file = options.file ?? resolve(process.env.GWS_REPORTS_DIR || 'reports', EARLY_STOP_FILE);
  }

  onBegin(config: FullConfig): void {
    rmSync(this.file, { force: true });
    try {
      const sets = loadConfig().userSets;
      // Worker i always uses set i (modulo the number of sets): the sets in use are the first ones.
      this.sets = sets.slice(0, Math.max(1, Math.min(config.workers, sets.length)));
    } catch {
      this.sets = [];
    }
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (this.stopped || result.status === 'skipped') return;
    const message = stripAnsi([result.error?.message ?? '', ...result.errors.map((e) => e.message ?? '')].join('\n'));
    if (result.status === 'passed') {
      this.unreachableInARow = 0;
      return;
    }
    if (UNREACHABLE.test(message)) {
      this.unreachableInARow += 1;
      if (this.unreachableInARow >= UNREACHABLE_IN_A_ROW) {
        this.stop({ reason: `${this.unreachableInARow} tests in a row could not reach the target`, evidence: firstLine(message, UNREACHABLE) });
      }
      return;
    }
    this.unreachableInARow = 0;
    for (const line of message.split('\n')) {
      const refused = REFUSED.exec(line);
      if (refused) this.refused.add(`${refused[1]}\u0000${refused[2]}`);
    }
    const usable = this.sets.filter((set) => !(['agent', 'supervisor', 'caller'] as const).some((role) => this.refused.has(`${role}\u0000${set[role].username}`)));
    if (this.sets.length > 0 && usable.length === 0) {
      this.stop({ reason: `the login of every user set in use (${this.sets.length}) was refused (statusCode 20)`, evidence: firstLine(message, REFUSED) });
    }
    void test;
  }

  private stop(decision: EarlyStop): void {
    this.stopped = true;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(decision, null, 2));
    process.stderr.write(`\ngws-conformance: stopping the run early: ${decision.reason}: ${decision.evidence}\n`);
    // As Ctrl-C: Playwright stops the workers, marks the remaining tests, and writes every report.
    process.kill(process.pid, 'SIGINT');
  }

  printsToStdio(): boolean {
    return false;
  }
}

function firstLine(message: string, pattern: RegExp): string {
  return (message.split('\n').find((l) => pattern.test(l)) ?? message.split('\n')[0] ?? '').trim().slice(0, 400);
}
