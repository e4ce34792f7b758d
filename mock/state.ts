import { randomBytes, randomUUID } from 'node:crypto';
import { Latitude } from './latitude';
import type { MockUser } from './users';

/**
 * What every API area of the mock shares: users, HTTP sessions, contact-center logins and channel
 * states, and the delivery of notifications to one user's CometD clients. SMS sessions and voice
 * calls are their areas' own (mock/sms/, mock/voice/).
 */

import { fail } from './failure';

export { fail, GwsFailure, type Outcome } from './failure';

export interface HttpSession {
  id: string;
  userId: string;
  csrfToken: string;
}

export type ChannelState = 'Ready' | 'NotReady';

export interface Login {
  channels: Map<string, ChannelState>;
}

export const USER_STATES: Record<ChannelState, { id: string; displayName: string; state: ChannelState }> = {
  Ready: { id: '9430250E-0A1B-421F-B372-F29E69366DED', displayName: 'Ready', state: 'Ready' },
  NotReady: { id: '900D55CC-2BB0-431F-8BF9-D3525B383BE6', displayName: 'Not Ready', state: 'NotReady' },
};

export type Notifier = (userId: string, channel: string, data: Record<string, unknown>) => void;

export interface MockSettings {
  smsChannel: string;
  csrf: boolean;
}

export class MockState {
  readonly usersById = new Map<string, MockUser>();
  readonly usersByName = new Map<string, MockUser>();
  readonly httpSessions = new Map<string, HttpSession>();
  readonly logins = new Map<string, Login>();
  private referenceCounter = 0;
  /** Set once the server listens: the origin that URIs in payloads point at. */
  baseUrl = 'http://127.0.0.1';
  notifier: Notifier = () => undefined;
  /** The conformant variations this mock runs with (mock/latitude). */
  latitude = new Latitude();

  constructor(
    users: MockUser[],
    /** The fault switches that are on; each API area reads its own (mock/sms/faults, mock/voice/faults.ts). */
    readonly faults: ReadonlySet<string>,
    readonly settings: MockSettings,
  ) {
    for (const user of users) {
      this.usersById.set(user.id, user);
      this.usersByName.set(user.userName, user);
    }
  }

  nextReferenceId(): number {
    this.referenceCounter += 1;
    return this.referenceCounter;
  }

  user(id: string): MockUser {
    const user = this.usersById.get(id);
    if (!user) throw fail.notFound(`User ${id}`);
    return user;
  }

  userUri(user: MockUser): string {
    return `${this.baseUrl}/api/v2/users/${user.id}`;
  }

  deviceUri(user: MockUser): string {
    return `${this.baseUrl}/api/v2/devices/${user.device.id}`;
  }

  createHttpSession(userId: string): HttpSession {
    const session = { id: randomBytes(12).toString('hex').toUpperCase(), userId, csrfToken: randomUUID() };
    this.httpSessions.set(session.id, session);
    return session;
  }

  notify(userId: string, channel: string, data: Record<string, unknown>): void {
    this.notifier(userId, channel, data);
  }

  login(userId: string): Login | undefined {
    return this.logins.get(userId);
  }

  channelState(userId: string, channel: string): ChannelState | undefined {
    return this.logins.get(userId)?.channels.get(channel);
  }
}

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Ids shaped like the documentation's samples: 16 characters, e.g. 0000Na9B26EF002X. */
export function interactionId(): string {
  const bytes = randomBytes(12);
  return `0000${[...bytes].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('')}`;
}

export function participantId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

/** A timestamp in the ISO form of the Accept page: 2014-01-02T14:23:18.000+0000. */
export function gwsTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}
