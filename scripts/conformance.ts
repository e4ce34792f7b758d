import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { loadConfigOrExit, TARGET_VARIABLES, type Config } from '../helpers/config';
import { EARLY_STOP_FILE, type EarlyStop } from '../helpers/early-stop';
import { ANNOTATION } from '../helpers/meta';
import { DEFAULT_KNOWN_FAILURES, loadKnownFailures, type KnownFailure } from '../reports/lib/known';
import { applyVerdicts } from '../reports/lib/allure-verdicts';
import { toJunit } from '../reports/lib/junit';
import { buildRunRecord, RECORD_FORMAT, type RunRecord } from '../reports/lib/record';
import { writeAllureOverview } from '../reports/lib/drift-report';
import { applyReruns, rerunLines } from '../reports/lib/flaky';
import { selectionOf, strictOf, type RunSetup } from '../reports/lib/selection';
import { verdictLines } from '../reports/lib/verdict-text';
import { DEFAULT_USER_SETS } from '../mock/users';
import { collectRunInfo, type RunInfo } from '../reports/lib/run-info';
import { helpRequested } from './help';
import { preflightOrExit } from './preflight';
import { readOutcomes, readReport, type JsonReport } from '../reports/lib/results';
import { markJunitReruns } from './junit-reruns';
import { DEFAULT_RERUN_LIMIT, rerunFailures } from './rerun';
import { ALLURE_CLI, PLAYWRIGHT_CLI, run } from '../reports/lib/run';

/**
 * `npm run conformance [-- --mock] [--strict] [--known-failures FILE] [playwright args]`: validates the
 * configuration, runs the suites against the target (the embedded mock when GWS_BASE_URL is unset,
 * or always with --mock), writes the run record (reports/run.json), JUnit, and the Allure report,
 * and exits 0 (conformant), 1 (non-conformant; non-strict failures too with --strict or
 * GWS_STRICT=1) or 2 (could not run, or incomplete: a claimed feature none of whose tests ran).
 */

export const ROOT = resolve(__dirname, '..');
/** GWS_REPORTS_DIR moves every output (the harness's own end-to-end tests use it); playwright.config.ts reads it too. */
export const REPORTS = resolve(ROOT, process.env.GWS_REPORTS_DIR || 'reports');

export interface RunOptions {
  mockOnly: boolean;
  /** Non-strict failures fail the gate (`--strict`, or GWS_STRICT=1). */
  strict: boolean;
  knownFailures: string | undefined;
  playwrightArgs: string[];
  /** Where the Allure results and report go (a certification bundle has its own). */
  allureResults: string;
  allureReport: string;
  /** A failure that passes when run again alone does not fail the gate. */
  allowFlaky?: boolean;
  /** false: failed tests are not run a second time (--no-rerun). */
  rerun?: boolean;
}

export function parseArgs(args: string[]): RunOptions {
  const playwrightArgs: string[] = [];
  let knownFailures: string | undefined;
  let mockOnly = false;
  let allowFlaky = false;
  let rerun = true;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--mock') mockOnly = true;
    else if (arg === '--strict') continue;
    else if (arg === '--allow-flaky') allowFlaky = true;
    else if (arg === '--no-rerun') rerun = false;
    else if (arg === '--known-failures') knownFailures = args[++i];
    else if (arg.startsWith('--known-failures=')) knownFailures = arg.slice('--known-failures='.length);
    else playwrightArgs.push(arg);
  }
  return {
    mockOnly,
    strict: strictOf(args),
    knownFailures,
    playwrightArgs,
    allureResults: resolve(REPORTS, 'allure-results'),
    allureReport: resolve(REPORTS, 'allure-report'),
    allowFlaky,
    rerun,
  };
}

