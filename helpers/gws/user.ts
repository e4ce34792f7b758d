import type { Role } from '../config';
import { apiUrl } from '../config';
import { HarnessError } from '../errors';
import { NotificationRecorder } from '../cometd/recorder';
import { readyOn } from '../cometd/platform-steps';
import { reportedSend } from './raw-session';
import { SmsOperations } from './sms-operations';
import { VoiceOperations } from './voice-operations';
import { GwsSession, type GwsReply, type Method, type SendOptions } from './session';
import type { Attempt, Device, MeUser, Person, UserContext } from './person';

export type { Device, UserContext } from './person';

/**
 * One person of a test (agent, supervisor, caller): an HTTP session, a notification recorder, and
 * the typed operations of each area (SMS, voice), which keep what the test created so that
 * teardown undoes exactly that.
 */

export class GwsUser implements Person {
  readonly session: GwsSession;
  readonly notifications: NotificationRecorder;
  readonly sms: SmsOperations;
  readonly voice: VoiceOperations;
  me: MeUser | undefined;
  devices: Device[] = [];
  private loggedIn = false;
  private readonly cleanups: { what: string; run: () => Promise<void> }[] = [];

  constructor(readonly context: UserContext) {
    const { config, baseUrl, credentials } = context;
    this.session = new GwsSession(baseUrl, credentials, {
      timeoutMs: config.notificationTimeoutMs,
      tls: { ca: config.tls.ca, insecure: config.tls.insecure },
    });
    this.notifications = this.newRecorder(`${context.role} ${credentials.username}`, true);
    this.sms = new SmsOperations(this);
    this.voice = new VoiceOperations(this);
  }

