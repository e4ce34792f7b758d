import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, TARGET_VARIABLES } from '../helpers/config';
import { classifyFailureMessage } from '../helpers/errors';
import { FAULTS, type FaultDefinition, type FaultName } from '../mock/faults';
import { AREAS, type Area } from '../explore/model/areas';
import { explore, openTarget } from '../explore/run';

/**
 * `npm run explore:faults [-- --budget 60] [-- --seeds 3] [-- --area all]`: how well the exploration finds each
 * fault that only a sequence reveals. For every sequence-only fault of the mock and every seed
 * (random, printed), one exploration of the embedded mock with that fault on, bounded and drawn
 * as `npm run explore` is (40 commands per sequence; both areas unless --area sms|voice); the fault counts as found when the exploration ends on a non-conformance.
 * Writes reports/explore/faults.md. Exit status: 0 every fault found with every seed, 1 a miss,
 * 2 a bad option or a harness error.
 */

const ROOT = resolve(__dirname, '..');
const OUT = resolve(ROOT, 'reports/explore');

const { values } = parseArgs({
  options: {
    budget: { type: 'string', default: '60' },
    seeds: { type: 'string', default: '3' },
    faults: { type: 'string', default: '' },
    area: { type: 'string', default: 'all' },
  },
});
const budget = Number(values.budget);
const seedCount = Number(values.seeds);
if (!Number.isInteger(budget) || budget < 1 || !Number.isInteger(seedCount) || seedCount < 1) {
  process.stderr.write(`explore:faults: --budget and --seeds must be whole numbers ≥ 1, got ${values.budget} and ${values.seeds}\n`);
  process.exit(2);
}

const area = values.area as Area;
if (area !== 'all' && !(AREAS as readonly string[]).includes(area)) {
  process.stderr.write(`explore:faults: --area must be all, ${AREAS.join(' or ')}, got ${values.area}\n`);
  process.exit(2);
}

const sequenceOnly = (Object.entries(FAULTS) as [FaultName, FaultDefinition][]).filter(([, f]) => f.sequenceOnly).map(([name]) => name);
const chosen = values.faults ? values.faults.split(',').map((s) => s.trim()) : sequenceOnly;
const unknown = chosen.filter((name) => !(sequenceOnly as string[]).includes(name));
if (unknown.length > 0) {
  process.stderr.write(`explore:faults: not a sequence-only fault: ${unknown.join(', ')}; known: ${sequenceOnly.join(', ')}\n`);
  process.exit(2);
}

interface Attempt {
  fault: FaultName;
  seed: number;
  found: boolean;
  /** Seconds to the end of the first failing sequence. */
  foundAfterS: number | undefined;
  shortest: number;
  outcome: string;
}

async function main(): Promise<number> {
  for (const name of TARGET_VARIABLES) process.env[name] = '';
  process.env.GWS_NOTIFICATION_TIMEOUT_MS ||= '1500';
  process.env.GWS_QUIET_WINDOW_MS ||= '300';
  const config = loadConfig();
  const seeds = Array.from({ length: seedCount }, () => Math.floor(Math.random() * 2 ** 31));
  process.stdout.write(`explore:faults: ${chosen.length} sequence-only fault(s) × seeds ${seeds.join(', ')}, ${budget} s each, area ${area}\n`);
  const attempts: Attempt[] = [];
  let broken = false;
  for (const fault of chosen as FaultName[]) {
    for (const seed of seeds) {
      const opened = await openTarget(config, [fault]);
      try {
        const outcome = await explore(config, opened.target, { budgetMs: budget * 1000, runs: 1000, maxCommands: 40, seed, strict: false, area });
        const kind = outcome.failed ? classifyFailureMessage(outcome.error ?? '') : undefined;
        if (outcome.failed && kind !== 'nonconformance' && kind !== 'nonstrict') broken = true;
        const attempt: Attempt = {
          fault,
          seed,
          found: kind === 'nonconformance',
          foundAfterS: outcome.firstFailureMs === undefined ? undefined : Math.round(outcome.firstFailureMs / 100) / 10,
          shortest: outcome.commands.length,
          outcome: outcome.failed ? (outcome.error ?? '').split('\n')[0]!.slice(0, 160) : `nothing found in ${outcome.sequences} sequence(s)`,
        };
        attempts.push(attempt);
        process.stdout.write(
          `  ${fault} seed ${seed}: ${attempt.found ? `found after ${attempt.foundAfterS} s, shrunk to ${attempt.shortest} command(s)` : `NOT FOUND (${attempt.outcome})`}\n`,
        );
      } finally {
        await opened.close();
      }
    }
  }
  const missed = attempts.filter((a) => !a.found);
  const lines = [
    '# The exploration against the faults only a sequence reveals',
    '',
    `Taken ${new Date().toISOString()} with \`npm run explore:faults -- --budget ${budget} --seeds ${seedCount} --area ${area}\`: one exploration of the embedded mock per fault and seed, ${budget} s each, sequences drawn from ${area === 'all' ? 'both areas' : `the ${area} commands`}.`,
    '',
    '| fault | seed | found after | shortest sequence | outcome |',
    '|---|--:|--:|--:|---|',
    ...attempts.map((a) => `| ${a.fault} | ${a.seed} | ${a.found ? `${a.foundAfterS} s` : '—'} | ${a.found ? a.shortest : '—'} | ${a.found ? 'found' : `NOT FOUND: ${a.outcome.replace(/\|/g, '\\|')}`} |`),
    '',
    missed.length === 0 ? `Every fault was found with every seed within ${budget} s.` : `**${missed.length} of ${attempts.length} explorations found nothing within ${budget} s.**`,
    '',
  ];
  mkdirSync(OUT, { recursive: true });
  writeFileSync(resolve(OUT, 'faults.md'), lines.join('\n'));
  process.stdout.write(`explore:faults: ${attempts.length - missed.length}/${attempts.length} found; record: reports/explore/faults.md\n`);
  if (broken) return 2;
  return missed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`explore:faults: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  },
);
