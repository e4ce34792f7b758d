import type { RunRecord } from './record';

/**
 * The verdict of a run as the console, the certification summary and the JUnit file say it:
 * one line with the counts, "PARTIAL" for a run of part of the suites, then the lines a person
 * needs (what kept the run from checking the server, non-strict failures, why tests were not
 * applicable, what an incomplete run lacks, the state of the known failures).
 */

export const VERDICT_WORD: Record<RunRecord['verdict'], string> = {
  conformant: 'CONFORMANT',
  'non-conformant': 'NON-CONFORMANT',
  'could-not-run': 'COULD NOT RUN',
  incomplete: 'INCOMPLETE',
};

/** "CONFORMANT", or "CONFORMANT (PARTIAL: --grep Hangup)". */
export function verdictWord(record: Pick<RunRecord, 'verdict' | 'scope' | 'setup'>): string {
  const partial = record.scope === 'partial' ? ` (PARTIAL: ${record.setup.selection.partial.join(', ')})` : '';
  return `${VERDICT_WORD[record.verdict]}${partial}`;
}

export function countsText(record: RunRecord): string {
  const c = record.counts;
  return (
    `${c.passed} passed, ${c.failed} non-conformant, ${c['non-strict'] ?? 0} non-strict${record.setup?.strict ? ' (strict: failing)' : ''}, ` +
    `${c['known-failure']} known failures, ${c['harness-error']} harness errors, ${c['not-applicable']} not applicable${c['not-run'] ? `, ${c['not-run']} did not run` : ''}`
  );
}

export function verdictLines(record: RunRecord): string[] {
  const out = [`verdict: ${verdictWord(record)}: ${countsText(record)}`];
  const causes = new Map<string, { count: number; example: string }>();
  for (const t of record.tests.filter((x) => x.verdict === 'harness-error')) {
    const code = t.code ?? 'UNCLASSIFIED';
    const cause = causes.get(code) ?? { count: 0, example: (t.message ?? '').split('\n')[0] ?? '' };
    cause.count += 1;
    causes.set(code, cause);
  }
  for (const [code, { count, example }] of causes) out.push(`  harness error ${code} ×${count}: ${example.slice(0, 300)}`);
  for (const t of record.tests.filter((x) => x.verdict === 'non-strict')) {
    out.push(`  non-strict ${t.code ?? ''}: ${t.id}: ${(t.message ?? '').split('\n')[0]?.slice(0, 200) ?? ''}${record.setup?.strict ? '' : ' (a warning; --strict or GWS_STRICT=1 makes it fail)'}`);
  }
  const reasons = new Map<string, string[]>();
  for (const n of record.notApplicable) reasons.set(n.reason, [...(reasons.get(n.reason) ?? []), n.id]);
  for (const [reason, ids] of reasons) out.push(`  not applicable ×${ids.length}: ${reason.replace(/^not applicable:\s*/, '') || '(no reason given)'} (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''})`);
  for (const i of record.incomplete ?? []) out.push(`  incomplete: feature ${i.feature}: ${i.reason}; to exercise it, check ${i.variable}`);
  if (record.scope === 'partial') out.push(`  partial run: ${record.setup.selection.partial.join(', ')}; the verdict covers the selected tests only`);
  for (const t of record.tests.filter((x) => x.known?.differs && x.verdict !== 'known-failure')) {
    out.push(`  known failure fails differently, counted as a new failure: ${t.id} (expected ${[t.known!.code, t.known!.match].filter(Boolean).join(' ')}, got ${t.code ?? ''})`);
  }
  for (const k of record.knownFailuresPassing) out.push(`  known failure now passes, remove it from the known failures: ${k.id} (${k.reason})`);
  for (const t of record.tests.filter((x) => x.known?.expired && (x.verdict === 'failed' || x.verdict === 'non-strict'))) out.push(`  known failure expired on ${t.known!.expires}, counted as a failure: ${t.id}`);
  for (const id of record.knownFailuresNotObserved ?? record.knownFailuresUnmatched) out.push(`  known failure not observed (its test did not run here): ${id}`);
  return out;
}
