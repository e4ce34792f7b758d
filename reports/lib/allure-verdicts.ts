import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiOf, groupOf } from './junit';
import type { RunRecord, TestRecord } from './record';

/**
 * The harness's verdicts written into the Allure results before the report is generated, so that
 * Allure shows what the console shows: a `gwsVerdict` label that allurerc.mjs's categories match
 * (non-conformance, non-strict, known failure, harness error, not applicable), harness errors as
 * `broken`, known failures as `skipped` with their reason and link (not red: the gate passed them),
 * a non-strict failure as `unknown` (a warning) unless the run is strict, and the group of each
 * test named with its API, the same as the console's.
 */

export const VERDICT_LABEL = 'gwsVerdict';

const LABEL: Record<TestRecord['verdict'], string> = {
  passed: 'passed',
  failed: 'non-conformance',
  'non-strict': 'non-strict',
  'known-failure': 'known-failure',
  'harness-error': 'harness-error',
  'not-applicable': 'not-applicable',
  'not-run': 'not-run',
};

interface AllureResult {
  status?: string;
  labels?: { name: string; value?: string }[];
  links?: { url: string; name?: string; type?: string }[];
  statusDetails?: { message?: string; trace?: string };
}

function status(t: TestRecord, strict: boolean, current: string | undefined): string | undefined {
  switch (t.verdict) {
    case 'failed':
      return 'failed';
    case 'harness-error':
      return 'broken';
    case 'known-failure':
    case 'not-applicable':
    case 'not-run':
      return 'skipped';
    case 'non-strict':
      return strict ? 'failed' : 'unknown';
    default:
      return current;
  }
}

/** Rewrites the results in place; returns how many were matched to a test of the record. */
export function applyVerdicts(resultsDir: string, record: RunRecord): number {
  const byId = new Map(record.tests.map((t) => [t.id, t]));
  const strict = record.setup?.strict ?? false;
  let matched = 0;
  let files: string[];
  try {
    files = readdirSync(resultsDir).filter((f) => f.endsWith('-result.json'));
  } catch {
    return 0;
  }
  for (const file of files) {
    const path = join(resultsDir, file);
    let result: AllureResult;
    try {
      result = JSON.parse(readFileSync(path, 'utf8')) as AllureResult;
    } catch {
      continue;
    }
    const labels = result.labels ?? [];
    const t = byId.get(labels.find((l) => l.name === 'gwsId')?.value ?? '');
    if (!t) continue;
    matched += 1;
    const keep = labels.filter((l) => l.name !== VERDICT_LABEL && l.name !== 'parentSuite' && l.name !== 'suite' && l.name !== 'subSuite');
    const group = groupOf(t).split(' › ');
    result.labels = [
      ...keep,
      { name: VERDICT_LABEL, value: LABEL[t.verdict] },
      { name: 'parentSuite', value: apiOf(t.file) },
      { name: 'suite', value: group[0] ?? apiOf(t.file) },
      ...(group.length > 1 ? [{ name: 'subSuite', value: group.slice(1).join(' › ') }] : []),
      ...(t.verdict === 'known-failure' ? [{ name: 'tag', value: 'known-failure' }] : []),
      ...(t.verdict === 'non-strict' ? [{ name: 'tag', value: 'non-strict' }] : []),
    ];
    // The second attempt of a failed test (scripts/rerun.ts) keeps the status it had: it is evidence of its own.
    if (!labels.some((l) => l.name === 'gwsAttempt' && l.value === 'second')) result.status = status(t, strict, result.status);
    const details = result.statusDetails ?? {};
    if (t.verdict === 'known-failure' && t.known) {
      details.message = `KNOWN FAILURE: ${t.known.reason}${t.known.link ? ` (${t.known.link})` : ''}${t.known.expires ? `, until ${t.known.expires}` : ''}\n\n${details.message ?? t.message ?? ''}`;
      if (t.known.link) result.links = [...(result.links ?? []), { url: t.known.link, name: 'known failure', type: 'issue' }];
    } else if (t.verdict === 'non-strict') {
      details.message = `${strict ? 'NON-STRICT (failing: strict run)' : 'NON-STRICT (a warning)'}: ${details.message ?? t.message ?? ''}`;
    } else if (t.verdict === 'not-applicable' && t.reason && !(details.message ?? '').includes(t.reason)) {
      details.message = t.reason;
    }
    result.statusDetails = details;
    writeFileSync(path, JSON.stringify(result));
  }
  return matched;
}
