import { defineConfig } from '@playwright/test';
import type { HarnessWorkerOptions } from '../helpers/fixtures';
import { FAULTS } from '../mock/faults';

/**
 * The self-check: the suites against the clean mock (all must pass) and, for every fault switch of
 * the mock, the suite that must catch it, with that fault on. scripts/selfcheck.ts reads the JSON
 * report and proves each fault was caught by the tests it names.
 */

export default defineConfig<object, HarnessWorkerOptions>({
  testDir: '../suites',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  retries: 0,
  // Most of a fault run is waiting on timers, not CPU.
  workers: 4,
  timeout: 30_000,
  outputDir: '../reports/selfcheck/test-output',
  // The expected failures are the point of this run: the script prints the verdicts, not the failures.
  reporter: [['json', { outputFile: '../reports/selfcheck/results.json' }]],
  projects: [
    { name: 'clean', use: { mockFaults: [] } },
    ...Object.entries(FAULTS).map(([name, fault]) => ({
      name: `fault:${name}`,
      testMatch: typeof fault.suite === 'string' ? fault.suite : [...fault.suite],
      use: { mockFaults: [name] },
    })),
  ],
});
