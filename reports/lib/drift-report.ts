import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DriftTally, TypeTally } from './drift';
import { toHtml, type Section } from './render';

/**
 * What the drift tally says to a person: the overview sections (in the Allure report, as the
 * attachment of a result of its own), and the members and values that appeared or disappeared
 * between two runs (`npm run compare`).
 */

const list = (v: (string | number | boolean)[]) => v.map(String).join(', ');

export function driftSections(drift: DriftTally): Section[] {
  const rows = (kind: string, tallies: Record<string, TypeTally>) =>
    Object.entries(tallies).map(([key, t]) => [
      `${kind} ${key}`,
      String(t.count),
      t.schema ?? '(no schema)',
      t.undeclared.join('\n'),
      t.neverSeen.join('\n'),
      Object.entries(t.values).map(([p, v]) => `${p}: ${list(v)}`).join('\n'),
      Object.entries(t.valuesNeverSeen).map(([p, v]) => `${p}: ${list(v)}`).join('\n'),
    ]);
  return [
    {
      title: 'Coverage and drift from what was seen',
      text:
        'Every notification and reply of the run, per message type and per operation: members seen that the schema does not declare (undocumented extensions), ' +
        'documented members and values that never arrived, and the values of enumerated members seen. An observation: it decides no verdict.',
      table: {
        head: ['type', 'seen', 'schema', 'undeclared members seen', 'documented members never seen', 'values seen', 'documented values never seen'],
        rows: [...rows('notification', drift.notifications), ...rows('reply', drift.replies)],
      },
    },
  ];
}

/** The members and values that appeared or disappeared between two runs. */
export function driftChanges(before: DriftTally | undefined, after: DriftTally | undefined): string[] {
  if (!before || !after) return [`${before ? 'the current' : 'the baseline'} run record has no drift tally (recorded by a harness before it)`];
  const lines: string[] = [];
  for (const kind of ['notifications', 'replies'] as const) {
    const a = before[kind];
    const b = after[kind];
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const x = a[key];
      const y = b[key];
      const label = `${kind === 'notifications' ? 'notification' : 'reply'} ${key}`;
      if (!x || !y) {
        lines.push(`${label}: ${x ? 'disappeared (seen in the baseline only)' : 'appeared (not seen in the baseline)'}`);
        continue;
      }
      const diff = (p: string[], q: string[]) => [q.filter((m) => !p.includes(m)), p.filter((m) => !q.includes(m))] as const;
      const [appeared, gone] = diff(x.seen, y.seen);
      if (appeared.length) lines.push(`${label}: members appeared ${appeared.join(', ')}${appeared.some((m) => y.undeclared.includes(m)) ? ` (undeclared: ${appeared.filter((m) => y.undeclared.includes(m)).join(', ')})` : ''}`);
      if (gone.length) lines.push(`${label}: members disappeared ${gone.join(', ')}`);
      for (const path of [...new Set([...Object.keys(x.values), ...Object.keys(y.values)])].sort()) {
        const p = (x.values[path] ?? []).map(String);
        const q = (y.values[path] ?? []).map(String);
        const [plus, minus] = diff(p, q);
        if (plus.length) lines.push(`${label}: ${path} values appeared ${plus.join(', ')}`);
        if (minus.length) lines.push(`${label}: ${path} values disappeared ${minus.join(', ')}`);
      }
    }
  }
  return lines;
}

/**
 * The overview in the Allure report: a result of its own ("Coverage and drift", suite "Run
 * overview", status passed: it judges nothing) carrying the tally as an HTML page and as JSON.
 */
export function writeAllureOverview(resultsDir: string, drift: DriftTally, at = Date.now()): void {
  mkdirSync(resultsDir, { recursive: true });
  const html = `${randomUUID()}-attachment.html`;
  const json = `${randomUUID()}-attachment.json`;
  writeFileSync(join(resultsDir, html), toHtml('Coverage and drift from what was seen', driftSections(drift)));
  writeFileSync(join(resultsDir, json), JSON.stringify(drift, null, 2));
  const uuid = randomUUID();
  const result = {
    uuid,
    historyId: 'gws-run-overview-drift',
    testCaseId: 'gws-run-overview-drift',
    name: 'Coverage and drift from what was seen',
    fullName: 'run overview: coverage and drift',
    status: 'passed',
    stage: 'finished',
    description: 'Members and values seen per notification type and operation reply, against what the schemas declare. An observation, not a test: it decides no verdict.',
    labels: [
      { name: 'suite', value: 'Run overview' },
      { name: 'epic', value: 'Run overview' },
      { name: 'feature', value: 'Coverage and drift' },
      { name: 'gwsId', value: 'run.overview.drift' },
    ],
    attachments: [
      { name: 'coverage-and-drift.html', source: html, type: 'text/html' },
      { name: 'coverage-and-drift.json', source: json, type: 'application/json' },
    ],
    steps: [],
    parameters: [],
    links: [],
    start: at,
    stop: at,
  };
  writeFileSync(join(resultsDir, `${uuid}-result.json`), JSON.stringify(result));
}