  private newRecorder(name: string, withCredentials: boolean): NotificationRecorder {
    const { config, baseUrl, credentials, reporter } = this.context;
    return new NotificationRecorder({
      url: apiUrl(baseUrl, '/notifications'),
      user: name,
      authorization: withCredentials
        ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`
        : undefined,
      cookies: () => this.session.cookieEntries(),
      csrf: () => this.session.csrfHeader,
      transport: config.cometdTransport,
      tls: { ca: config.tls.ca, insecure: config.tls.insecure },
      timeoutMs: config.notificationTimeoutMs,
      quietWindowMs: config.quietWindowMs,
      step: (title, body) => reporter.step(title, body),
    });
  }

  /**
   * A second CometD client of this user, handshaken with the session cookie only (no Basic
   * credentials), connected and subscribed; it is disconnected at teardown.
   */
  /**
   * A CometD client carrying the session cookie and no Basic credentials. No page says whether the
   * cookie alone is enough (COMETD-COOKIE-HANDSHAKE is open): a refused handshake is the server's
   * answer, returned as such, never a verdict.
   */
  async connectWithCookieOnly(): Promise<{ recorder: NotificationRecorder } | { refused: string }> {
    const recorder = this.newRecorder(`${this.label} (cookie only)`, false);
    this.addCleanup('disconnecting the cookie-only CometD client', () => recorder.disconnect());
    return this.context.reporter.step(`${this.label}: CometD handshake with the session cookie only`, async () => {
      try {
        await recorder.connect();
        return { recorder };
      } catch (error) {
        if (error instanceof HarnessError && error.code === 'COMETD_HANDSHAKE_REFUSED') return { refused: error.message.replace(/^\[harness:[A-Z_]+\] /, '') };
        throw error;
      }
    });
  }

  /**
   * What a failed request must leave unchanged, as the server reports it: the user's channel states
   * and the state and capabilities of each SMS session of this test.
   */
  async snapshot(): Promise<Record<string, unknown>> {
    const channels = await this.operation('GET /api/v2/me/channels?fields=*', '/me/channels?fields=*', undefined, 'GET');
    const listed = channels.isJson ? (channels.json as { channels?: { channel?: string; userState?: { state?: string } }[] }).channels : undefined;
    const list = (Array.isArray(listed) ? listed : []).filter((c) => typeof c?.channel === 'string' && typeof c.userState?.state === 'string');
    // A comparison of two empty readings proves nothing: the snapshot must have read the states.
    if (list.length === 0) {
      throw new HarnessError('SETUP_FAILED', `${this.label}: GET /api/v2/me/channels?fields=* listed no channel with a userState (${channels.text.slice(0, 200)}); the "changes nothing" check cannot be made`);
    }
    const smssessions = await this.sms.snapshot();
    return { channels: list.map((c) => `${c.channel}=${c.userState!.state}`).sort(), smssessions };
  }

  get role(): Role {
    return this.context.role;
  }

  get username(): string {
    return this.context.credentials.username;
  }

  /** "agent agent1": how messages and steps name this user. */
  get label(): string {
    return `${this.role} ${this.username}`;
  }

  get device(): Device {
    const device = this.devices[0];
    if (!device) throw new HarnessError('SETUP_FAILED', `${this.label} has no device (GET /api/v2/me/devices?fields=* listed none)`);
    return device;
  }

  /**
   * Sends one operation inside a report step, with the exchange attached to that step.
   * Every operation of the typed APIs goes through here.
   */
  async operation(title: string, path: string, body: Record<string, unknown> | undefined, method: 'GET' | 'POST' = 'POST'): Promise<GwsReply> {
    return this.send(title, method, path, method === 'GET' ? undefined : body);
  }

  /** Any request in this user's session, deliberately malformed ones included (platform checks). */
  send(title: string, method: Method, path: string, body?: unknown, options?: SendOptions): Promise<GwsReply> {
    this.notifications.noteRequest();
    return reportedSend(this.session, this.context.reporter, `${this.label}: ${title}`, { method, path, body, options });
  }

  private async setupCall(title: string, path: string, body?: Record<string, unknown>): Promise<GwsReply> {
    const reply = await this.operation(title, path, body, body ? 'POST' : 'GET');
    const code = reply.isJson ? reply.statusCode : undefined;
    if (code !== 0 && code !== 7) {
      const contentType = String(reply.headers['content-type'] ?? 'no content-type');
      const what = reply.isJson
        ? `statusCode ${String(code)} ${JSON.stringify((reply.json as { statusMessage?: unknown }).statusMessage ?? '')}`
        : `${contentType} instead of JSON, is GWS_BASE_URL the origin of GWS and not of a portal or proxy page?: ${JSON.stringify(reply.text.slice(0, 200))}`;
      const hint = code === 20 ? `; check GWS_${this.role.toUpperCase()}_USERNAME and GWS_${this.role.toUpperCase()}_PASSWORD` : '';
      throw new HarnessError('SETUP_FAILED', `${this.label}: ${title} failed (HTTP ${reply.status}, ${what})${hint}`);
    }
    return reply;
  }

  /** TARGET.md's per-user set-up: who am I, my devices, CometD, the contact-center session, Ready. */
  async login(): Promise<void> {
    await this.context.reporter.step(`${this.label} logs in`, async () => {
      const me = await this.setupCall('GET /api/v2/me', '/me');
      this.me = (me.json as { user?: MeUser }).user;
      if (!this.me?.id) throw new HarnessError('SETUP_FAILED', `${this.label}: GET /api/v2/me returned no user.id`);
      const devices = await this.setupCall('GET /api/v2/me/devices?fields=*', '/me/devices?fields=*');
      this.devices = ((devices.json as { devices?: Device[] }).devices ?? []).filter((d) => d && typeof d.id === 'string');
      await this.notifications.connect();
      const channels = ['voice', this.context.config.smsChannel];
      await this.setupCall('StartContactCenterSession', '/me', { operationName: 'StartContactCenterSession', channels });
      this.loggedIn = true;
      for (const channel of channels) await this.setupCall(`Ready on ${channel}`, `/me/channels/${channel}`, { operationName: 'Ready' });
      // The set-up's own state notifications arrive before the test's waits are armed.
      for (const channel of channels) await this.notifications.settleOn(readyOn(channel, this.devices[0]?.id));
    });
  }

  /**
   * Registers something to undo at teardown (a monitoring armed, a call made). Cleanups run last
   * registered first, before the SMS sessions are ended; each one should do nothing if the thing
   * is already undone.
   */
  addCleanup(what: string, run: () => Promise<void>): void {
    this.cleanups.push({ what, run });
  }

  /**
   * Undo what the test created, also after a failure: the registered cleanups (last first), the
   * SMS area's teardown (lost injections looked for, every SMS session still open ended), then
   * disconnect CometD and end the contact-center session. Problems are collected, not thrown,
   * so that one failing clean-up step does not skip the others.
   */
  async teardown(): Promise<string[]> {
    const problems: string[] = [];
    const attempt: Attempt = async (what, action) => {
      try {
        await action();
      } catch (error) {
        problems.push(`${this.label}: ${what}: ${(error as Error).message}`);
      }
    };
    await this.context.reporter.step(`${this.label} cleans up`, async () => {
      for (const cleanup of [...this.cleanups].reverse()) await attempt(cleanup.what, cleanup.run);
      await this.sms.teardown(attempt, problems);
      await attempt('disconnecting CometD', () => this.notifications.disconnect());
      if (this.loggedIn) {
        await attempt('EndContactCenterSession', async () => {
          const reply = await this.operation('EndContactCenterSession', '/me', { operationName: 'EndContactCenterSession' });
          if (reply.statusCode !== 0) problems.push(`${this.label}: EndContactCenterSession answered ${reply.text.slice(0, 200)}`);
          this.session.forgetSession();
        });
      }
    });
    await this.session.close();
    return problems;
  }
}
