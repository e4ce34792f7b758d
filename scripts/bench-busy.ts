import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { hog } from '../reports/bench/flaky';
import { describeMachine, finishMachine, machineLine } from '../reports/bench/machine';

/**
 * `npm run bench:busy [-- --runs 5] [-- --hogs 2]`: `npm test` itself, `runs` times in a row, with
 * `hogs` CPU-bound processes spinning beside it the whole time. It stops at the first run that does
 * not exit 0 and keeps that run's output. Writes reports/busy-test.md (the record) and prints one
 * line per run. Exit status: 0 every run passed, 1 a run failed, 2 a bad option.
 */

const ROOT = resolve(__dirname, '..');

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    hogs: { type: 'string', default: '2' },
    out: { type: 'string', default: resolve(ROOT, 'reports', 'busy-test.md') },
  },
});
const runs = Number(values.runs);
const hogs = Number(values.hogs);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(hogs) || hogs < 0) {
  process.stderr.write(`bench:busy: --runs must be ≥ 1 and --hogs ≥ 0, got ${values.runs} and ${values.hogs}\n`);
  process.exit(2);
}

interface BusyRun {
  exitStatus: number;
  wallMs: number;
  log: string;
}

/** One `npm test`, its output to `log` (kept: the evidence of a failed run). */
function npmTest(log: string): Promise<number> {
  return new Promise((done, fail) => {
    const out = createWriteStream(log);
    const child = spawn('npm', ['test'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('error', fail);
    child.on('close', (code, signal) => out.end(() => done(code ?? (signal ? 128 : 1))));
  });
}

async function main(): Promise<number> {
  const machine = describeMachine();
  const date = new Date().toISOString();
  const logs = mkdtempSync(join(tmpdir(), 'gws-busy-test-'));
  const spinning = Array.from({ length: hogs }, hog);
  const perRun: BusyRun[] = [];
  try {
    for (let i = 1; i <= runs; i += 1) {
      const log = join(logs, `npm-test-${i}.log`);
      const started = performance.now();
      const exitStatus = await npmTest(log);
      const wallMs = Math.round(performance.now() - started);
      perRun.push({ exitStatus, wallMs, log });
      process.stdout.write(`bench:busy: npm test ${i}/${runs} with ${hogs} CPU hogs: exit ${exitStatus}, ${Math.round(wallMs / 1000)} s (output: ${log})\n`);
      if (exitStatus !== 0) break;
    }
  } finally {
    for (const h of spinning) h.kill();
  }
  finishMachine(machine);
  const passed = perRun.filter((r) => r.exitStatus === 0).length;
  const allPassed = passed === runs;
  const lines = [
    '# `npm test` on a busy machine',
    '',
    `Taken ${date} with \`npm run bench:busy -- --runs ${runs} --hogs ${hogs}\` on ${machineLine(machine)}; 1-minute load average ${machine.loadAverage.start} at the start, ${machine.loadAverage.end} at the end.`,
    '',
    `\`npm test\` (lint, type check, unit tests, the suite against the mock, the self-check, the exploration, the end-to-end tests) ran ${perRun.length} times in a row with ${hogs} CPU-bound processes spinning beside it the whole time.`,
    '',
    `**${allPassed ? `All ${runs} runs passed` : `${passed} of ${runs} runs passed before run ${perRun.length} failed`}.**`,
    '',
    '| run | exit status | wall time |',
    '| --: | --: | --: |',
    ...perRun.map((r, i) => `| ${i + 1} | ${r.exitStatus} | ${Math.round(r.wallMs / 1000)} s |`),
    '',
  ];
  mkdirSync(resolve(values.out, '..'), { recursive: true });
  writeFileSync(values.out, lines.join('\n'));
  process.stdout.write(`bench:busy: ${allPassed ? `all ${runs} runs passed` : `run ${perRun.length} failed; its output: ${perRun.at(-1)!.log}`}; record: ${relative(process.cwd(), values.out)}\n`);
  return allPassed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:busy: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  },
);
