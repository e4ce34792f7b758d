import type { RollupVerdict, RunRecord } from './record';
import type { Section } from './render';

/**
 * Many runs side by side: rows are the requirements grouped by operation, columns the runs
 * (target, server version, date), cells the verdicts, each change from the previous column marked
 * (▲ better, ▼ worse, • otherwise changed). Also the caveats that make two columns hard to compare.
 */

const RANK: Record<string, number> = { passed: 0, 'known-failure': 1, 'non-strict': 2, failed: 3, 'harness-error': 2, 'not-applicable': -1, 'not-run': -1, untested: -1, absent: -1 };

export function columnLabel(r: RunRecord): string {
  const scope = r.scope === 'partial' ? ' PARTIAL' : '';
  return `${r.info.target.url} · ${r.info.target.serverVersion} · ${r.info.startedAt.slice(0, 16).replace('T', ' ')}${scope}`;
}

/** The verdict in a cell, marked against the previous column. */
export function marked(previous: string | undefined, current: string): string {
  if (previous === undefined || previous === current) return current;
  const a = RANK[previous] ?? -1;
  const b = RANK[current] ?? -1;
  if (current === 'harness-error' || previous === 'harness-error' || a < 0 || b < 0) return `• ${current}`;
  return b < a ? `▲ ${current}` : `▼ ${current}`;
}

export function matrix(runs: RunRecord[]): Section[] {
  const ids = new Map<string, { operation: string; page: string; statement: string }>();
  for (const run of runs) {
    for (const r of run.requirements) {
      if (ids.has(r.id)) continue;
      const op = run.operations.find((o) => o.page === r.page);
      ids.set(r.id, { operation: op ? `${op.section}: ${op.operation}` : r.page, page: r.page, statement: r.statement });
    }
  }
  const byOperation = new Map<string, string[]>();
  for (const [id, r] of ids) byOperation.set(r.operation, [...(byOperation.get(r.operation) ?? []), id]);
  const head = ['requirement', ...runs.map((r, i) => `#${i + 1}`)];
  const sections: Section[] = [
    {
      title: 'Runs (columns)',
      table: {
        head: ['column', 'target · server version · started', 'verdict', 'workers', 'selection', 'harness'],
        rows: runs.map((r, i) => [
          `#${i + 1}`,
          columnLabel(r),
          r.verdict,
          String(r.setup?.workers ?? '?'),
          r.scope === 'partial' ? r.setup.selection.partial.join(', ') : r.setup ? 'whole' : 'not recorded',
          `${r.info.harness.version} ${r.info.harness.commit.slice(0, 12)}`,
        ]),
      },
    },
  ];
  for (const [operation, reqs] of [...byOperation].sort(([a], [b]) => a.localeCompare(b))) {
    const rows = reqs.map((id) => {
      const r = ids.get(id)!;
      let previous: string | undefined;
      const cells = runs.map((run) => {
        const v: RollupVerdict | 'absent' = run.requirements.find((x) => x.id === id)?.verdict ?? 'absent';
        const text = marked(previous, v);
        previous = v;
        return text;
      });
      return [`[${id}](${r.page})`, ...cells];
    });
    sections.push({ title: operation, table: { head, rows } });
  }
  return sections;
}

/** What makes two runs hard to compare: different workers, selection, target or settings. */
export function caveats(a: RunRecord, b: RunRecord, names = ['baseline', 'current']): string[] {
  const out: string[] = [];
  if (a.info.target.url !== b.info.target.url) out.push(`the targets differ: ${names[0]} ${a.info.target.url}, ${names[1]} ${b.info.target.url}`);
  const workers = (r: RunRecord) => (r.setup ? String(r.setup.workers) : 'not recorded');
  if (workers(a) !== workers(b)) out.push(`the worker counts differ (${workers(a)} and ${workers(b)}): latencies are not comparable`);
  const sel = (r: RunRecord) => (r.setup ? r.setup.selection.partial.join(', ') || 'whole' : 'not recorded');
  if (sel(a) !== sel(b)) out.push(`the selections differ (${sel(a)} and ${sel(b)}): tests absent from one run are not fixes or failures`);
  if (a.info.settings.notificationTimeoutMs !== b.info.settings.notificationTimeoutMs) out.push(`the notification timeouts differ (${a.info.settings.notificationTimeoutMs} ms and ${b.info.settings.notificationTimeoutMs} ms)`);
  if ((a.setup?.strict ?? false) !== (b.setup?.strict ?? false)) out.push('one run is strict and the other is not: non-strict failures count differently');
  return out;
}
