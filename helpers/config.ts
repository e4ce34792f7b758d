import { readFileSync } from 'node:fs';
import dotenv from 'dotenv';
import { ConfigError, HarnessError } from './errors';

// `.env` fills in what the environment leaves unset; it never overrides a variable that is set.
dotenv.config({ quiet: true });

/**
 * The variables of TARGET.md, validated into a typed Config. Any problem becomes one ConfigError
 * naming the variable; values of secrets are never part of a message.
 */

export const FEATURES = ['api-voice', 'api-multimedia', 'api-supervisor-monitoring'] as const;
export type Feature = (typeof FEATURES)[number];

export const ROLES = ['agent', 'supervisor', 'caller'] as const;
export type Role = (typeof ROLES)[number];

export interface Credentials {
  username: string;
  password: string;
}
export type UserSet = Record<Role, Credentials>;

export type CometdTransport = 'long-polling' | 'websocket' | 'auto';

export interface Config {
  /** Origin (and optional path prefix) of the target; undefined means: start the embedded mock. */
  baseUrl: URL | undefined;
  /** Explicit user sets; empty when the embedded mock supplies its own. */
  userSets: UserSet[];
  /** Where to inject inbound SMS; undefined on a real target without an injector. */
  smsInjectUrl: URL | undefined;
  smsChannel: string;
  features: ReadonlySet<Feature>;
  notificationTimeoutMs: number;
  quietWindowMs: number;
  cometdTransport: CometdTransport;
  tls: { ca: Buffer | undefined; caFile: string | undefined; insecure: boolean };
  /** Names of the variables that were set, for reports. Values are not kept here. */
  setVariables: string[];
}

/** Every variable of the target contract (TARGET.md); .env.example documents each one. */
export const TARGET_VARIABLES = [
  'GWS_BASE_URL',
  'GWS_AGENT_USERNAME',
  'GWS_AGENT_PASSWORD',
  'GWS_SUPERVISOR_USERNAME',
  'GWS_SUPERVISOR_PASSWORD',
  'GWS_CALLER_USERNAME',
  'GWS_CALLER_PASSWORD',
  'GWS_USERS_FILE',
  'GWS_SMS_INJECT_URL',
  'GWS_SMS_CHANNEL',
  'GWS_FEATURES',
  'GWS_NOTIFICATION_TIMEOUT_MS',
  'GWS_QUIET_WINDOW_MS',
  'GWS_COMETD_TRANSPORT',
  'GWS_TLS_CA_FILE',
  'GWS_TLS_INSECURE',
  'GWS_TARGET_CONFIRM',
] as const;

export const DEFAULT_TIMEOUT_REAL_MS = 10_000;
export const DEFAULT_TIMEOUT_MOCK_MS = 3_000;
export const DEFAULT_QUIET_WINDOW_MS = 1_000;

type Env = Record<string, string | undefined>;

/** An unset and an empty variable mean the same: `FOO=` in a copied .env.example is "unset". */
function read(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function parseHttpUrl(name: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL (expected e.g. https://gws.example.com)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `must use http or https, not ${url.protocol.replace(':', '')}`);
  }
  if (url.username || url.password) {
    throw new ConfigError(name, 'must not carry credentials; use the GWS_*_USERNAME/PASSWORD variables');
  }
  return url;
}

function parsePositiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number of milliseconds, got "${raw}"`);
  const value = Number(raw);
  if (value <= 0 || value > 600_000) throw new ConfigError(name, `must be between 1 and 600000 ms, got ${value}`);
  return value;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function credentialsFromEnv(env: Env, role: Role, required: boolean): Credentials | undefined {
  const userVar = `GWS_${role.toUpperCase()}_USERNAME`;
  const passVar = `GWS_${role.toUpperCase()}_PASSWORD`;
  const username = read(env, userVar);
  // Passwords may legitimately contain leading or trailing spaces: read them untrimmed.
  const password = env[passVar] === '' ? undefined : env[passVar];
  if (username === undefined && password === undefined) {
    if (required) throw new ConfigError(userVar, `is required when GWS_BASE_URL is set (the ${role} to log in as)`);
    return undefined;
  }
  if (username === undefined) throw new ConfigError(userVar, `is missing while ${passVar} is set`);
  if (password === undefined) throw new ConfigError(passVar, `is missing for ${role} "${username}"`);
  return { username, password };
}

function isCredentials(value: unknown): value is Credentials {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.username === 'string' && v.username !== '' && typeof v.password === 'string' && v.password !== '';
}

function readUsersFile(path: string): UserSet[] {
  const name = 'GWS_USERS_FILE';
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(name, `cannot read "${path}" (${code})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's message may quote the file's content, which holds passwords: keep it out.
    throw new ConfigError(name, `"${path}" is not valid JSON`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new ConfigError(name, `"${path}" must hold a non-empty JSON array of user sets`);
  }
  return parsed.map((entry, index) => {
    for (const role of ROLES) {
      const creds = (entry as Record<string, unknown> | null)?.[role];
      if (!isCredentials(creds)) {
        throw new ConfigError(name, `"${path}" entry ${index}: "${role}" needs a non-empty "username" and "password"`);
      }
    }
    const set = entry as Record<Role, Credentials>;
    return {
      agent: { username: set.agent.username, password: set.agent.password },
      supervisor: { username: set.supervisor.username, password: set.supervisor.password },
      caller: { username: set.caller.username, password: set.caller.password },
    };
  });
}

