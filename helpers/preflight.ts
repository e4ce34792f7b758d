import type { Config, Credentials, Role, UserSet } from './config';
import { ROLES } from './config';
import { HarnessError } from './errors';
import { GwsSession, type GwsReply } from './gws/session';
import { SmsInjector } from './gws/sms-injector';
import { GwsUser } from './gws/user';
import { silentReporter } from './gws/reporter';
import { registerCredentials } from './redact';

/**
 * The checks a run needs to be meaningful, made before any suite starts: the target answers
 * `GET /api/v2/diagnostics/version`; every configured user logs in (statusCode 0), has the devices
 * the claimed features need, starts a contact-center session with the configured SMS channel and
 * is Ready on it, and handshakes and subscribes over CometD; the SMS injector delivers an SMS the
 * agent is offered (it is rejected at once, as teardown does). Everything is undone afterwards.
 * Each problem names the variable to fix and the evidence; all of them are collected, none stops
 * the others, except an unreachable target, where every other check would say the same.
 */

export interface PreflightTarget {
  baseUrl: URL;
  userSets: UserSet[];
  smsInjectUrl: URL | undefined;
  /** Which variables hold the users: the six GWS_<ROLE>_* variables, or GWS_USERS_FILE. */
  usersFromFile: boolean;
}

export interface PreflightProblem {
  variable: string;
  evidence: string;
}

export interface PreflightResult {
  problems: PreflightProblem[];
  /** What passed, one line each, for the console. */
  passed: string[];
  serverVersion: string | undefined;
  durationMs: number;
}

const untag = (message: string) => message.replace(/^\[harness:[A-Z_]+\] /, '');

function describeReply(reply: GwsReply): string {
  const contentType = String(reply.headers['content-type'] ?? 'no content-type');
  if (!reply.isJson) return `HTTP ${reply.status} with ${contentType} instead of JSON: ${JSON.stringify(reply.text.slice(0, 120))}`;
  const message = (reply.json as { statusMessage?: unknown }).statusMessage;
  return `HTTP ${reply.status}, statusCode ${String(reply.statusCode)}${message === undefined ? '' : ` ${JSON.stringify(message)}`}`;
}

/** The variable a network failure points at: the trust settings for TLS, the URL otherwise. */
function networkVariable(error: HarnessError, fallback: string): string {
  return error.code === 'TLS_FAILURE' ? 'GWS_TLS_CA_FILE or GWS_TLS_INSECURE' : fallback;
}

interface Person {
  set: number;
  role: Role;
  credentials: Credentials;
}

export class Preflight {
  private readonly problems: PreflightProblem[] = [];
  private readonly passed: string[] = [];
  private channelProblem: { evidence: string; others: string[] } | undefined;

  constructor(
    private readonly config: Config,
    private readonly target: PreflightTarget,
  ) {}

  private problem(variable: string, evidence: string): void {
    this.problems.push({ variable, evidence: untag(evidence).replace(/\s*\n\s*/g, ' ') });
  }

  /** The variable that holds a user's credentials. */
  private userVariable(person: Person, what: 'USERNAME' | 'PASSWORD' | 'USERNAME and PASSWORD'): string {
    if (this.target.usersFromFile) return `GWS_USERS_FILE (set ${person.set + 1}, ${person.role} "${person.credentials.username}")`;
    const r = person.role.toUpperCase();
    return what === 'USERNAME and PASSWORD' ? `GWS_${r}_USERNAME / GWS_${r}_PASSWORD` : `GWS_${r}_${what}`;
  }

  async run(): Promise<PreflightResult> {
    const started = performance.now();
    const people = this.people();
    for (const p of people) registerCredentials(p.credentials.username, p.credentials.password);
    const version = await this.checkVersion(people[0]);
    if (version.reachable) {
      await Promise.all(people.map((p) => this.checkPerson(p)));
    }
    if (this.channelProblem) {
      const { evidence, others } = this.channelProblem;
      this.problem('GWS_SMS_CHANNEL', others.length ? `${evidence} (the same for ${others.join(', ')})` : evidence);
    }
    return { problems: this.problems, passed: this.passed, serverVersion: version.version, durationMs: Math.round(performance.now() - started) };
  }

