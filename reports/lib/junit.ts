import type { RunRecord, TestRecord } from './record';

/**
 * JUnit XML written from the run record, so that CI tools see the harness's verdicts rather than
 * Playwright's pass/fail: `failure` for a non-conformance, `error` for a harness error, `skipped`
 * with the reason for not applicable and for a known failure (with its reason and link), and a
 * non-strict failure as a warning (a passing test case with the warning in its output and a
 * `verdict` property) unless the run is strict, where it is a `failure`.
 */

const xml = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** The API a test file belongs to, from its folder: SMS, Voice or Platform. */
export function apiOf(file: string): string {
  const folder = file.replace(/\\/g, '/').replace(/^.*suites\//, '').split('/')[0] ?? '';
  return { sms: 'SMS', voice: 'Voice', platform: 'Platform' }[folder] ?? folder;
}

/** The group a test is shown in, the same in the console, Allure and JUnit: its API, then its title path. */
export function groupOf(t: Pick<TestRecord, 'file' | 'title'>): string {
  const path = t.title.split(' › ').slice(0, -1);
  const api = apiOf(t.file);
  const first = path[0] ?? '';
  return [first.toLowerCase().startsWith(api.toLowerCase()) ? first : [api, first].filter(Boolean).join(' '), ...path.slice(1)].join(' › ') || api;
}

function testcase(t: TestRecord, strict: boolean): string {
  const name = t.title.split(' › ').at(-1) ?? t.title;
  const head = `<testcase name="${xml(`${name} [${t.id}]`)}" classname="${xml(groupOf(t))}" time="${(t.durationMs / 1000).toFixed(3)}"`;
  const props = (verdict: string) => `<properties><property name="verdict" value="${verdict}"/>${t.code ? `<property name="code" value="${xml(t.code)}"/>` : ''}</properties>`;
  const message = t.message ?? '';
  switch (t.verdict) {
    case 'passed':
      return `${head}>${props('passed')}</testcase>`;
    case 'failed':
      return `${head}>${props('non-conformance')}<failure type="${xml(t.code ?? 'NONCONFORMANCE')}" message="${xml(message.split('\n')[0] ?? '')}">${xml(message)}${t.known?.differs ? xml(`\n(a known failure expected ${t.known.code ?? ''} ${t.known.match ?? ''}; this failure differs)`) : ''}</failure></testcase>`;
    case 'non-strict':
      return strict
        ? `${head}>${props('non-strict')}<failure type="${xml(t.code ?? 'NONSTRICT')}" message="${xml(`non-strict (strict run): ${message.split('\n')[0] ?? ''}`)}">${xml(message)}</failure></testcase>`
        : `${head}>${props('non-strict')}<system-err>${xml(`WARNING non-strict: ${message}`)}</system-err></testcase>`;
    case 'harness-error':
      return `${head}>${props('harness-error')}<error type="${xml(t.code ?? 'HARNESS')}" message="${xml(message.split('\n')[0] ?? '')}">${xml(message)}</error></testcase>`;
    case 'not-applicable':
      return `${head}>${props('not-applicable')}<skipped message="${xml(`not applicable: ${(t.reason ?? '').replace(/^not applicable:\s*/, '')}`)}"/></testcase>`;
    case 'not-run':
      return `${head}>${props('not-run')}<skipped message="did not run: the run was stopped before this test started"/></testcase>`;
    case 'known-failure':
      return `${head}>${props('known-failure')}<skipped message="${xml(`known failure: ${t.known?.reason ?? ''}${t.known?.link ? ` (${t.known.link})` : ''}`)}"/><system-out>${xml(message)}</system-out></testcase>`;
  }
}

export function toJunit(record: RunRecord): string {
  const strict = record.setup?.strict ?? false;
  const groups = new Map<string, TestRecord[]>();
  for (const t of record.tests) groups.set(apiOf(t.file), [...(groups.get(apiOf(t.file)) ?? []), t]);
  const count = (ts: TestRecord[], ...v: TestRecord['verdict'][]) => ts.filter((t) => v.includes(t.verdict)).length;
  const attrs = (ts: TestRecord[]) =>
    `tests="${ts.length}" failures="${count(ts, 'failed') + (strict ? count(ts, 'non-strict') : 0)}" errors="${count(ts, 'harness-error')}" skipped="${count(ts, 'not-applicable', 'known-failure', 'not-run')}" time="${(ts.reduce((a, t) => a + t.durationMs, 0) / 1000).toFixed(3)}"`;
  const scope = record.scope === 'partial' ? ` (partial: ${record.setup.selection.partial.join(', ')})` : '';
  const suites = [...groups].map(
    ([api, ts]) => `  <testsuite name="${xml(api)}" ${attrs(ts)}>\n${ts.map((t) => `    ${testcase(t, strict)}`).join('\n')}\n  </testsuite>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(`GWS conformance: ${record.verdict}${scope}`)}" ${attrs(record.tests)}>\n${suites.join('\n')}\n</testsuites>\n`;
}
