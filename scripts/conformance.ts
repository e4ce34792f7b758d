import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { loadConfigOrExit, TARGET_VARIABLES, type Config } from '../helpers/config';
import { ANNOTATION } from '../helpers/meta';
import { DEFAULT_KNOWN_FAILURES, loadKnownFailures, type KnownFailure } from '../reports/lib/known';
import { writeAllureOverview } from '../reports/lib/drift-report';
import { applyReruns, rerunLines } from '../reports/lib/flaky';
import { buildRunRecord, type RunRecord } from '../reports/lib/record';
import { collectRunInfo, type RunInfo } from '../reports/lib/run-info';
import { readOutcomes, readReport, type JsonReport } from './results';
import { markJunitReruns } from './junit-reruns';
import { DEFAULT_RERUN_LIMIT, rerunFailures } from './rerun';
import { ALLURE_CLI, PLAYWRIGHT_CLI, run } from './run';

/**
 * `npm run conformance [-- --mock] [--known-failures FILE] [playwright args]`: validates the
 * configuration, runs the suites against the target (the embedded mock when GWS_BASE_URL is unset,
 * or always with --mock), writes the run record (reports/run.json), JUnit, and the Allure report,
 * and exits 0 (conformant), 1 (non-conformant) or 2 (could not run).
 */

export const ROOT = resolve(__dirname, '..');
/** GWS_REPORTS_DIR moves every output (the harness's own end-to-end tests use it); playwright.config.ts reads it too. */
export const REPORTS = resolve(ROOT, process.env.GWS_REPORTS_DIR || 'reports');

export interface RunOptions {
  mockOnly: boolean;
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
    else if (arg === '--allow-flaky') allowFlaky = true;
    else if (arg === '--no-rerun') rerun = false;
    else if (arg === '--known-failures') knownFailures = args[++i];
    else if (arg.startsWith('--known-failures=')) knownFailures = arg.slice('--known-failures='.length);
    else playwrightArgs.push(arg);
  }
  return {
    mockOnly,
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

const VERDICT_LINE: Record<RunRecord['verdict'], string> = {
  conformant: 'CONFORMANT',
  'non-conformant': 'NON-CONFORMANT',
  'could-not-run': 'COULD NOT RUN',
};

/** What kept the run from checking the server, once per kind, so that a CI log says it first. */
function harnessCauses(record: RunRecord): string[] {
  const causes = new Map<string, { count: number; example: string }>();
  for (const t of record.tests.filter((x) => x.verdict === 'harness-error')) {
    const code = t.code ?? 'UNCLASSIFIED';
    const cause = causes.get(code) ?? { count: 0, example: (t.message ?? '').split('\n')[0] ?? '' };
    cause.count += 1;
    causes.set(code, cause);
  }
  return [...causes].map(([code, { count, example }]) => `  harness error ${code} ×${count}: ${example.slice(0, 300)}`);
}

function fail(message: string): never {
  process.stderr.write(`gws-conformance: ${message}\n`);
  process.exit(2);
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
    record = buildRunRecord(report, info, known);
    writeEnvironment(config, report, info, options.allureResults);
  } catch {
    fail(`the run left no result file (${relative(process.cwd(), jsonReport)}); Playwright exited with ${tests.code}`);
  }
  if (options.rerun !== false && record.runErrors.length === 0) {
    const limit = process.env.GWS_RERUN_LIMIT ? Number(process.env.GWS_RERUN_LIMIT) : DEFAULT_RERUN_LIMIT;
    const reruns = await rerunFailures(record, readReport(jsonReport), { reportsDir: REPORTS, allureResults: options.allureResults, playwrightArgs: options.playwrightArgs, info, known, limit });
    applyReruns(record, reruns, options.allowFlaky === true);
    markJunitReruns(resolve(REPORTS, 'junit.xml'), record);
  }
  writeFileSync(resolve(REPORTS, 'run.json'), JSON.stringify(record, null, 2));
  if (record.drift) writeAllureOverview(options.allureResults, record.drift);

  // Allure 3 does not replace a report already in the output folder: it writes the new one into
  // an `awesome/` subfolder and leaves the old index.html in place. Start from an empty folder.
  rmSync(options.allureReport, { recursive: true, force: true });
  const allure = await run(ALLURE_CLI, ['generate', options.allureResults, '--output', options.allureReport], { quiet: true });
  if (allure.code !== 0) process.stderr.write(`\ngws-conformance: the Allure report could not be generated:\n${allure.output}\n`);
  else process.stdout.write(`\nAllure report: ${relative(process.cwd(), options.allureReport)}/index.html  (serve it with: npx allure open ${relative(process.cwd(), options.allureReport)})\n`);
  process.stdout.write(
    `Run record: ${relative(process.cwd(), resolve(REPORTS, 'run.json'))}   JUnit: ${relative(process.cwd(), resolve(REPORTS, 'junit.xml'))}   ` +
      `Allure results: ${relative(process.cwd(), options.allureResults)}\n`,
  );

  const c = record.counts;
  process.stdout.write(
    `\nverdict: ${VERDICT_LINE[record.verdict]}: ${c.passed} passed, ${c.failed} non-conformant, ${c['known-failure']} known failures, ` +
      `${c['harness-error']} harness errors, ${c['not-applicable']} not applicable\n`,
  );
  for (const line of harnessCauses(record)) process.stdout.write(`${line}\n`);
  for (const line of rerunLines(record)) process.stdout.write(`${line}\n`);
  for (const k of record.knownFailuresPassing) process.stdout.write(`  known failure now passes, remove it from the known failures: ${k.id} (${k.reason})\n`);
  for (const t of record.tests.filter((x) => x.known?.expired && x.verdict === 'failed')) process.stdout.write(`  known failure expired on ${t.known!.expires}, counted as a failure: ${t.id}\n`);
  for (const id of record.knownFailuresUnmatched) process.stdout.write(`  known failure names no test of this run: ${id}\n`);
  if (allure.code !== 0 && record.exitStatus === 0) record.exitStatus = 2;
  return record;
}

if (require.main === module) {
  conform(parseArgs(process.argv.slice(2))).then(
    (record) => process.exit(record.exitStatus),
    (error: unknown) => fail((error as Error).message),
  );
}
