import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ANNOTATION } from '../../helpers/meta';
import { apiOf, groupOf } from './junit';

/**
 * What the Allure report of a run must show (`npm run report:check`), read from the same run's
 * Playwright JSON report: the APIs and the test groups (the report groups by parentSuite, suite and
 * subSuite as the console does, see allurerc.mjs and allure-verdicts.ts), the tests of the run, and
 * one test with steps.
 */

const ROOT = resolve(__dirname, '..', '..');

/** What the page did not show, said plainly. */
export class CheckFailed extends Error {}

export const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A step of the test's agent: "agent <username>: Accept smssession 0000…". The username is the
 * test's own, read from the run's record (its users annotation), so that a run against any target,
 * with any user names, is checked alike.
 */
export const agentStep = (username: string) => new RegExp(`^agent ${escape(username)}: `);

/** The users of a test as the run recorded them ("agent1, supervisor1, caller1"). */
function usersOf(annotations: { type: string; description?: string }[]): string[] {
  return (annotations.find((a) => a.type === ANNOTATION.users)?.description ?? '').split(',').map((u) => u.trim()).filter(Boolean);
}

// of the run, and one test with steps.

interface JsonSuite {
  title: string;
  specs: { title: string; file: string; tests: { annotations: { type: string; description?: string }[]; results: { status: string; steps?: { title: string }[] }[] }[] }[];
  suites?: JsonSuite[];
}

export interface Expected {
  suites: string[];
  tests: string[];
  /**
   * A passed test with a step of the agent's, to open. The step's title names an SMS session id
   * that only this run produced: finding it proves the report is of the same run, not a stale one.
   */
  sample: { title: string; id: string | undefined; step: string; agent: string };
}

export function expectedFrom(resultsFile: string): Expected {
  const report = JSON.parse(readFileSync(resultsFile, 'utf8')) as { suites: JsonSuite[] };
  const suites = new Set<string>();
  const tests: string[] = [];
  const candidates: Expected['sample'][] = [];
  const walk = (list: JsonSuite[], depth: number, describes: string[]) => {
    for (const suite of list) {
      // Depth 0 is the spec file; below it, the describe blocks.
      const path = depth === 0 ? [] : [...describes, suite.title];
      for (const spec of suite.specs) {
        tests.push(spec.title);
        const group = groupOf({ file: spec.file, title: [...path, spec.title].join(' › ') }).split(' › ');
        suites.add(apiOf(spec.file)).add(group[0]!);
        if (group.length > 1) suites.add(group.slice(1).join(' › '));
        for (const test of spec.tests) {
          const last = test.results.at(-1);
          const id = test.annotations.find((a) => a.type === ANNOTATION.id)?.description;
          for (const agent of usersOf(test.annotations)) {
            const step = last?.steps?.find((s) => agentStep(agent).test(s.title))?.title;
            if (last?.status === 'passed' && step) candidates.push({ title: spec.title, id, step, agent });
          }
        }
      }
      walk(suite.suites ?? [], depth + 1, path);
    }
  };
  walk(report.suites, 0, []);
  const sample = candidates.find((c) => c.id === 'sms.accept.notification-sequence') ?? candidates[0];
  if (!sample) throw new CheckFailed(`${relative(ROOT, resultsFile)} has no passed test with a step of the agent's to open`);
  return { suites: [...suites], tests, sample };
}
