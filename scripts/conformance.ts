import { rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { loadConfigOrExit, TARGET_VARIABLES } from '../helpers/config';
import { exitStatus, readOutcomes, readReport, summarize } from './results';
import { ALLURE_CLI, PLAYWRIGHT_CLI, run } from './run';

/**
 * `npm run conformance [-- --mock] [playwright args]`: validates the configuration, runs the
 * suites against the target (the embedded mock when GWS_BASE_URL is unset, or always with --mock),
 * then writes the Allure HTML report and says where it is.
 */

const ROOT = resolve(__dirname, '..');
const RESULTS = resolve(ROOT, 'reports/allure-results');
const REPORT = resolve(ROOT, 'reports/allure-report');
const JSON_REPORT = resolve(ROOT, 'reports/results.json');

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

  // Allure 3 does not replace a report already in the output folder: it writes the new one into
  // an `awesome/` subfolder and leaves the old index.html in place. Start from an empty folder.
  rmSync(REPORT, { recursive: true, force: true });
  const allure = await run(ALLURE_CLI, ['generate', RESULTS, '--output', REPORT, '--name', 'GWS conformance'], { quiet: true });
  if (allure.code === 0) {
    process.stdout.write(`\nAllure report: ${relative(process.cwd(), REPORT)}/index.html  (serve it with: npx allure open ${relative(process.cwd(), REPORT)})\n`);
  } else {
    process.stderr.write(`\ngws-conformance: the Allure report could not be generated:\n${allure.output}\n`);
  }
  process.stdout.write(`Allure results: ${relative(process.cwd(), RESULTS)}   JUnit: reports/junit.xml\n`);

  let status: 0 | 1 | 2;
  try {
    const report = readReport(JSON_REPORT);
    const outcomes = readOutcomes(report);
    const counts = summarize(outcomes);
    status = exitStatus(outcomes, report.errors?.length ?? 0);
    const verdict = status === 0 ? 'CONFORMANT' : status === 1 ? 'NON-CONFORMANT' : 'COULD NOT RUN';
    process.stdout.write(
      `\nverdict: ${verdict}: ${counts.passed} passed, ${counts.nonconformance} non-conformant, ` +
        `${counts['harness-error'] + counts.other} harness errors, ${counts['not-applicable']} not applicable\n`,
    );
  } catch {
    process.stderr.write('gws-conformance: the run left no result file (reports/results.json)\n');
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