/** The report's environment: what ran against what, with the version the target reported. */
function writeEnvironment(config: Config, report: JsonReport, info: RunInfo, resultsDir: string): void {
  const reported = readOutcomes(report)
    .flatMap((o) => o.annotations)
    .find((a) => a.type === ANNOTATION.version)?.description;
  const lines = {
    'gws.target': info.target.url,
    'gws.version': reported ?? info.target.serverVersion,
    'gws.features': [...config.features].join(','),
    'gws.cometd.transport': config.cometdTransport,
    'gws.sms.channel': config.smsChannel,
    'harness.version': `${info.harness.version} ${info.harness.commit}`,
    'harness.node': process.version,
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(resolve(resultsDir, 'environment.properties'), Object.entries(lines).map(([k, v]) => `${k}=${v.replace(/\n/g, ' ')}`).join('\n') + '\n');
}

function fail(message: string): never {
  process.stderr.write(`gws-conformance: ${message}\n`);
  process.exit(2);
}

/** What the run selected and how it ran: the arguments, the workers Playwright used, the user sets, the timeouts. */
function runSetup(config: Config, report: JsonReport, options: RunOptions): RunSetup {
  const rc = (report as { config?: { workers?: number; projects?: { timeout?: number }[] } }).config;
  return {
    selection: selectionOf(options.playwrightArgs),
    workers: rc?.workers ?? 0,
    userSets: config.baseUrl ? config.userSets.length : DEFAULT_USER_SETS,
    timeouts: { testMs: rc?.projects?.[0]?.timeout ?? 0, notificationMs: config.notificationTimeoutMs, quietWindowMs: config.quietWindowMs },
    strict: options.strict,
  };
}

/** The previous run record in the reports folder, if any: failures keep their first-seen date. */
function previousRecord(): RunRecord | undefined {
  const file = resolve(REPORTS, 'run.json');
  try {
    const record = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunRecord) : undefined;
    return record?.format === RECORD_FORMAT ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the suites and returns the run's record; shared by `conformance` and `certify`. */
export async function conform(options: RunOptions): Promise<RunRecord> {
  if (options.mockOnly) {
    // Set and empty: dotenv leaves them alone, and the harness reads them as unset.
    for (const name of TARGET_VARIABLES) process.env[name] = '';
  }
  const config = loadConfigOrExit();
  let known: KnownFailure[];
  try {
    known = loadKnownFailures(
      options.knownFailures ? resolve(process.env.INIT_CWD ?? process.cwd(), options.knownFailures) : resolve(ROOT, DEFAULT_KNOWN_FAILURES),
      options.knownFailures !== undefined,
    );
  } catch (error) {
    fail((error as Error).message);
  }
  // Against a real target: the preflight, which exits 2 with every problem found before any test.
  await preflightOrExit(config);
  const info = await collectRunInfo(config, new Date());
  process.stdout.write(
    `gws-conformance: target ${info.target.url} (server version ${info.target.serverVersion}); features ${info.features.join(', ')}; ` +
      `notification timeout ${config.notificationTimeoutMs} ms${known.length ? `; ${known.length} known failures declared` : ''}\n`,
  );

  mkdirSync(REPORTS, { recursive: true });
  writeFileSync(resolve(REPORTS, 'run-info.json'), JSON.stringify(info, null, 2));
  const jsonReport = resolve(REPORTS, 'results.json');
  rmSync(options.allureResults, { recursive: true, force: true });
  rmSync(jsonReport, { force: true });
  const tests = await run(PLAYWRIGHT_CLI, ['test', ...options.playwrightArgs], {
    env: { ...process.env, GWS_ALLURE_RESULTS: options.allureResults },
  });

  let record: RunRecord;
  try {
    const report = readReport(jsonReport);
    record = buildRunRecord(report, info, known, new Date(), { setup: runSetup(config, report, options), previous: previousRecord() });
    writeEnvironment(config, report, info, options.allureResults);
  } catch {
    fail(`the run left no result file (${relative(process.cwd(), jsonReport)}); Playwright exited with ${tests.code}`);
  }
  // A run stopped because the target was unusable could not check the server, whatever else failed.
  const stop = readEarlyStop();
  if (stop) {
    record.verdict = 'could-not-run';
    record.exitStatus = 2;
  }
  if (!stop && options.rerun !== false && record.runErrors.length === 0) {
    const limit = process.env.GWS_RERUN_LIMIT ? Number(process.env.GWS_RERUN_LIMIT) : DEFAULT_RERUN_LIMIT;
    const reruns = await rerunFailures(record, readReport(jsonReport), { reportsDir: REPORTS, allureResults: options.allureResults, playwrightArgs: options.playwrightArgs, info, known, limit });
    applyReruns(record, reruns, options.allowFlaky === true);
  }
  writeFileSync(resolve(REPORTS, 'run.json'), JSON.stringify(record, null, 2));
  writeFileSync(resolve(REPORTS, 'junit.xml'), toJunit(record));
  if (record.reruns) markJunitReruns(resolve(REPORTS, 'junit.xml'), record);
  applyVerdicts(options.allureResults, record);
  if (record.drift) writeAllureOverview(options.allureResults, record.drift);

  // Allure 3 does not replace a report already in the output folder: it writes the new one into
  // an `awesome/` subfolder and leaves the old index.html in place. Start from an empty folder.
  rmSync(options.allureReport, { recursive: true, force: true });
  const allure = await run(ALLURE_CLI, ['generate', options.allureResults, '--output', options.allureReport], { quiet: true });
  if (allure.code !== 0) process.stderr.write(`\ngws-conformance: the Allure report could not be generated:\n${allure.output}\n`);
  else {
    process.stdout.write(`\nAllure report: ${relative(process.cwd(), options.allureReport)}/index.html  (serve it with: npx allure open ${relative(process.cwd(), options.allureReport)})\n`);
    const single = await singleFileReport(options);
    if (single) process.stdout.write(`Allure report in one file, opens from disk: ${relative(process.cwd(), single)}\n`);
  }
  process.stdout.write(
    `Run record: ${relative(process.cwd(), resolve(REPORTS, 'run.json'))}   JUnit: ${relative(process.cwd(), resolve(REPORTS, 'junit.xml'))}   ` +
      `Allure results: ${relative(process.cwd(), options.allureResults)}\n`,
  );

  if (stop) {
    process.stdout.write(`\nstopped early: ${stop.reason}; ${record.counts['not-run']} tests did not run: ${stop.evidence}\n`);
  }
  process.stdout.write(`\n${verdictLines(record).join('\n')}\n`);
  for (const line of rerunLines(record)) process.stdout.write(`${line}\n`);
  if (allure.code !== 0 && record.exitStatus === 0) record.exitStatus = 2;
  return record;
}

/**
 * The same report as one HTML file beside the served one (`allure-report.html`), which a browser
 * opens from disk, e.g. from a CI artifact; the served report needs a web server.
 */
async function singleFileReport(options: RunOptions): Promise<string | undefined> {
  const scratch = `${options.allureReport}-single`;
  const file = `${options.allureReport}.html`;
  rmSync(scratch, { recursive: true, force: true });
  rmSync(file, { force: true });
  const single = await run(ALLURE_CLI, ['generate', options.allureResults, '--config', resolve(ROOT, 'allurerc-single.mjs'), '--output', scratch], { quiet: true });
  try {
    if (single.code !== 0) {
      process.stderr.write(`gws-conformance: the single-file Allure report could not be generated:\n${single.output}\n`);
      return undefined;
    }
    writeFileSync(file, dataBeforeApp(readFileSync(resolve(scratch, 'index.html'), 'utf8')));
    return file;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Allure 3.18 writes the single file's embedded data after the application's script, which then
 * starts before its data exists and fetches widgets/*.json from beside the file: a browser opening
 * it from disk refuses that, and the report stays empty. The data scripts are moved ahead of the
 * application. `npm run report:check` opens the file from disk to prove the result.
 */
export function dataBeforeApp(html: string): string {
  const data = /<script async>\s*window\.allureReportDataReady = false;[\s\S]*?<\/script>\s*<script defer>\s*Promise\.allSettled\([\s\S]*?<\/script>/.exec(html);
  const app = /<script\s+src="data:text\/javascript;base64,/.exec(html);
  if (!data || !app || app.index > data.index) return html;
  return html.slice(0, app.index) + data[0] + '\n' + html.slice(app.index, data.index) + html.slice(data.index + data[0].length);
}

/** Why the run was stopped early (helpers/early-stop.ts), if it was. */
function readEarlyStop(): EarlyStop | undefined {
  try {
    return JSON.parse(readFileSync(resolve(REPORTS, EARLY_STOP_FILE), 'utf8')) as EarlyStop;
  } catch {
    return undefined;
  }
}

export const CONFORMANCE_HELP = `Usage: npm run conformance -- [--mock] [--known-failures FILE] [Playwright arguments]

Runs the conformance suites against the target configured in the environment or .env
(GWS_BASE_URL and the users; .env.example lists every variable), or the embedded mock.
  --mock                   ignore any configured target and run against the embedded mock
  --known-failures FILE    declared known failures (default: known-failures.json if present)
  --help, -h               this text
Anything else goes to Playwright, e.g. --grep Accept, suites/sms, --shard=1/2, --workers=1.
Against a real target the preflight (npm run preflight) runs first; GWS_PREFLIGHT=off skips it.
The run stops early when the target is unusable for every test (unreachable, every login refused).

Reports: reports/run.json, reports/junit.xml, reports/results.json, reports/allure-report/
(GWS_REPORTS_DIR moves them).

Exit status: 0 conformant; 1 non-conformant; 2 could not run (configuration, preflight, an
unusable target, harness errors, or the reports could not be written).
`;

if (require.main === module) {
  if (helpRequested(process.argv.slice(2), CONFORMANCE_HELP)) process.exit(0);
  conform(parseArgs(process.argv.slice(2))).then(
    (record) => process.exit(record.exitStatus),
    (error: unknown) => fail((error as Error).message),
  );
}
