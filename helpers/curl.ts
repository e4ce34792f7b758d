import { redactText } from './redact';

/**
 * The conversation of a replayed test, printed as it happens (`npm run replay`, which sets
 * GWS_REPLAY_TRACE=1): each HTTP request as a `curl` command a person can paste, with its reply;
 * each step (operations, awaited notification sequences) as it starts and ends; each notification
 * as it arrives. Credentials appear only as shell variables (`$GWS_AGENT_PASSWORD`), the session
 * cookie as a cookie jar file and the CSRF token as a variable, never as values.
 */

export const tracing = (): boolean => process.env.GWS_REPLAY_TRACE === '1';

interface Person {
  role: string;
  password: string;
}
const people = new Map<string, Person>();
const announced = new Set<string>();
let out: (line: string) => void = (line) => process.stdout.write(`${redactText(line)}\n`);

/** Where the trace goes (tests capture it). Every line is redacted before it is written. */
export function traceTo(sink: (line: string) => void): void {
  out = (line) => sink(redactText(line));
}

/** The configured users of the test: `agent1` is `$GWS_AGENT_USERNAME`, its password `$GWS_AGENT_PASSWORD`. */
export function nameRole(username: string, role: string, password: string): void {
  people.set(username, { role, password });
}

const variable = (role: string, what: string) => `GWS_${role.toUpperCase()}_${what}`;
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export interface SentRequest {
  method: string;
  url: string;
  username: string;
  password: string;
  /** The headers as sent (secrets included: they are replaced here, never printed). */
  headers: Record<string, string>;
  body: string | undefined;
  /** The CSRF header pair the session learned: its token is printed as a variable (a made-up one as it is). */
  csrf?: { header: string; token: string } | undefined;
}

/** One request as a curl command; the credentials, cookie and CSRF token as shell variables and files. */
export function curlCommand(sent: SentRequest): string {
  const person = people.get(sent.username);
  const role = person?.role ?? 'other';
  const parts = ['curl', '-sS', '-i', '-X', sent.method];
  const headers = Object.entries(sent.headers);
  if (headers.some(([name]) => name.toLowerCase() === 'authorization')) {
    const password = person && person.password === sent.password ? `$${variable(role, 'PASSWORD')}` : `$${variable(role, 'OTHER_PASSWORD')}`;
    parts.push('-u', `"$${variable(role, 'USERNAME')}:${password}"`);
  }
  if (headers.some(([name]) => name.toLowerCase() === 'cookie')) parts.push('-b', `${role}.cookies`);
  parts.push('-c', `${role}.cookies`);
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'cookie') continue;
    if (sent.csrf && lower === sent.csrf.header.toLowerCase() && value === sent.csrf.token) parts.push('-H', `"${name}: $${variable(role, 'CSRF_TOKEN')}"`);
    else parts.push('-H', quote(`${name}: ${value}`));
  }
  if (sent.body !== undefined) parts.push('--data-raw', quote(sent.body));
  parts.push(quote(sent.url));
  return parts.join(' ');
}

function announce(username: string, baseUrl: string): void {
  const person = people.get(username);
  if (!person || announced.has(username)) return;
  announced.add(username);
  out(
    `# ${person.role} is ${username} on ${baseUrl}: export ${variable(person.role, 'USERNAME')}=${username} ${variable(person.role, 'PASSWORD')}=<its password>` +
      ` (the CSRF token, when the server uses one, is the X-CSRF-TOKEN header of the last GET reply: export ${variable(person.role, 'CSRF_TOKEN')}=...)`,
  );
}

const short = (text: string, max = 800) => (text.length > max ? `${text.slice(0, max)}…` : text);

export function traceExchange(sent: SentRequest, reply: { status?: number | undefined; body?: unknown; error?: string | undefined; durationMs: number }): void {
  if (!tracing()) return;
  announce(sent.username, new URL(sent.url).origin);
  out(`$ ${curlCommand(sent)}`);
  const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  out(reply.status === undefined ? `  ✗ no reply after ${reply.durationMs} ms: ${reply.error ?? ''}` : `  ← HTTP ${reply.status} in ${reply.durationMs} ms: ${short(body ?? '')}`);
}

export function traceNotification(user: string, n: { seq: number; channel: string; data: unknown }): void {
  if (!tracing()) return;
  out(`  ⇐ ${user} notification #${n.seq} on ${n.channel}: ${short(JSON.stringify(n.data))}`);
}

/** A step (an operation, an awaited notification sequence) as it starts and as it ends. */
export async function traceStep<T>(title: string, body: () => Promise<T>): Promise<T> {
  if (!tracing()) return body();
  out(`▸ ${title}`);
  try {
    const result = await body();
    out(`  ✓ ${title}`);
    return result;
  } catch (error) {
    out(`  ✗ ${title}: ${short(String((error as Error).message ?? error), 1200)}`);
    throw error;
  }
}

export const REPLAY_FORMAT = 'gws-conformance/replay@1';

/** The replay file a failed test carries: enough to run that one test again (`npm run replay -- <file>`). */
export interface ReplayFile {
  format: typeof REPLAY_FORMAT;
  id: string;
  title: string;
  /** The spec file, relative to the project. */
  file: string;
  project: string;
  /** The user set it ran on, as in the gwsUsers label; the replay pins it (GWS_USER_SET). */
  users: string;
  /** Where it ran: a host, or "embedded mock". */
  target: string;
  command: string;
}
