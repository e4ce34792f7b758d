import { PLATFORM_PAGES } from './platform';
import { SMS_PAGES } from './sms';
import { SMS_SUPERVISION_PAGES } from './sms-supervision';
import { VOICE_PAGES } from './voice';
import type { Page } from './types';

/** Every page the suites cite; each sits with its requirements in its API area's file. */

export type { Page } from './types';

export const PAGES = {
  ...SMS_PAGES,
  ...SMS_SUPERVISION_PAGES,
  ...PLATFORM_PAGES,
  ...VOICE_PAGES,
} as const satisfies Record<string, Page>;

export type PageKey = keyof typeof PAGES;
