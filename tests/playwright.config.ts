import { defineConfig } from '@playwright/test';

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
