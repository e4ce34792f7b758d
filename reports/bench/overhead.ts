import { startMock } from '../../mock/server';
import { SCENARIOS } from './scenarios';
import { summarize, type Summary } from './stats';

/**
 * Harness overhead per scenario: the same scenario through the harness and as a bare script, in
 * one process against one in-process mock, alternating (and alternating which goes first), after
 * a warm-up. The ratio is of the medians.
 */

export interface OverheadRow {
  scenario: string;
  describe: string;
  harnessMs: Summary;
  bareMs: Summary;
  ratio: number;
}

export interface OverheadResult {
  repeats: number;
  warmup: number;
  rows: OverheadRow[];
  worstRatio: number;
}

async function timed(body: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await body();
  return performance.now() - started;
}

export async function measureOverhead(options: { repeats: number; warmup: number; log: (line: string) => void }): Promise<OverheadResult> {
  const mock = await startMock({});
  const rows: OverheadRow[] = [];
  try {
    for (const scenario of SCENARIOS) {
      for (let i = 0; i < options.warmup; i += 1) {
        await scenario.harness(mock, 1);
        await scenario.bare(mock, 1);
      }
      const harness: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < options.repeats; i += 1) {
        const order = i % 2 === 0 ? (['harness', 'bare'] as const) : (['bare', 'harness'] as const);
        for (const which of order) {
          const ms = await timed(() => scenario[which](mock, 1));
          (which === 'harness' ? harness : bare).push(ms);
        }
      }
      const row: OverheadRow = {
        scenario: scenario.name,
        describe: scenario.describe,
        harnessMs: summarize(harness),
        bareMs: summarize(bare),
        ratio: 0,
      };
      row.ratio = Math.round((row.harnessMs.p50 / row.bareMs.p50) * 100) / 100;
      rows.push(row);
      options.log(`overhead: ${scenario.name}: harness ${row.harnessMs.p50} ms, bare ${row.bareMs.p50} ms, ratio ${row.ratio}`);
    }
  } finally {
    await mock.close();
  }
  return { repeats: options.repeats, warmup: options.warmup, rows, worstRatio: Math.max(...rows.map((r) => r.ratio)) };
}
