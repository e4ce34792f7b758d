import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { loadConfigOrExit, TARGET_VARIABLES, type Config } from '../helpers/config';
import { ANNOTATION } from '../helpers/meta';
import { exitStatus, readOutcomes, readReport, summarize, type TestOutcome } from './results';
import { ALLURE_CLI, PLAYWRIGHT_CLI, run } from './run';

/**
 * `npm run conformance [-- --mock] [playwright args]`: validates the configuration, runs the
 * suites against the target (the embedded mock when GWS_BASE_URL is unset, or always with --mock),
 * then writes the Allure HTML report and says where it is.
 */

const ROOT = resolve(__dirname, '..');
/** GWS_REPORTS_DIR moves every output (the harness's own end-to-end tests use it); playwright.config.ts reads it too. */
const REPORTS = resolve(ROOT, process.env.GWS_REPORTS_DIR || 'reports');
const RESULTS = resolve(REPORTS, 'allure-results');
const REPORT = resolve(REPORTS, 'allure-report');
const JSON_REPORT = resolve(REPORTS, 'results.json');

/** The report's environment: what ran against what, with the version the target reported (platform.version). */
function writeEnvironment(config: Config, outcomes: TestOutcome[]): string | undefined {
  const version = outcomes.flatMap((o) => o.annotations).find((a) => a.type === ANNOTATION.version)?.description;
  const lines = {
    'gws.target': config.baseUrl ? config.baseUrl.host + config.baseUrl.pathname.replace(/\/$/, '') : 'embedded mock',
    'gws.version': version ?? 'not reported (platform.version did not run or failed)',
    'gws.features': [...config.features].join(','),
    'gws.cometd.transport': config.cometdTransport,
    'gws.sms.channel': config.smsChannel,
    'harness.node': process.version,
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(resolve(RESULTS, 'environment.properties'), Object.entries(lines).map(([k, v]) => `${k}=${v.replace(/\n/g, ' ')}`).join('\n') + '\n');
  return version;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const mockOnly = args.includes('--mock');
  const playwrightArgs = args.filter((a) => a !== '--mock');
  if (mockOnly) {
    // Set and empty: dotenv leaves them alone, and the harness reads them as unset.
    for (const name of TARGET_VARIABLES) process.env[name] = '';
  }
  const config = loadConfigOrExit();
  const target = config.baseUrl ? config.baseUrl.origin + config.baseUrl.pathname.replace(/\/$/, '') : 'the embedded mock (GWS_BASE_URL is unset)';
  process.stdout.write(
    `gws-conformance: target ${target}; features ${[...config.features].join(', ')}; ` +
      `notification timeout ${config.notificationTimeoutMs} ms\n`,
  );

  rmSync(RESULTS, { recursive: true, force: true });
  rmSync(JSON_REPORT, { force: true });
  const tests = await run(PLAYWRIGHT_CLI, ['test', ...playwrightArgs], { env: process.env });

  let outcomes: TestOutcome[] | undefined;
  let runErrors = 0;
  try {
    const report = readReport(JSON_REPORT);
    outcomes = readOutcomes(report);
    runErrors = report.errors?.length ?? 0;
    const version = writeEnvironment(config, outcomes);
    if (version) process.stdout.write(`target version: ${version}\n`);
  } catch {
    outcomes = undefined;
  }

  const allure = await run(ALLURE_CLI, ['generate', RESULTS, '--output', REPORT, '--name', 'GWS conformance'], { quiet: true });
  if (allure.code === 0) {
    process.stdout.write(`\nAllure report: ${relative(process.cwd(), REPORT)}/index.html  (serve it with: npx allure open ${relative(process.cwd(), REPORT)})\n`);
  } else {
    process.stderr.write(`\ngws-conformance: the Allure report could not be generated:\n${allure.output}\n`);
  }
  process.stdout.write(`Allure results: ${relative(process.cwd(), RESULTS)}   JUnit: ${relative(process.cwd(), resolve(REPORTS, 'junit.xml'))}\n`);

  let status: 0 | 1 | 2;
  if (outcomes) {
    const counts = summarize(outcomes);
    status = exitStatus(outcomes, runErrors);
    const verdict = status === 0 ? 'CONFORMANT' : status === 1 ? 'NON-CONFORMANT' : 'COULD NOT RUN';
    process.stdout.write(
      `\nverdict: ${verdict}: ${counts.passed} passed, ${counts.nonconformance} non-conformant, ` +
        `${counts['harness-error'] + counts.other} harness errors, ${counts['not-applicable']} not applicable\n`,
    );
    // What kept the run from checking the server, once per kind, so that a CI log says it first.
    const causes = new Map<string, { count: number; example: string }>();
    for (const o of outcomes.filter((x) => x.verdict === 'harness-error' || x.verdict === 'other')) {
      const code = /\[harness:([A-Z_]+)\]/.exec(o.message)?.[1] ?? (o.status === 'timedOut' ? 'TEST_TIMEOUT' : 'UNCLASSIFIED');
      const cause = causes.get(code) ?? { count: 0, example: o.message.split('\n')[0] ?? '' };
      cause.count += 1;
      causes.set(code, cause);
    }
    for (const [code, { count, example }] of causes) process.stdout.write(`  harness error ${code} ×${count}: ${example.slice(0, 300)}\n`);
  } else {
    process.stderr.write(`gws-conformance: the run left no result file (${relative(process.cwd(), JSON_REPORT)})\n`);
    status = 2;
  }
  if (status === 0 && tests.code !== 0) status = 2;
  return status === 0 && allure.code !== 0 ? 2 : status;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`gws-conformance: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