  /** Every configured user once, even when several sets share one. */
  private people(): Person[] {
    const seen = new Set<string>();
    const out: Person[] = [];
    this.target.userSets.forEach((set, index) => {
      for (const role of ROLES) {
        const key = `${role}\u0000${set[role].username}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ set: index, role, credentials: set[role] });
      }
    });
    return out;
  }

  private async checkVersion(first: Person | undefined): Promise<{ reachable: boolean; version: string | undefined }> {
    const credentials = first?.credentials ?? { username: 'preflight', password: 'unused' };
    const session = new GwsSession(this.target.baseUrl, credentials, {
      timeoutMs: this.config.notificationTimeoutMs,
      tls: { ca: this.config.tls.ca, insecure: this.config.tls.insecure },
    });
    const what = 'GET /api/v2/diagnostics/version';
    try {
      // The documentation calls it without credentials; a server that wants them is asked again with them.
      let reply = await session.send('GET', '/diagnostics/version', undefined, { withAuth: false });
      if (reply.status === 401 || reply.statusCode === 20) reply = await session.send('GET', '/diagnostics/version');
      const version = reply.isJson ? (reply.json as { version?: unknown }).version : undefined;
      if (reply.statusCode === 0 && typeof version === 'string') {
        this.passed.push(`the target answers ${what}: version ${version}`);
        return { reachable: true, version };
      }
      this.problem(
        'GWS_BASE_URL',
        `${what} at ${this.target.baseUrl.href} answered ${describeReply(reply)}, not {"statusCode":0,"version":…}: is it the origin of GWS (without /api/v2)?`,
      );
      return { reachable: true, version: undefined };
    } catch (error) {
      if (!(error instanceof HarnessError)) throw error;
      this.problem(networkVariable(error, 'GWS_BASE_URL'), error.message);
      const unusable = ['TARGET_UNREACHABLE', 'TLS_FAILURE', 'CONNECTION_RESET', 'REQUEST_TIMEOUT'].includes(error.code);
      return { reachable: !unusable, version: undefined };
    } finally {
      await session.close();
    }
  }

  private async checkPerson(person: Person): Promise<void> {
    const { config } = this;
    const user = new GwsUser({ config, baseUrl: this.target.baseUrl, role: person.role, credentials: person.credentials, reporter: silentReporter });
    const label = user.label;
    try {
      const me = await user.operation('GET /api/v2/me', '/me', undefined, 'GET');
      if (me.statusCode !== 0) {
        const refused = me.statusCode === 20 || me.status === 401;
        this.problem(
          // A page that is not a GWS reply says the URL is wrong, not the user.
          !me.isJson ? 'GWS_BASE_URL' : this.userVariable(person, refused ? 'PASSWORD' : 'USERNAME'),
          `${label}: GET /api/v2/me answered ${describeReply(me)}` +
            (refused ? ' (the login was refused; in .env, put a value that contains # or spaces in quotes)' : ''),
        );
        return;
      }
      const devicesReply = await user.operation('GET /api/v2/me/devices?fields=*', '/me/devices?fields=*', undefined, 'GET');
      const devices = devicesReply.statusCode === 0 ? ((devicesReply.json as { devices?: unknown[] }).devices ?? []) : [];
      if (config.features.has('api-voice') && devices.length === 0) {
        this.problem(
          this.userVariable(person, 'USERNAME'),
          `${label} has no device (GET /api/v2/me/devices?fields=* answered ${describeReply(devicesReply)}, ${devices.length} devices); ` +
            'the voice suites need one per user: give the user a device, or leave api-voice out of GWS_FEATURES',
        );
      }
      await this.login(user, person);
    } catch (error) {
      const variable = error instanceof HarnessError ? networkVariable(error, 'GWS_BASE_URL') : 'GWS_BASE_URL';
      this.problem(variable, `${label}: ${(error as Error).message}`);
    } finally {
      const leftovers = await user.teardown().catch((error: Error) => [error.message]);
      for (const line of leftovers) this.problem('GWS_BASE_URL', `undoing the preflight: ${line}`);
    }
  }

  /** The per-user set-up of every test (GwsUser.login), and for the first agent an injected SMS. */
  private async login(user: GwsUser, person: Person): Promise<void> {
    const channel = this.config.smsChannel;
    try {
      await user.login();
    } catch (error) {
      const message = (error as Error).message;
      if (!(error instanceof HarnessError)) {
        this.problem('GWS_BASE_URL', `${user.label}: ${message}`);
      } else if (error.code.startsWith('COMETD_')) {
        this.problem('GWS_BASE_URL or GWS_COMETD_TRANSPORT', `${message} (the CometD handshake and subscribe to /v2/me/* must succeed for every user)`);
      } else if (message.includes(`Ready on ${channel} failed`) || (message.includes('StartContactCenterSession failed') && message.includes(channel))) {
        // Said once, with the users it concerns: a wrong channel name fails every user alike.
        const channels = await this.channelsOf(user);
        if (this.channelProblem) this.channelProblem.others.push(user.label);
        else this.channelProblem = { evidence: `${message}; the contact-center session of ${user.label} holds the channels: ${channels}`, others: [] };
      } else {
        this.problem(this.userVariable(person, 'USERNAME'), message);
      }
      return;
    }
    this.passed.push(`${user.label} logs in, has ${user.devices.length} device(s), is Ready on voice and ${channel}, CometD subscribed`);
    if (person.set === 0 && person.role === 'agent') await this.checkInjector(user);
  }

  /** The channels the server put in the user's contact-center session, as evidence for GWS_SMS_CHANNEL. */
  private async channelsOf(user: GwsUser): Promise<string> {
    try {
      const reply = await user.operation('GET /api/v2/me/channels', '/me/channels', undefined, 'GET');
      const list = (reply.statusCode === 0 ? (reply.json as { channels?: { channel?: unknown }[] }).channels : undefined) ?? [];
      const names = list.map((c) => String(c.channel));
      return names.length > 0 ? names.join(', ') : `none listed (GET /api/v2/me/channels answered ${describeReply(reply)})`;
    } catch (error) {
      return `unknown (GET /api/v2/me/channels: ${untag((error as Error).message)})`;
    }
  }

  private async checkInjector(agent: GwsUser): Promise<void> {
    const url = this.target.smsInjectUrl;
    if (!url) return;
    const injector = new SmsInjector(url, silentReporter, {
      timeoutMs: this.config.notificationTimeoutMs,
      tls: { ca: this.config.tls.ca, insecure: this.config.tls.insecure },
    });
    try {
      const invited = await injector.inbound({ to: agent, text: 'gws-conformance preflight', nickname: 'Preflight' });
      this.passed.push(`the SMS injector delivered an SMS that ${agent.label} was offered (session ${invited.id}, rejected again)`);
    } catch (error) {
      this.problem('GWS_SMS_INJECT_URL', `${untag((error as Error).message)} (injecting for ${agent.label}, Ready on ${this.config.smsChannel})`);
    } finally {
      await injector.close();
    }
  }
}

/** One line per problem: the variable first, then the evidence. */
export function formatProblems(problems: PreflightProblem[]): string[] {
  return problems.map((p) => `${p.variable}: ${p.evidence}`);
}

export function runPreflight(config: Config, target: PreflightTarget): Promise<PreflightResult> {
  return new Preflight(config, target).run();
}
