import { PLATFORM_REQUIREMENTS } from './platform';
import { SMS_REQUIREMENTS } from './sms';
import { SMS_SUPERVISION_REQUIREMENTS } from './sms-supervision';
import { VOICE_REQUIREMENTS } from './voice';
import type { PageKey } from './pages';
import type { Basis, Requirement } from './types';

/** The requirements catalogue; each area's rows sit with its pages. Tests name these ids in their metadata. */

export type { Basis, Requirement } from './types';

const ROWS = {
  ...SMS_REQUIREMENTS,
  ...SMS_SUPERVISION_REQUIREMENTS,
  ...PLATFORM_REQUIREMENTS,
  ...VOICE_REQUIREMENTS,
} as const satisfies Record<string, Requirement<PageKey>>;

export type RequirementId = keyof typeof ROWS;

/** A catalogue row as the reports read it: `inferred` is derived (the reason of an inferred row). */
export type CatalogueRow = Requirement<PageKey> & { inferred?: string };

export const REQUIREMENTS: Readonly<Record<RequirementId, CatalogueRow>> = Object.fromEntries(
  Object.entries(ROWS as Record<string, Requirement>).map(([id, row]) => [id, row.basis === 'inferred' ? { ...row, inferred: row.reason } : row]),
) as Record<RequirementId, CatalogueRow>;

export function isRequirementId(id: string): id is RequirementId {
  return Object.prototype.hasOwnProperty.call(REQUIREMENTS, id);
}

function row(id: string): CatalogueRow {
  if (!isRequirementId(id)) throw new Error(`unknown requirement ${id}: not in the catalogue (catalogue/<area>.ts)`);
  return REQUIREMENTS[id];
}

/** What a requirement rests on: stated, printed, inferred or open. */
export function basisOf(id: RequirementId | string): Basis {
  return row(id).basis;
}

/** The reading an inferred requirement rests on; undefined for any other basis. */
export function inferredReason(id: RequirementId | string): string | undefined {
  const r = row(id);
  return r.basis === 'inferred' ? r.reason : undefined;
}

/** What the pages leave open about an open requirement; undefined for any other basis. */
export function openReason(id: RequirementId | string): string | undefined {
  const r = row(id);
  return r.basis === 'open' ? r.reason : undefined;
}

/** Whether a broken requirement is judged at all (false for `open`: observed, never judged). */
export function isJudged(id: RequirementId | string): boolean {
  return row(id).basis !== 'open';
}

/**
 * The grade of a check resting on these requirements, for `new NonConformance(code, detail, grade)`:
 * strict when any of them is stated or printed, non-strict (naming the readings) when all of them
 * are inferred. Open requirements are left out (they are never judged); none left is a harness bug.
 */
export function gradeOf(...ids: (RequirementId | string)[]): { inferred?: string } {
  const judged = ids.filter((id) => isJudged(id));
  if (judged.length === 0) throw new Error(`a check resting only on open requirements (${ids.join(', ')}) must be an observation, not a verdict`);
  if (judged.some((id) => basisOf(id) !== 'inferred')) return {};
  return { inferred: [...new Set(judged.map((id) => inferredReason(id)!))].join(' ') };
}
