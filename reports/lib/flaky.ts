import type { FlakySummary, RerunRecord, RerunVerdict, RunRecord, TestRecord } from './record';

export type { FlakySummary, RerunRecord, RerunVerdict } from './record';

/**
 * Reproducible or flaky: each failed test is run once more, alone, on the user set it had, at
 * the end of the run. It is `reproducible` when the second attempt fails with the same verdict and
 * code, `flaky` when it passes or fails differently. A flaky failure still fails the gate, unless
 * the run allows flaky tests (`--allow-flaky`): then the gate is decided by the other tests.
 */

/** A test that ended failed or with a harness error (known failures are expected and not run again). */
export function isRerunCandidate(t: TestRecord): boolean {
  return t.verdict === 'failed' || t.verdict === 'harness-error';
}

export function judgeRerun(first: TestRecord, second: TestRecord | undefined): RerunRecord {
  if (!second) return { verdict: 'not-rerun', reason: 'the second attempt did not run (see the rerun output above)' };
  const attempt = {
    verdict: second.verdict,
    ...(second.code ? { code: second.code } : {}),
    ...(second.message ? { message: second.message } : {}),
    durationMs: second.durationMs,
  };
  const same = second.verdict === first.verdict && (second.code ?? '') === (first.code ?? '');
  return { verdict: same ? 'reproducible' : 'flaky', attempt };
}

/**
 * Puts the reruns into the record: each test's `rerun`, the lists, and (with `allowFlaky`) the
 * exit status and verdict decided without the flaky tests.
 */
export function applyReruns(record: RunRecord, reruns: Map<string, RerunRecord>, allowFlaky: boolean): void {
  const tests = record.tests as (TestRecord & { rerun?: RerunRecord })[];
  for (const t of tests) {
    const rerun = reruns.get(t.id);
    if (rerun) t.rerun = rerun;
  }
  const ids = (v: RerunVerdict) => tests.filter((t) => t.rerun?.verdict === v).map((t) => t.id);
  const summary: FlakySummary = { flaky: ids('flaky'), reproducible: ids('reproducible'), notRerun: ids('not-rerun'), allowed: allowFlaky };
  (record as RunRecord & { reruns?: FlakySummary }).reruns = summary;
  if (!allowFlaky || summary.flaky.length === 0) return;
  const others = tests.filter((t) => t.rerun?.verdict !== 'flaky');
  const failed = others.some((t) => t.verdict === 'failed');
  const harness = others.some((t) => t.verdict === 'harness-error') || record.runErrors.length > 0;
  // Only what the flaky tests caused is taken back; any other reason for a non-zero exit stands.
  if (record.exitStatus === 1 && !failed) {
    record.exitStatus = harness ? 2 : 0;
    record.verdict = harness ? 'could-not-run' : 'conformant';
  } else if (record.exitStatus === 2 && record.verdict === 'could-not-run' && !failed && !harness) {
    record.exitStatus = 0;
    record.verdict = 'conformant';
  }
}

/** Console lines: flaky and reproducible failures, listed apart. */
export function rerunLines(record: RunRecord): string[] {
  const tests = record.tests as (TestRecord & { rerun?: RerunRecord })[];
  const lines: string[] = [];
  const flaky = tests.filter((t) => t.rerun?.verdict === 'flaky');
  const allowed = (record as RunRecord & { reruns?: FlakySummary }).reruns?.allowed ?? false;
  if (flaky.length > 0) {
    lines.push(`  flaky (failed, then ${allowed ? 'allowed by --allow-flaky' : 'fails the gate; --allow-flaky lets it pass'}):`);
    for (const t of flaky) {
      const second = t.rerun!.attempt!;
      lines.push(`    ${t.id}: ${t.verdict} ${t.code ?? ''}, rerun alone: ${second.verdict}${second.code ? ` ${second.code}` : ''}`);
    }
  }
  const reproducible = tests.filter((t) => t.rerun?.verdict === 'reproducible');
  if (reproducible.length > 0) lines.push(`  reproducible (failed again alone, same code): ${reproducible.map((t) => t.id).join(', ')}`);
  const notRerun = tests.filter((t) => t.rerun?.verdict === 'not-rerun');
  if (notRerun.length > 0) lines.push(`  not rerun: ${notRerun.map((t) => `${t.id} (${t.rerun!.reason ?? ''})`).join(', ')}`);
  return lines;
}

/** The certification summary's section: the second attempts, flaky ones first. */
export function rerunSection(record: RunRecord): { title: string; text: string; table: { head: string[]; rows: string[][] } } {
  const tests = (record.tests as (TestRecord & { rerun?: RerunRecord })[]).filter((t) => t.rerun);
  const order: Record<RerunVerdict, number> = { flaky: 0, reproducible: 1, 'not-rerun': 2 };
  const allowed = (record as RunRecord & { reruns?: FlakySummary }).reruns?.allowed ?? false;
  return {
    title: 'Flaky and reproducible failures',
    text:
      'Each failed test was run once more, alone, on the same user set, at the end of the run. Flaky: the second attempt passed or failed differently' +
      (allowed ? ' (allowed by --allow-flaky: not counted in the verdict).' : ' (still counted as a failure).'),
    table: {
      head: ['test', 'rerun', 'first attempt', 'second attempt'],
      rows: tests
        .sort((a, b) => order[a.rerun!.verdict] - order[b.rerun!.verdict])
        .map((t) => [t.id, t.rerun!.verdict, `${t.verdict} ${t.code ?? ''}`.trim(), t.rerun!.attempt ? `${t.rerun!.attempt.verdict} ${t.rerun!.attempt.code ?? ''}`.trim() : (t.rerun!.reason ?? '')]),
    },
  };
}
