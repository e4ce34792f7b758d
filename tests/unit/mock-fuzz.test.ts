import { expect, test } from '@playwright/test';
import { runFuzz } from './mock-fuzz-run';
import { withMock } from './support';

/**
 * The mock under generated input (fast-check): at least 5,000 requests across REST bodies,
 * parameters, headers, cookies and paths, every Bayeux meta channel and field, and the injector,
 * with the invariants checked after every batch (see mock-fuzz-run). The seed is printed in the
 * title and in every problem; FUZZ_SEED=n replays it. `npm run fuzz -- --budget 600` runs longer.
 */

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000_000);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 5000);

test(`the mock takes ${REQUESTS} generated requests without a crash, a malformed reply or a crossing (FUZZ_SEED=${SEED})`, async () => {
  test.setTimeout(300_000);
  const logged: string[] = [];
  await withMock({ bodyLimit: 64 * 1024, log: (line) => logged.push(line) }, async (mock) => {
    const result = await runFuzz(mock, { seed: SEED, minRequests: REQUESTS });
    expect(result.problems, `problems (replay with FUZZ_SEED=${SEED})`).toEqual([]);
    expect(result.requests).toBeGreaterThanOrEqual(REQUESTS);
    expect(result.kinds.size, 'kinds of request sent').toBeGreaterThanOrEqual(30);
    expect(logged.length, 'the mock logged what it refused').toBeGreaterThan(0);
    expect(logged.every((line) => !line.includes('\n')), 'one line per refusal').toBe(true);
  });
});
