import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import { loadConfigOrExit } from './helpers/config';
import { DEFAULT_USER_SETS } from './mock/users';

/**
 * The conformance run. The target comes from the environment (TARGET.md); without GWS_BASE_URL
 * each worker starts its own embedded mock. Workers never outnumber the configured user sets.
 */

const config = loadConfigOrExit();
/** Where reports go: `reports/` unless GWS_REPORTS_DIR names another folder (the harness's own end-to-end tests). */
const REPORTS = resolve(__dirname, process.env.GWS_REPORTS_DIR || 'reports');
const userSets = config.baseUrl ? config.userSets.length : DEFAULT_USER_SETS;
const requestedWorkers = process.env.GWS_WORKERS ? Number(process.env.GWS_WORKERS) : undefined;

export default defineConfig({
  testDir: './suites',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  failOnFlakyTests: true,
  workers: Math.max(1, Math.min(requestedWorkers ?? (config.baseUrl ? userSets : 2), userSets)),
  timeout: Math.max(30_000, config.notificationTimeoutMs * 6),
  outputDir: `${REPORTS}/playwright/test-output`,
  reporter: [
    ['list', { printSteps: false }],
    // junit.xml is written from the run record (scripts/conformance.ts), with the harness's verdicts.
    ['json', { outputFile: `${REPORTS}/results.json` }],
    ['allure-playwright', { resultsDir: process.env.GWS_ALLURE_RESULTS || `${REPORTS}/allure-results`, detail: true, suiteTitle: false }],
    // A run split with --shard also writes a blob report when asked, for `playwright merge-reports`.
    // Ends the run once the target is unusable for every test (helpers/early-stop.ts).
    ['./helpers/early-stop.ts', { file: `${REPORTS}/early-stop.json` }],
    ...(process.env.PLAYWRIGHT_BLOB_OUTPUT_DIR ? [['blob'] as ['blob']] : []),
  ],
  use: {},
});
