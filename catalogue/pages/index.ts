import { PLATFORM_PAGES } from './platform';
import { SMS_PAGES } from './sms';
import { VOICE_PAGES } from './voice';
import type { Page } from './types';

/** Every page the suites cite, one file per API area. */

export type { Page } from './types';

export const PAGES = {
  ...SMS_PAGES,
  ...PLATFORM_PAGES,
  ...VOICE_PAGES,
} as const satisfies Record<string, Page>;

export type PageKey = keyof typeof PAGES;
