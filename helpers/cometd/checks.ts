import { spellingsOf } from '../errata';

/**
 * Member checks a step applies to a payload: the capabilities offered (in any documented
 * spelling) and the participants listed. Each returns the problems found, as sentences.
 */

type Json = Record<string, unknown>;

export interface CapabilityCheck {
  /** Canonical names that must be offered (any documented spelling counts). */
  include?: string[];
  /** Canonical names that must not be offered (no documented spelling may appear). */
  exclude?: string[];
  /** No capabilities at all: the key absent or an empty list. */
  none?: boolean;
}

export function checkCapabilities(capabilities: unknown, check: CapabilityCheck): string[] {
  const problems: string[] = [];
  const list = Array.isArray(capabilities) ? (capabilities as string[]) : undefined;
  if (check.none) {
    if (list && list.length > 0) problems.push(`capabilities should be absent or empty, got ${JSON.stringify(list)}`);
    return problems;
  }
  if ((check.include?.length ?? 0) > 0 && !list) {
    problems.push(`capabilities missing; expected them to include ${check.include!.join(', ')}`);
    return problems;
  }
  const missing = (check.include ?? []).filter((c) => !spellingsOf(c).some((s) => list!.includes(s)));
  if (missing.length) {
    problems.push(
      `capabilities lack ${missing.map((c) => spellingsOf(c).join(' or ')).join(', ')}; got ${JSON.stringify(list)}`,
    );
  }
  const forbidden = (check.exclude ?? []).flatMap((c) => spellingsOf(c)).filter((s) => list?.includes(s));
  if (forbidden.length) problems.push(`capabilities should not offer ${forbidden.join(', ')}; got ${JSON.stringify(list)}`);
  return problems;
}

export interface ParticipantExpectation {
  type: 'Agent' | 'Customer';
  /** Identifies the participant (a nickname the documentation shows as sent). */
  nickname?: string;
  /**
   * The nickname the harness sent for this participant, not judged: no page says the nickname of
   * a request is the one shown (the Accept sample sends "John Doe" and shows "Marat").
   */
  shownAs?: string;
  visibility?: string;
  /** What this participant is, for messages: "the agent", "the supervisor". */
  role: string;
}

export function describeParticipant(p: ParticipantExpectation): string {
  const bits = [p.type, p.nickname ? `"${p.nickname}"` : undefined, p.visibility ? `visibility=${p.visibility}` : undefined];
  return `${p.role} (${bits.filter(Boolean).join(' ')})`;
}

/**
 * Matches each expected participant to a distinct listed one. A participant is identified by type
 * and nickname; visibility is then checked, so that a wrong visibility reads as such and not as
 * a missing participant.
 */
export function checkParticipants(listed: Json[] | undefined, expected: ParticipantExpectation[]): string[] {
  if (!Array.isArray(listed)) return ['participants missing'];
  const problems: string[] = [];
  const used = new Set<number>();
  for (const want of expected) {
    const index = listed.findIndex(
      (p, i) => !used.has(i) && p.type === want.type && (want.nickname === undefined || p.nickname === want.nickname),
    );
    if (index < 0) {
      problems.push(`no participant for ${describeParticipant(want)} in ${JSON.stringify(listed.map((p) => ({ type: p.type, nickname: p.nickname })))}`);
      continue;
    }
    used.add(index);
    const found = listed[index]!;
    if (want.visibility !== undefined && found.visibility !== want.visibility) {
      problems.push(`${want.role} has visibility ${JSON.stringify(found.visibility)}, expected "${want.visibility}"`);
    }
  }
  return problems;
}
