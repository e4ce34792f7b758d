import { emptySmsModel, type SmsModel } from './sms';
import { emptyVoiceModel, type VoiceModel } from './voice';

/**
 * The areas an exploration covers and the model of a sequence: one part per area. The two parts
 * share nothing (the SMS and Voice APIs describe separate resources), so commands of both areas
 * interleave in one sequence, and a finding in either stops it.
 */

export const AREAS = ['sms', 'voice'] as const;
export type AreaName = (typeof AREAS)[number];
/** What `--area` takes: one area, or `all`. */
export type Area = AreaName | 'all';

export function areasOf(area: Area): AreaName[] {
  return area === 'all' ? [...AREAS] : [area];
}

export interface ExploreModel {
  sms: SmsModel;
  voice: VoiceModel;
}

export function emptyModel(): ExploreModel {
  return { sms: emptySmsModel(), voice: emptyVoiceModel() };
}

/** Set once a command found something: the sequence stops there (nothing after it is judged). */
export function halted(model: Readonly<ExploreModel>): boolean {
  return model.sms.halted || model.voice.halted;
}
