import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { driftChanges } from './lib/drift-report';
import type { Latency } from './lib/evidence';
import { RECORD_FORMAT, type RunRecord, type TestVerdict } from './lib/record';
import { toHtml, toMarkdown, type Section } from './lib/render';
import { ROOT } from './lib/run-info';

/**
 * `npm run compare -- <baseline.json> <current.json>`: two run records (reports/run.json of a
 * conformance run, or results.json of a certification bundle) compared. Writes
 * reports/comparison/comparison.md and .html: new failures, fixes, still failing, newly not
 * applicable, changes in the shape of notifications, and latency changes per operation.
 * Exits 1 when the current run has new failures, 2 on unusable input.
 */

const FAILING: TestVerdict[] = ['failed', 'harness-error'];

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

export function compare(base: RunRecord, current: RunRecord): { sections: Section[]; newFailures: number } {
  const before = new Map(base.tests.map((t) => [t.id, t]));
  const after = new Map(current.tests.map((t) => [t.id, t]));
  const row = (id: string) => [id, after.get(id)?.title ?? before.get(id)?.title ?? '', before.get(id)?.verdict ?? 'absent', after.get(id)?.verdict ?? 'absent', after.get(id)?.code ?? ''];
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  const wasFailing = (id: string) => FAILING.includes(before.get(id)?.verdict as TestVerdict);
  const isFailing = (id: string) => FAILING.includes(after.get(id)?.verdict as TestVerdict);
  const newFailures = ids.filter((id) => isFailing(id) && !wasFailing(id));
  const fixes = ids.filter((id) => wasFailing(id) && after.get(id)?.verdict === 'passed');
  const still = ids.filter((id) => wasFailing(id) && isFailing(id));
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
  const sections: Section[] = [
    { title: 'Runs', list: [`baseline: ${describe(base)}`, `current: ${describe(current)}`] },
    { title: `New failures (${newFailures.length})`, table: { head, rows: newFailures.map(row) } },
    { title: `Fixes (${fixes.length})`, table: { head, rows: fixes.map(row) } },
    { title: `Still failing (${still.length})`, table: { head, rows: still.map(row) } },
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
  return { sections, newFailures: newFailures.length };
}

function main(): number {
  const [baseFile, currentFile] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (!baseFile || !currentFile) {
    process.stderr.write('usage: npm run compare -- <baseline run.json> <current run.json>\n');
    return 2;
  }
  const { sections, newFailures } = compare(load(resolve(process.env.INIT_CWD ?? process.cwd(), baseFile)), load(resolve(process.env.INIT_CWD ?? process.cwd(), currentFile)));
  const out = resolve(ROOT, 'reports/comparison');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, 'comparison.md'), toMarkdown('GWS conformance: run comparison', sections));
  writeFileSync(resolve(out, 'comparison.html'), toHtml('GWS conformance: run comparison', sections));
  process.stdout.write(`comparison: ${newFailures} new failure(s); ${relative(process.cwd(), out)}/comparison.md and comparison.html\n`);
  return newFailures > 0 ? 1 : 0;
}

if (require.main === module) {
  try {
    process.exit(main());
  } catch (error) {
    process.stderr.write(`compare: ${(error as Error).message}\n`);
    process.exit(2);
  }
}
