import { existsSync, readFileSync } from 'node:fs';

/**
 * The Allure 3 report: grouped by API section and operation, with history kept across runs in
 * reports/allure-history (keep that folder between CI runs, e.g. as a cache, to see trends), and
 * the run's facts (target, server and harness versions) shown as report variables.
 */

// GWS_REPORTS_DIR moves every output of a run (the harness's own end-to-end tests use it).
const REPORTS = process.env.GWS_REPORTS_DIR || './reports';
const INFO = `${REPORTS}/run-info.json`;
const info = existsSync(INFO) ? JSON.parse(readFileSync(INFO, 'utf8')) : undefined;

export default {
  name: 'GWS conformance',
  output: `${REPORTS}/allure-report`,
  historyPath: `${REPORTS}/allure-history/history.jsonl`,
  historyLimit: 50,
  variables: info
    ? {
        Target: info.target.url,
        'Server version': info.target.serverVersion,
        'Harness version': `${info.harness.version} (${info.harness.commit.slice(0, 12)})`,
        Features: info.features.join(', '),
        'Started at': info.startedAt,
      }
    : {},
  plugins: {
    awesome: { options: { reportName: 'GWS conformance', groupBy: ['epic', 'feature'] } },
  },
};
