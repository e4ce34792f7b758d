import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { RerunRecord } from '../reports/lib/flaky';
import type { RunRecord, TestRecord } from '../reports/lib/record';

/**
 * The second attempts in JUnit: a test suite of their own ("second attempts, run alone"), one
 * test case per rerun test with the property `gws.rerun` (flaky or reproducible), failed when the
 * second attempt failed. The first attempts stay as Playwright wrote them.
 */

export const RERUN_SUITE = 'second attempts of failed tests, run alone';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function rerunSuiteXml(record: RunRecord): { xml: string; tests: number; failures: number } {
  const reruns = (record.tests as (TestRecord & { rerun?: RerunRecord })[]).filter((t) => t.rerun && t.rerun.verdict !== 'not-rerun');
  let failures = 0;
  const cases = reruns.map((t) => {
    const second = t.rerun!.attempt!;
    const props = `<properties><property name="gws.id" value="${xml(t.id)}"/><property name="gws.rerun" value="${t.rerun!.verdict}"/></properties>`;
    let body = props;
    if (second.verdict === 'failed' || second.verdict === 'harness-error') {
      failures += 1;
      body += `<failure message="${xml(`${t.rerun!.verdict}: ${second.code ?? second.verdict}`)}" type="${xml(second.code ?? second.verdict)}">${xml(second.message ?? '')}</failure>`;
    } else if (second.verdict !== 'passed') {
      body += `<skipped message="${xml(second.verdict)}"/>`;
    }
    return `<testcase name="${xml(`${t.title} [${t.rerun!.verdict}]`)}" classname="${xml(t.file)}" time="${(second.durationMs / 1000).toFixed(3)}">${body}</testcase>`;
  });
  const flaky = reruns.filter((t) => t.rerun!.verdict === 'flaky').length;
  return {
    xml: `<testsuite name="${RERUN_SUITE}" tests="${reruns.length}" failures="${failures}" skipped="0" errors="0" time="0"><properties><property name="gws.flaky" value="${flaky}"/></properties>${cases.join('')}</testsuite>`,
    tests: reruns.length,
    failures,
  };
}

export function markJunitReruns(file: string, record: RunRecord): void {
  if (!existsSync(file)) return;
  const suite = rerunSuiteXml(record);
  if (suite.tests === 0) return;
  let text = readFileSync(file, 'utf8');
  text = text.replace(/<testsuites([^>]*)>/, (_all, attrs: string) => {
    const bump = (name: string, by: number) => (a: string) => a.replace(new RegExp(`${name}="(\\d+)"`), (_m, n: string) => `${name}="${Number(n) + by}"`);
    return `<testsuites${bump('failures', suite.failures)(bump('tests', suite.tests)(attrs))}>`;
  });
  text = text.replace(/<\/testsuites>\s*$/, `${suite.xml}\n</testsuites>\n`);
  writeFileSync(file, text);
}
