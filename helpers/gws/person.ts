import type { Config, Credentials, Role } from '../config';
import type { NotificationRecorder } from '../cometd/recorder';
import type { Reporter } from './reporter';
import type { GwsReply } from './session';

/**
 * What the SMS and voice operations need of the person they act for (user.ts's GwsUser): who it
 * is, its device and notifications, the request it sends, and its teardown list. The operations
 * depend on this, not on the user, so that the user can hold them without an import circle.
 */

export interface UserContext {
  config: Config;
  baseUrl: URL;
  role: Role;
  credentials: Credentials;
  reporter: Reporter;
}

export interface MeUser {
  id: string;
  userName: string;
  uri?: string;
}

export interface Device {
  id: string;
  phoneNumber?: string;
  uri?: string;
  [key: string]: unknown;
}

export interface Person {
  readonly context: UserContext;
  readonly role: Role;
  readonly label: string;
  readonly me: MeUser | undefined;
  readonly device: Device;
  readonly notifications: NotificationRecorder;
  /** One documented operation as a report step: POST (or GET) on `path` under /api/v2. */
  operation(title: string, path: string, body: Record<string, unknown> | undefined, method?: 'GET' | 'POST'): Promise<GwsReply>;
  /** Something to undo at teardown. */
  addCleanup(what: string, run: () => Promise<void>): void;
}

/** One step of a teardown: runs `action`, and records a failure as a problem naming `what` instead of throwing. */
export type Attempt = (what: string, action: () => Promise<unknown>) => Promise<void>;
