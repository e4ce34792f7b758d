import { defineConfig } from '@playwright/test';

// One seed for the whole run, set before the workers start, so that the fuzz test's title (which
// prints it) is the same in every process; FUZZ_SEED=n replays a run.
process.env.FUZZ_SEED ||= String(Date.now() % 1_000_000_000);

/** The harness's own tests: its modules, its mock, and how it behaves when things go wrong. */
export default defineConfig({
  testDir: './unit',
  testMatch: '**/*.test.ts',
  fullyParallel: true,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  outputDir: '../reports/playwright/unit-output',
  reporter: [['list']],
});
