import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureDelay } from '../reports/bench/delay';
import { measureFailFast } from '../reports/bench/fail-fast';
import { flakyMarkdown, measureFlaky, type FlakyResult } from '../reports/bench/flaky';
import { measureLoad } from '../reports/bench/load';
import { describeMachine, finishMachine } from '../reports/bench/machine';
import { renderMarkdown, type BenchRecord } from '../reports/bench/markdown';
import { measureOverhead } from '../reports/bench/overhead';
import { checkTargets, type Results } from '../reports/bench/targets';
import { measureWall } from '../reports/bench/wall';
import { parseLatitudeSeed } from '../mock/latitude';

/**
 * `npm run bench [-- --quick] [-- --only wall,overhead,delay,fail,load] [-- --out DIR]`: measures
 * the harness and the mock, writes reports/bench.json and reports/bench.md. Every loop is bounded
 * in count and time; everything runs on loopback.
 */

const ROOT = resolve(__dirname, '..');
const SECTIONS = ['wall', 'overhead', 'delay', 'fail', 'load', 'flaky'] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: SECTIONS.join(',') },
    out: { type: 'string', default: resolve(ROOT, 'reports') },
    users: { type: 'string', default: '201' },
    'cpu-prof': { type: 'string', default: '' },
    'flaky-runs': { type: 'string', default: '' },
    'latitude-seed': { type: 'string', default: '' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    'Usage: npm run bench -- [--quick] [--only wall,overhead,delay,fail,load] [--out reports] [--users 201]\n' +
      '  --quick    fewer repetitions: checks the benchmark works, the figures are rough\n' +
      '  --only     a subset of the measurements (the others show as "not measured")\n' +
      '  --out      folder for bench.json and bench.md (default reports/)\n' +
      '  --users    concurrent users of the load test (default 201: 67 sets of agent, supervisor, caller)\n' +
      '  --cpu-prof DIR  the load test\'s mock process writes a V8 CPU profile there (open it in Chrome DevTools)\n' +
      '  --latitude-seed  the seed of the mock latitude in the time-to-fail figures (default: random, printed)\n' +
      '  --flaky-runs  whole-suite runs with two CPU hogs beside them, for the flaky figure (default 20, --quick 2)\n' +
      'Exit status: 0 the measurements were written (a target not met is reported, not an error); 2 a bad option or a failure.\n',
  );
  process.exit(0);
}

const only = new Set(values.only.split(',').map((s) => s.trim()));
for (const name of only) {
  if (!(SECTIONS as readonly string[]).includes(name)) {
    process.stderr.write(`bench: unknown section "${name}"; known: ${SECTIONS.join(', ')}\n`);
    process.exit(2);
  }
}
const users = Number(values.users);
if (!Number.isInteger(users) || users < 3 || users > 3000) {
  process.stderr.write(`bench: --users must be 3-3000, got ${values.users}\n`);
  process.exit(2);
}

const quick = values.quick;
const settings = {
  quick,
  wall: { repeats: quick ? 1 : 3 },
  overhead: { repeats: quick ? 5 : 40, warmup: quick ? 1 : 5 },
  delay: { rounds: quick ? 20 : 200 },
  fail: { repeats: quick ? 5 : 20, timeoutsMs: [10_000, 60_000], latitudeSeed: parseLatitudeSeed(values['latitude-seed'] || undefined) },
  flaky: { runs: values['flaky-runs'] ? Number(values['flaky-runs']) : quick ? 2 : 20, hogs: 2 },
  load: { users, rounds: quick ? 2 : 10, pauseMs: 1_000, rampMs: 3_000, deadlineMs: 180_000, profileDir: values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined },
};

const log = (line: string) => process.stdout.write(`${line}\n`);
const wants = (section: Section) => only.has(section);

async function main(): Promise<number> {
  const machine = describeMachine();
  const date = new Date().toISOString();
  log(`bench: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load average ${machine.loadAverage.start}${quick ? '; --quick' : ''}`);
  const results: Results = {};
  if (wants('wall')) results.wall = await measureWall({ ...settings.wall, log });
  if (wants('overhead')) results.overhead = await measureOverhead({ ...settings.overhead, log });
  if (wants('delay')) results.delay = await measureDelay({ ...settings.delay, log });
  if (wants('fail')) results.failFast = await measureFailFast({ ...settings.fail, log });
  if (wants('load')) results.load = await measureLoad({ ...settings.load, log });
  const flaky: FlakyResult | undefined = wants('flaky') ? await measureFlaky({ ...settings.flaky, log }) : undefined;
  finishMachine(machine);

  const busiest = Math.max(machine.loadAverage.start, machine.loadAverage.end ?? 0);
  const busyNote =
    busiest > cpus().length * 0.5
      ? `The machine was busy (1-minute load average up to ${busiest} on ${machine.cores} cores): these figures are noisy; take the record on an idle machine.`
      : undefined;
  const record: BenchRecord = { date, machine, busyNote, settings, results };
  const targets = checkTargets(results);
  mkdirSync(values.out, { recursive: true });
  const jsonFile = resolve(values.out, 'bench.json');
  const mdFile = resolve(values.out, 'bench.md');
  writeFileSync(jsonFile, `${JSON.stringify({ ...record, ...(flaky ? { flaky } : {}), targets }, null, 2)}\n`);
  writeFileSync(mdFile, renderMarkdown(record) + (flaky ? `\n${flakyMarkdown(flaky).join('\n')}` : ''));
  log('');
  for (const t of targets) log(`${t.met === undefined ? '-' : t.met ? 'met    ' : 'NOT MET'}  ${t.what}: ${t.measured} (target ${t.target})`);
  if (flaky) log(`${flaky.runsWithFlaky === 0 ? 'met    ' : 'NOT MET'}  no flaky test in ${flaky.runs} whole-suite runs beside ${flaky.hogs} CPU hogs: ${flaky.runsWithFlaky} runs with a flaky test`);
  if (busyNote) log(`\n${busyNote}`);
  log(`\nbench: ${relative(process.cwd(), jsonFile)} and ${relative(process.cwd(), mdFile)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  },
);
