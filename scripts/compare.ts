import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { filesUnder } from '../reports/lib/bundle';
import { caveats, matrix } from '../reports/lib/matrix';
import { driftChanges } from '../reports/lib/drift-report';
import type { Latency } from '../reports/lib/evidence';
import { RECORD_FORMAT, type RunRecord, type TestVerdict } from '../reports/lib/record';
import { toHtml, toMarkdown, type Section } from '../reports/lib/render';
import { ROOT } from '../reports/lib/run-info';
import { HELP, helpRequested } from './help';

/**
 * `npm run compare -- <run.json> <run.json> [more…] | <folder>`: run records (reports/run.json of a
 * conformance run, or results.json of a certification bundle; a folder is searched for them),
 * ordered by start time. Writes reports/comparison/comparison.md and .html: the matrix of every
 * run side by side (requirements by operation, verdicts per run, changes marked), then the last
 * run against the one before: caveats (workers, selection, target), new failures, fixes, still
 * failing, new non-strict failures, tests that became unable to run (harness errors: never a
 * failure or a fix), newly not applicable, changes in the shape of notifications, latencies.
 * Exits 2 when the last run became unable to run (or on unusable input), 1 when it has new
 * failures, 0 otherwise.
 */

const FAILING: TestVerdict[] = ['failed'];
const WAS_FAILING: TestVerdict[] = ['failed', 'non-strict', 'known-failure'];

