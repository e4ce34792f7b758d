/**
 * Where the GWS documentation spells one thing two ways, the harness accepts every printed form.
 * Each entry here is explained, with its pages, in schemas/ERRATA.md.
 */

/** Canonical capability name → every spelling the documentation prints for it. */
export const CAPABILITY_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  SetInFocus: ['SetInFocus', 'InFocus'],
  SwitchToBargeIn: ['SwitchToBargeIn', 'SwitchBargeIn'],
};

export function spellingsOf(capability: string): readonly string[] {
  return CAPABILITY_SPELLINGS[capability] ?? [capability];
}

/** The keys under which a MessageLogUpdated names its SMS session. */
export const SMS_SESSION_URI_KEYS = ['smssessionUri', 'smsessionUri'] as const;
