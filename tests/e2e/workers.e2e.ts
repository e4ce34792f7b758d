import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startMock } from '../../mock/server';
import type { JsonReport } from '../../reports/lib/results';
import { mockTarget, runHarness, type HarnessRun } from './support/harness-run';

/**
 * GWS_USERS_FILE with several user sets runs the suites in parallel workers, each on its own set;
 * with one set the run uses one worker, whatever GWS_WORKERS asks.
 */

/** Each test's worker slot and the user names it ran as. */
function slots(result: HarnessRun): { parallelIndex: number; users: string }[] {
  const out: { parallelIndex: number; users: string }[] = [];
  const walk = (suites: JsonReport['suites']) => {
    for (const suite of suites) {
      for (const spec of suite.specs) {
        for (const t of spec.tests) {
          const last = t.results.at(-1) as unknown as { parallelIndex: number; annotations?: { type: string; description?: string }[] } | undefined;
          const users = [...t.annotations, ...(last?.annotations ?? [])].find((a) => a.type === 'allure.label.gwsUsers')?.description;
          if (last && users) out.push({ parallelIndex: last.parallelIndex, users });
        }
      }
      walk(suite.suites ?? []);
    }
  };
  walk(result.report?.suites ?? []);
  return out;
}

test('two user sets: two workers, each always on its own set, never both on one', async () => {
  const mock = await startMock();
  try {
    const result = await runHarness('workers-2', { ...mockTarget(mock, 2), GWS_WORKERS: '8' }, ['suites/platform']);
    expect(result.code, result.output.slice(-2000)).toBe(0);
    expect(result.output).toMatch(/using 2 workers/);
    const seen = slots(result);
    expect(seen.length).toBe(result.outcomes.length);
    const bySlot = new Map<number, Set<string>>();
    for (const { parallelIndex, users } of seen) bySlot.set(parallelIndex, new Set([...(bySlot.get(parallelIndex) ?? []), users]));
    expect([...bySlot.keys()].sort()).toEqual([0, 1]);
    for (const sets of bySlot.values()) expect(sets.size, 'user sets of one worker slot').toBe(1);
    const used = [...bySlot.values()].map((s) => [...s][0]);
    expect(new Set(used).size, 'each worker slot has a set of its own').toBe(2);
    expect(used.sort()).toEqual(['agent1, supervisor1, caller1', 'agent2, supervisor2, caller2']);
    // The version the target reported is in the report's environment.
    expect(readFileSync(join(result.dir, 'allure-results/environment.properties'), 'utf8')).toContain('gws.version=8.5.2-gws-conformance-mock');
    expect(readFileSync(join(result.dir, 'allure-report/widgets/allure_environment.json'), 'utf8')).toContain('8.5.2-gws-conformance-mock');
  } finally {
    await mock.close();
  }
});

test('one user set: one worker, even when more are asked for', async () => {
  const mock = await startMock();
  try {
    const result = await runHarness('workers-1', { ...mockTarget(mock, 1), GWS_WORKERS: '4' }, ['suites/platform']);
    expect(result.code, result.output.slice(-2000)).toBe(0);
    expect(result.output).toMatch(/using 1 worker\b/);
    expect(new Set(slots(result).map((s) => `${s.parallelIndex} ${s.users}`))).toEqual(new Set(['0 agent1, supervisor1, caller1']));
  } finally {
    await mock.close();
  }
});