function load(file: string): RunRecord {
  let record: RunRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
  } catch (error) {
    throw new Error(`${file}: cannot read a run record (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (record.format !== RECORD_FORMAT) throw new Error(`${file}: not a run record of format ${RECORD_FORMAT}`);
  return record;
}

const ms = (n: number | undefined) => (n === undefined ? '–' : `${n} ms`);

function change(before: number | undefined, after: number | undefined): string {
  if (before === undefined && after === undefined) return '–';
  if (before === undefined || after === undefined) return before === undefined ? 'new' : 'gone';
  if (before === 0) return after === 0 ? '0%' : `+${after} ms`;
  const pct = Math.round(((after - before) / before) * 100);
  return `${pct > 0 ? '+' : ''}${pct}%`;
}

export function compare(base: RunRecord, current: RunRecord): { sections: Section[]; newFailures: number; unableToRun: number } {
  const before = new Map(base.tests.map((t) => [t.id, t]));
  const after = new Map(current.tests.map((t) => [t.id, t]));
  const row = (id: string) => [id, after.get(id)?.title ?? before.get(id)?.title ?? '', before.get(id)?.verdict ?? 'absent', after.get(id)?.verdict ?? 'absent', after.get(id)?.code ?? ''];
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  const verdictOf = (m: Map<string, RunRecord['tests'][number]>, id: string) => m.get(id)?.verdict;
  const wasFailing = (id: string) => WAS_FAILING.includes(verdictOf(before, id) as TestVerdict);
  const isFailing = (id: string) => FAILING.includes(verdictOf(after, id) as TestVerdict);
  const newFailures = ids.filter((id) => isFailing(id) && !FAILING.includes(verdictOf(before, id) as TestVerdict));
  const fixes = ids.filter((id) => wasFailing(id) && verdictOf(after, id) === 'passed');
  const still = ids.filter((id) => wasFailing(id) && (isFailing(id) || verdictOf(after, id) === verdictOf(before, id)));
  const newNonStrict = ids.filter((id) => verdictOf(after, id) === 'non-strict' && verdictOf(before, id) !== 'non-strict');
  // A test that did not run (the run stopped early) could not check the server either.
  const cannot = (v: TestVerdict | undefined) => v === 'harness-error' || v === 'not-run';
  const unable = ids.filter((id) => cannot(verdictOf(after, id)) && !cannot(verdictOf(before, id)));
  const ableAgain = ids.filter((id) => cannot(verdictOf(before, id)) && verdictOf(after, id) !== undefined && !cannot(verdictOf(after, id)));
  const runUnable = current.verdict === 'could-not-run' && base.verdict !== 'could-not-run';
  const newlyNa = ids.filter((id) => after.get(id)?.verdict === 'not-applicable' && before.get(id) && before.get(id)!.verdict !== 'not-applicable');
  const added = ids.filter((id) => !before.has(id));
  const removed = ids.filter((id) => !after.has(id));
  const head = ['test', 'title', 'baseline', 'current', 'code'];

  const shapeLines: string[] = [];
  for (const key of [...new Set([...Object.keys(base.shapes), ...Object.keys(current.shapes)])].sort()) {
    const a = base.shapes[key];
    const b = current.shapes[key];
    if (!a || !b) {
      shapeLines.push(`${key}: ${a ? 'no longer seen' : 'new message type'}`);
      continue;
    }
    const addedFields = b.fields.filter((f) => !a.fields.includes(f));
    const removedFields = a.fields.filter((f) => !b.fields.includes(f));
    if (addedFields.length) shapeLines.push(`${key}: new fields ${addedFields.join(', ')}`);
    if (removedFields.length) shapeLines.push(`${key}: fields no longer seen ${removedFields.join(', ')}`);
    for (const path of [...new Set([...Object.keys(a.values), ...Object.keys(b.values)])].sort()) {
      const va = (a.values[path] ?? []).map(String);
      const vb = (b.values[path] ?? []).map(String);
      const plus = vb.filter((v) => !va.includes(v));
      const minus = va.filter((v) => !vb.includes(v));
      if (plus.length) shapeLines.push(`${key}: ${path} new values ${plus.join(', ')}`);
      if (minus.length) shapeLines.push(`${key}: ${path} values no longer seen ${minus.join(', ')}`);
    }
  }

  const latencyRows = [...new Set([...Object.keys(base.latency), ...Object.keys(current.latency)])].sort().map((op) => {
    const a = base.latency[op];
    const b = current.latency[op];
    const pair = (x: Latency | undefined, y: Latency | undefined, p: 'p50' | 'p95') => [`${ms(x?.[p])} → ${ms(y?.[p])}`, change(x?.[p], y?.[p])];
    return [op, ...pair(a?.reply, b?.reply, 'p50'), ...pair(a?.reply, b?.reply, 'p95'), ...pair(a?.notification, b?.notification, 'p50'), ...pair(a?.notification, b?.notification, 'p95')];
  });

  const describe = (r: RunRecord) => `${r.info.target.url} (server ${r.info.target.serverVersion}), harness ${r.info.harness.version} ${r.info.harness.commit.slice(0, 12)}, started ${r.info.startedAt}: ${r.verdict}`;
  const warnings = caveats(base, current);
  const sections: Section[] = [
    { title: 'Runs', list: [`baseline: ${describe(base)}`, `current: ${describe(current)}`] },
    ...(warnings.length ? [{ title: `Caveats (${warnings.length})`, text: 'The two runs differ in ways that change what a difference means:', list: warnings }] : []),
    { title: `New failures (${newFailures.length})`, table: { head, rows: newFailures.map(row) } },
    {
      title: `Became unable to run (${unable.length}${runUnable ? '; the run could not run' : ''})`,
      text: 'Harness errors: the run could not check these tests (an unreachable target, a set-up refused). Neither a failure nor a fix of the server.',
      table: { head, rows: unable.map(row) },
    },
    { title: `Fixes (${fixes.length})`, table: { head, rows: fixes.map(row) } },
    { title: `Still failing (${still.length})`, table: { head, rows: still.map(row) } },
    { title: `New non-strict failures (${newNonStrict.length})`, table: { head, rows: newNonStrict.map(row) } },
    { title: `Able to run again (${ableAgain.length})`, text: 'Harness errors in the baseline: these tests could not be checked then, so a verdict now is not a fix.', table: { head, rows: ableAgain.map(row) } },
    { title: `Newly not applicable (${newlyNa.length})`, table: { head, rows: newlyNa.map(row) } },
    { title: `Tests added (${added.length}) and removed (${removed.length})`, table: { head, rows: [...added, ...removed].map(row) } },
    { title: 'Changes in the shape of notifications', text: 'Fields seen per message type, and the values of enumerated fields (states, modes, visibilities, capabilities).', list: shapeLines },
    { title: 'Coverage and drift: members and values that appeared or disappeared', text: 'Per notification type and operation reply; undeclared members are those no schema declares.', list: driftChanges(base.drift, current.drift) },
    {
      title: 'Latency per operation',
      text: 'Reply: the HTTP round trip. Notification: from the request to the first notification the same user received after it.',
      table: { head: ['operation', 'reply p50', 'Δ', 'reply p95', 'Δ', 'notification p50', 'Δ', 'notification p95', 'Δ'], rows: latencyRows },
    },
  ];
  return { sections, newFailures: newFailures.length, unableToRun: unable.length + (runUnable ? 1 : 0) };
}

/** The run records named: files, or folders searched for them; ordered by start time. */
export function loadRuns(paths: string[]): RunRecord[] {
  const files = paths.flatMap((p) => (statSync(p, { throwIfNoEntry: false })?.isDirectory() ? filesUnder(p).filter((f) => f.endsWith('.json')) : [p]));
  const fromFolder = (f: string) => !paths.includes(f);
  const runs: RunRecord[] = [];
  for (const file of files) {
    try {
      runs.push(load(file));
    } catch (error) {
      if (!fromFolder(file)) throw error;
    }
  }
  return runs.sort((a, b) => a.info.startedAt.localeCompare(b.info.startedAt));
}

function main(): number {
  const paths = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (paths.length === 0) {
    process.stderr.write('usage: npm run compare -- <run.json> <run.json> [more run records…] | <folder of run records>\n');
    return 2;
  }
  const runs = loadRuns(paths.map((p) => resolve(process.env.INIT_CWD ?? process.cwd(), p)));
  if (runs.length < 2) throw new Error(`found ${runs.length} run record(s) in ${paths.join(', ')}; at least two are needed`);
  const { sections, newFailures, unableToRun } = compare(runs.at(-2)!, runs.at(-1)!);
  const all: Section[] = [
    { title: `Matrix of ${runs.length} runs`, text: 'Verdict per requirement and run, oldest first; ▲ better, ▼ worse, • otherwise changed (a harness error is neither better nor worse).' },
    ...matrix(runs),
    { title: `Last run against the one before (#${runs.length - 1} → #${runs.length})` },
    ...sections,
  ];
  const out = resolve(process.env.GWS_REPORTS_DIR ? resolve(ROOT, process.env.GWS_REPORTS_DIR) : resolve(ROOT, 'reports'), 'comparison');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, 'comparison.md'), toMarkdown('GWS conformance: run comparison', all));
  writeFileSync(resolve(out, 'comparison.html'), toHtml('GWS conformance: run comparison', all));
  const caveatCount = sections.find((s) => s.title.startsWith('Caveats'))?.list?.length ?? 0;
  process.stdout.write(
    `comparison of ${runs.length} runs: ${newFailures} new failure(s), ${unableToRun ? `${unableToRun} became unable to run (harness errors)` : 'none became unable to run'}` +
      `${caveatCount ? `; ${caveatCount} caveat(s): ${sections.find((s) => s.title.startsWith('Caveats'))!.list!.join('; ')}` : ''}\n` +
      `${relative(process.cwd(), out)}/comparison.md and comparison.html\n`,
  );
  return unableToRun > 0 ? 2 : newFailures > 0 ? 1 : 0;
}

if (require.main === module) {
  if (helpRequested(process.argv.slice(2), HELP.compare)) process.exit(0);
  try {
    process.exit(main());
  } catch (error) {
    process.stderr.write(`compare: ${(error as Error).message}\n`);
    process.exit(2);
  }
}
