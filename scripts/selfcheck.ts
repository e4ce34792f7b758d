import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TARGET_VARIABLES } from '../helpers/config';
import { FAULTS, type FaultDefinition, type FaultName } from '../mock/faults';
import { readOutcomes, readReport, stripAnsi } from './results';
import { PLAYWRIGHT_CLI, run } from './run';

/**
 * `npm run selfcheck`: proves that the suites can fail. Against the clean mock every test must
 * pass; with each fault switched on, every test the fault names must fail with a non-conformance
 * (not a harness error, not a timeout of the runner).
 */

const ROOT = resolve(__dirname, '..');
const OUT = resolve(ROOT, 'reports/selfcheck');

async function main(): Promise<number> {
  // The self-check is about the embedded mock: a configured target plays no part in it.
  for (const name of TARGET_VARIABLES) process.env[name] = '';
  // Against the in-process mock a deviation shows within milliseconds: shorter waits keep the
  // many fault runs quick without making any of them less able to fail.
  process.env.GWS_NOTIFICATION_TIMEOUT_MS = '1500';
  process.env.GWS_QUIET_WINDOW_MS = '500';
  mkdirSync(OUT, { recursive: true });
  process.stdout.write(
    `self-check: the suites against the clean mock and against ${Object.keys(FAULTS).length} faults ` +
      `(failures are expected here: the verdict per fault follows the run)\n`,
  );
  await run(PLAYWRIGHT_CLI, ['test', '-c', 'tests/selfcheck.config.ts'], { env: process.env });

  const report = readReport(resolve(OUT, 'results.json'));
  const tests = readOutcomes(report);
  const problems: string[] = [];
  const rows: string[] = [];

  for (const error of report.errors ?? []) problems.push(`run error: ${stripAnsi(error.message ?? '')}`);

  const clean = tests.filter((t) => t.project === 'clean');
  if (clean.length === 0) problems.push('the clean run executed no test');
  for (const test of clean) {
    if (test.status !== 'passed') problems.push(`clean mock: "${test.title}" ${test.status}: ${test.message.split('\n')[0]}`);
  }
  rows.push(`| clean mock | all ${clean.length} tests | ${clean.filter((t) => t.status === 'passed').length} passed | ${problems.length ? 'FAIL' : 'ok'} |`);

  for (const [name, fault] of Object.entries(FAULTS) as [FaultName, (typeof FAULTS)[FaultName]][]) {
    const ran = tests.filter((t) => t.project === `fault:${name}`);
    const verdicts: string[] = [];
    let ok = true;
    if ((fault as FaultDefinition).sequenceOnly) {
      // Only a sequence reveals it (npm run explore finds it): the suites must stay green with it on.
      const failing = ran.filter((t) => t.status !== 'passed');
      if (ran.length === 0) problems.push(`fault ${name}: no test of ${[fault.suite].flat().join(', ')} ran`);
      for (const t of failing) problems.push(`fault ${name} is sequence-only, but "${t.title}" ${t.status}: ${t.message.split('\n')[0] ?? ''}`);
      rows.push(`| ${name} | ${fault.description} | sequence-only: ${ran.length - failing.length}/${ran.length} tests passed (npm run explore finds it) | ${ran.length > 0 && failing.length === 0 ? 'ok' : 'FAIL'} |`);
      continue;
    }
    for (const id of fault.caughtBy) {
      const hit = ran.find((t) => t.id === id);
      if (!hit) {
        ok = false;
        problems.push(`fault ${name}: no test with id ${id} in ${[fault.suite].flat().join(', ')}`);
        verdicts.push(`${id}: missing`);
        continue;
      }
      const { status, kind, message, verdict } = hit;
      if (status !== 'failed' || verdict !== 'nonconformance') {
        ok = false;
        problems.push(
          `fault ${name} (${fault.description}) was not caught by ${id}: status ${status}, ${kind === 'nonconformance' ? '' : `failure kind ${kind}, `}${message.split('\n')[0] ?? ''}`,
        );
        verdicts.push(`${id}: ${status}/${kind}`);
      } else {
        verdicts.push(`${id}: failed (${/\[nonconformance:([A-Z_]+)\]/.exec(message)?.[1] ?? 'assertion'})`);
      }
    }
    rows.push(`| ${name} | ${fault.description} | ${verdicts.join('; ')} | ${ok ? 'caught' : 'MISSED'} |`);
  }

  const summary = [
    '# Self-check',
    '',
    '| mock | deviation | tests that must fail → what they did | verdict |',
    '|---|---|---|---|',
    ...rows,
    '',
    problems.length ? `## Problems\n\n${problems.map((p) => `- ${p}`).join('\n')}` : 'Every fault was caught and the clean mock passed.',
    '',
  ].join('\n');
  writeFileSync(resolve(OUT, 'summary.md'), summary);
  process.stdout.write(`\n${summary}\nself-check summary: reports/selfcheck/summary.md\n`);
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`self-check: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  },
);
