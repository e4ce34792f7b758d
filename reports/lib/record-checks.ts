import { fingerprintOf, type KnownFailure } from './known';
import type { Selection } from './selection';

/**
 * Two judgements over a run's tests that no single test makes: whether the run exercised every
 * feature it claims (no empty pass), and which failures it saw, by fingerprint, since when.
 */

interface TestLike {
  id: string;
  verdict: string;
  features: string[];
  code?: string;
  message?: string;
  reason?: string;
}

export interface Incomplete {
  feature: string;
  reason: string;
  /** The variable (or setting) that would make the feature's tests applicable. */
  variable: string;
}

/**
 * A claimed feature none of whose tests ran (all not applicable, or none at all in a whole run)
 * makes the run incomplete; so does a run in which no test ran. In a partial run a feature with
 * no selected test is the selection's doing, said by "partial".
 */
export function incompleteness(tests: TestLike[], features: string[], selection: Selection): Incomplete[] {
  const out: Incomplete[] = [];
  if (!tests.some((t) => t.verdict !== 'not-applicable' && t.verdict !== 'not-run')) {
    const reasons = [...new Set(tests.map((t) => t.reason ?? '').filter(Boolean))];
    out.push({ feature: '(any)', reason: tests.length ? `every test was not applicable: ${reasons.slice(0, 3).join('; ')}` : 'no test ran', variable: variableOf(reasons) });
    return out;
  }
  for (const feature of features) {
    const mine = tests.filter((t) => t.features.includes(feature));
    if (mine.some((t) => t.verdict !== 'not-applicable' && t.verdict !== 'not-run')) continue;
    if (mine.length === 0) {
      if (selection.partial.length === 0) out.push({ feature, reason: 'no test of this feature ran', variable: 'GWS_FEATURES' });
      continue;
    }
    const reasons = [...new Set(mine.map((t) => t.reason ?? '').filter(Boolean))];
    out.push({ feature, reason: `all ${mine.length} tests not applicable: ${reasons.slice(0, 3).join('; ')}`, variable: variableOf(reasons) });
  }
  return out;
}

function variableOf(reasons: string[]): string {
  const named = reasons.flatMap((r) => r.match(/\bGWS_[A-Z_]+\b/g) ?? []);
  return [...new Set(named)].join(', ') || 'GWS_FEATURES';
}

export interface FingerprintSeen {
  id: string;
  code?: string;
  match?: string;
  firstSeen: string;
  lastSeen: string;
  /** A known-failure entry expects this failure. */
  known?: boolean;
}

/** Failures seen, by fingerprint, carried over from the previous record of the same target. */
export function fingerprints(tests: TestLike[], known: KnownFailure[], now: string, previous: Record<string, FingerprintSeen> = {}): Record<string, FingerprintSeen> {
  const out: Record<string, FingerprintSeen> = { ...previous };
  for (const t of tests) {
    if (!['failed', 'non-strict', 'known-failure', 'harness-error'].includes(t.verdict)) continue;
    const fp = fingerprintOf(t.id, t.code, t.message);
    const before = previous[fp.key];
    out[fp.key] = {
      id: t.id,
      ...(fp.code ? { code: fp.code } : {}),
      ...(fp.match ? { match: fp.match } : {}),
      firstSeen: before?.firstSeen ?? now,
      lastSeen: now,
      ...(t.verdict === 'known-failure' || known.some((k) => k.id === t.id && k.code === fp.code) ? { known: true } : {}),
    };
  }
  return out;
}