function readUserSets(env: Env, required: boolean): UserSet[] {
  const file = read(env, 'GWS_USERS_FILE');
  if (file !== undefined) return readUsersFile(file);
  const agent = credentialsFromEnv(env, 'agent', required);
  const supervisor = credentialsFromEnv(env, 'supervisor', required);
  const caller = credentialsFromEnv(env, 'caller', required);
  if (agent && supervisor && caller) return [{ agent, supervisor, caller }];
  if (agent || supervisor || caller) {
    const missing = ROLES.find((role) => !{ agent, supervisor, caller }[role]);
    throw new ConfigError(
      `GWS_${missing!.toUpperCase()}_USERNAME`,
      'is missing: set the agent, supervisor and caller together, or none of them to use the mock users',
    );
  }
  return [];
}

export function loadConfig(env: Env = process.env): Config {
  const setVariables = Object.keys(env).filter((k) => k.startsWith('GWS_') && read(env, k) !== undefined).sort();

  const baseRaw = read(env, 'GWS_BASE_URL');
  const baseUrl = baseRaw === undefined ? undefined : parseHttpUrl('GWS_BASE_URL', baseRaw);
  if (baseUrl) {
    if (baseUrl.search || baseUrl.hash) {
      throw new ConfigError('GWS_BASE_URL', 'must be an origin with an optional path prefix, without ?query or #fragment');
    }
    if (!isLoopbackHost(baseUrl.hostname)) {
      const confirm = read(env, 'GWS_TARGET_CONFIRM');
      if (confirm === undefined || (confirm !== baseUrl.host && confirm !== baseUrl.hostname)) {
        throw new ConfigError(
          'GWS_TARGET_CONFIRM',
          `must equal "${baseUrl.hostname}" before the harness sends anything to that host` +
            (confirm === undefined ? ' (it is unset)' : ` (it is "${confirm}")`),
        );
      }
    }
  }

  const userSets = readUserSets(env, baseUrl !== undefined);

  const injectRaw = read(env, 'GWS_SMS_INJECT_URL');
  const smsInjectUrl = injectRaw === undefined ? undefined : parseHttpUrl('GWS_SMS_INJECT_URL', injectRaw);

  const smsChannel = read(env, 'GWS_SMS_CHANNEL') ?? 'smssession';
  if (!/^[A-Za-z0-9_-]+$/.test(smsChannel)) {
    throw new ConfigError('GWS_SMS_CHANNEL', `must be a channel name (letters, digits, - and _), got "${smsChannel}"`);
  }

  const featuresRaw = read(env, 'GWS_FEATURES');
  const features = new Set<Feature>();
  for (const item of (featuresRaw ?? FEATURES.join(',')).split(',')) {
    const feature = item.trim();
    if (feature === '') continue;
    if (!(FEATURES as readonly string[]).includes(feature)) {
      throw new ConfigError('GWS_FEATURES', `unknown feature "${feature}"; known features: ${FEATURES.join(', ')}`);
    }
    features.add(feature as Feature);
  }
  if (features.size === 0) throw new ConfigError('GWS_FEATURES', `names no feature; known features: ${FEATURES.join(', ')}`);

  const notificationTimeoutMs = parsePositiveInt(
    'GWS_NOTIFICATION_TIMEOUT_MS',
    read(env, 'GWS_NOTIFICATION_TIMEOUT_MS'),
    baseUrl ? DEFAULT_TIMEOUT_REAL_MS : DEFAULT_TIMEOUT_MOCK_MS,
  );
  const quietWindowMs = parsePositiveInt('GWS_QUIET_WINDOW_MS', read(env, 'GWS_QUIET_WINDOW_MS'), DEFAULT_QUIET_WINDOW_MS);

  const transportRaw = read(env, 'GWS_COMETD_TRANSPORT') ?? 'long-polling';
  if (transportRaw !== 'long-polling' && transportRaw !== 'websocket' && transportRaw !== 'auto') {
    throw new ConfigError('GWS_COMETD_TRANSPORT', `must be long-polling, websocket or auto, got "${transportRaw}"`);
  }

  const caFile = read(env, 'GWS_TLS_CA_FILE');
  let ca: Buffer | undefined;
  if (caFile !== undefined) {
    try {
      ca = readFileSync(caFile);
    } catch (error) {
      throw new ConfigError('GWS_TLS_CA_FILE', `cannot read "${caFile}" (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (!ca.toString('utf8').includes('-----BEGIN CERTIFICATE-----')) {
      throw new ConfigError('GWS_TLS_CA_FILE', `"${caFile}" holds no PEM certificate`);
    }
  }
  const insecureRaw = read(env, 'GWS_TLS_INSECURE');
  if (insecureRaw !== undefined && !['true', 'false', '1', '0'].includes(insecureRaw.toLowerCase())) {
    throw new ConfigError('GWS_TLS_INSECURE', `must be true or false, got "${insecureRaw}"`);
  }
  const insecure = insecureRaw !== undefined && ['true', '1'].includes(insecureRaw.toLowerCase());

  return {
    baseUrl,
    userSets,
    smsInjectUrl,
    smsChannel,
    features,
    notificationTimeoutMs,
    quietWindowMs,
    cometdTransport: transportRaw,
    tls: { ca, caFile, insecure },
    setVariables,
  };
}

/**
 * For entry points (playwright.config.ts, scripts): a bad configuration ends the process with one
 * line on stderr and exit status 2, before any request is sent.
 */
export function loadConfigOrExit(env: Env = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof HarnessError) {
      process.stderr.write(`gws-conformance: configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** `{base}/api/v2{path}`, keeping any path prefix of the base URL. */
export function apiUrl(base: URL, path: string): string {
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}/api/v2${path.startsWith('/') ? path : `/${path}`}`;
}
