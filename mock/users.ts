import { createHash } from 'node:crypto';
import type { Role, UserSet } from '../helpers/config';

/**
 * The mock's own test users: sets of agent, supervisor and caller, one set per parallel worker.
 * Ids and device ids derive from the user name, so they are stable across runs.
 */

export interface MockUser {
  id: string;
  userName: string;
  password: string;
  firstName: string;
  lastName: string;
  roles: string[];
  role: Role;
  set: number;
  device: { id: string; phoneNumber: string };
}

export const DEFAULT_USER_SETS = 8;

function digest(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function uuidFrom(text: string): string {
  const h = digest(text);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const PHONE_PREFIX: Record<Role, string> = { agent: '5', supervisor: '6', caller: '7' };

export function mockUser(role: Role, set: number, password = `${role}${set}-secret`): MockUser {
  const userName = `${role}${set}`;
  return {
    id: digest(`gws-mock-user:${userName}`).slice(0, 32),
    userName,
    password,
    firstName: role[0]!.toUpperCase() + role.slice(1),
    lastName: String(set),
    roles: role === 'supervisor' ? ['ROLE_AGENT', 'ROLE_SUPERVISOR'] : ['ROLE_AGENT'],
    role,
    set,
    device: { id: uuidFrom(`gws-mock-device:${userName}`), phoneNumber: `${PHONE_PREFIX[role]}${String(set).padStart(3, '0')}` },
  };
}

export function defaultUsers(sets = DEFAULT_USER_SETS): MockUser[] {
  const users: MockUser[] = [];
  for (let set = 1; set <= sets; set += 1) {
    for (const role of ['agent', 'supervisor', 'caller'] as const) users.push(mockUser(role, set));
  }
  return users;
}

export function userSetsOf(users: MockUser[]): UserSet[] {
  const sets = new Map<number, Partial<UserSet>>();
  for (const user of users) {
    const set = sets.get(user.set) ?? {};
    set[user.role] = { username: user.userName, password: user.password };
    sets.set(user.set, set);
  }
  return [...sets.keys()]
    .sort((a, b) => a - b)
    .map((key) => sets.get(key)!)
    .filter((set): set is UserSet => Boolean(set.agent && set.supervisor && set.caller));
}
