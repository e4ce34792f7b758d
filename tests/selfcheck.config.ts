import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import type { HarnessWorkerOptions } from '../helpers/fixtures';
import { FAULTS, type FaultDefinition } from '../mock/faults';
import { LATITUDE_NAMES, type LatitudeName } from '../mock/latitude';

/**
 * The self-check, as Playwright projects of one run:
 * - `clean`: every suite against the plain mock;
 * - `latitude:<switch>`: every suite under each latitude switch alone;
 * - `latitude:all#<seed>`: every suite under all switches at once, one project per seed;
 * - `fault:<name>`: the suite that must catch each fault, with the fault on and all latitude
 *   switches on (except those that would hide that very fault), so that no fault is caught only
 *   because the mock is fast and orderly.
 * Every test must pass in the first three; scripts/selfcheck.ts reads the JSON report and proves
 * each fault was caught by its named tests for the reason it declares. The seeds come from
 * GWS_SELFCHECK_SEEDS (scripts/selfcheck.ts sets and prints them); GWS_SELFCHECK_FAULT_LATITUDE=none
 * runs the fault projects on the orderly mock instead. GWS_SELFCHECK_RESULTS names the JSON report
 * (the second attempt of a missed fault writes its own).
 */

export const SELFCHECK_DEFAULT_SEEDS = [1, 2, 3];

const seeds = (process.env.GWS_SELFCHECK_SEEDS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .map(Number)
  .filter((n) => Number.isInteger(n) && n >= 0);
const runSeeds = seeds.length > 0 ? seeds : SELFCHECK_DEFAULT_SEEDS;
const faultLatitude = process.env.GWS_SELFCHECK_FAULT_LATITUDE === 'none' ? [] : LATITUDE_NAMES;

export default defineConfig<object, HarnessWorkerOptions>({
  testDir: '../suites',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  retries: 0,
  // Most of a run is waiting on timers and notifications, not CPU: many workers fit 2 cores.
  workers: Number(process.env.GWS_SELFCHECK_WORKERS ?? '') || 8,
  timeout: 30_000,
  outputDir: '../reports/selfcheck/test-output',
  // The expected failures are the point of this run: the script prints the verdicts, not the failures.
  reporter: [['json', { outputFile: process.env.GWS_SELFCHECK_RESULTS || resolve(__dirname, '../reports/selfcheck/results.json') }]],
  // Each project runs on one worker (two for the slow all-switches ones): a worker costs more to
  // start than most tests take, and many projects side by side keep the 8 workers busy. The
  // longest projects come first so that no long one starts last.
  projects: [
    ...runSeeds.map((seed) => ({ name: `latitude:all#${seed}`, workers: 2, use: { mockLatitude: [...LATITUDE_NAMES], mockLatitudeSeed: seed } })),
    ...faultProjects(true),
    { name: 'clean', workers: 1, use: { mockFaults: [], mockLatitude: [] } },
    ...LATITUDE_NAMES.map((name) => ({ name: `latitude:${name}`, workers: 1, use: { mockLatitude: [name], mockLatitudeSeed: runSeeds[0] } })),
    ...faultProjects(false),
  ],
});

/** The fault projects: the sequence-only ones (whole suites, long) or the others. */
function faultProjects(sequenceOnly: boolean) {
  return (Object.entries(FAULTS) as [string, FaultDefinition][])
    .filter(([, fault]) => (fault.sequenceOnly === true) === sequenceOnly)
    .map(([name, fault]) => {
      const masks: readonly LatitudeName[] = fault.masks ?? [];
      return {
        name: `fault:${name}`,
        testMatch: typeof fault.suite === 'string' ? fault.suite : [...fault.suite],
        workers: 1,
        // One worker per project, in file order: a fault names a few tests of one suite.
        fullyParallel: false,
        use: {
          mockFaults: [name],
          mockLatitude: faultLatitude.filter((l) => !masks.includes(l)),
          mockLatitudeSeed: runSeeds[0],
          selfCheckExpectFailing: fault.caughtBy,
          // A fault is judged by the tests it names; a sequence-only fault, by every test of its suite passing.
          selfCheckOnly: fault.sequenceOnly ? undefined : fault.caughtBy,
        },
      };
    });
}
