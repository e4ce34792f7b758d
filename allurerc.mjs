import { existsSync, readFileSync } from 'node:fs';

/**
 * The Allure 3 report: grouped by API (SMS, Voice, Platform) and test group as the console shows
 * them, with one category per verdict of the harness (the `gwsVerdict` label written from the run
 * record before the report is generated), and with history kept across runs in
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
  categories: [
    { id: 'gws-nonconformance', name: 'Non-conformance: the server contradicts the documentation', matchers: { labels: { gwsVerdict: '^non-conformance$' } }, groupByMessage: false, expand: true },
    { id: 'gws-nonstrict', name: 'Non-strict: differs from a reading of the documentation (a warning unless --strict)', matchers: { labels: { gwsVerdict: '^non-strict$' } }, groupByMessage: false },
    { id: 'gws-known', name: 'Known failures (declared, with reason and link)', matchers: { labels: { gwsVerdict: '^known-failure$' } }, groupByMessage: false },
    { id: 'gws-harness', name: 'Harness errors: the run could not check the server', matchers: { labels: { gwsVerdict: '^harness-error$' } }, groupByMessage: false },
    { id: 'gws-na', name: 'Not applicable (the reason names the setting)', matchers: { labels: { gwsVerdict: '^not-applicable$' } }, groupByMessage: false },
    { id: 'gws-not-run', name: 'Did not run: the run was stopped before these tests started', matchers: { labels: { gwsVerdict: '^not-run$' } }, groupByMessage: false },
  ],
  plugins: {
    awesome: { options: { reportName: 'GWS conformance', groupBy: ['parentSuite', 'suite', 'subSuite'] } },
  },
};
