import { defineConfig } from '@playwright/test';

/**
 * The harness's end-to-end tests: whole runs of `npm run conformance` as child processes against
 * mocks, misbehaving proxies and stub servers, judged by their exit status, console and reports.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
  fullyParallel: true,
  retries: 0,
  workers: 2,
  timeout: 120_000,
  outputDir: '../../reports/playwright/e2e-output',
  reporter: [['list']],
});
