import { parseArgs } from 'node:util';
import { startMock } from '../mock/server';
import { runFuzz } from '../tests/unit/mock-fuzz-run';

/**
 * `npm run fuzz -- --budget 600 [--seed n]`: the mock's generated fuzz test for longer than the
 * unit test runs it, on a mock of its own. Prints the seed; exits 1 with the problems found.
 */

const { values } = parseArgs({
  options: {
    budget: { type: 'string', default: '60' },
    seed: { type: 'string', default: process.env.FUZZ_SEED ?? String(Date.now() % 1_000_000_000) },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write('Usage: npm run fuzz -- [--budget seconds (60)] [--seed n]\n');
  process.exit(0);
}

async function main(): Promise<number> {
  const budget = Number(values.budget);
  const seed = Number(values.seed);
  if (!Number.isFinite(budget) || budget <= 0) throw new Error(`--budget must be a number of seconds, got ${values.budget}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  process.stdout.write(`fuzzing the mock for ${budget} s with seed ${seed} (replay: npm run fuzz -- --seed ${seed})\n`);
  let refusals = 0;
  const mock = await startMock({ bodyLimit: 64 * 1024, log: () => void refusals++ });
  const started = performance.now();
  let last = 0;
  try {
    const result = await runFuzz(mock, {
      seed,
      minRequests: 5000,
      budgetMs: budget * 1000,
      onBatch: (sent) => {
        const now = performance.now();
        if (now - last < 10_000) return;
        last = now;
        process.stdout.write(`  ${sent} requests, ${Math.round((now - started) / 1000)} s\n`);
      },
    });
    const seconds = Math.round((performance.now() - started) / 1000);
    process.stdout.write(`${result.requests} requests in ${result.batches} batches, ${seconds} s, ${result.kinds.size} kinds, ${refusals} refusals logged\n`);
    if (result.problems.length === 0) {
      process.stdout.write('no problem found\n');
      return 0;
    }
    process.stdout.write(`${result.problems.length} problem(s) (seed ${seed}):\n${result.problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  } finally {
    await mock.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`fuzz: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
