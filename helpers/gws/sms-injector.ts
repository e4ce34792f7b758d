import { randomInt } from 'node:crypto';
import { Agent, request } from 'undici';
import { pace } from '../cometd/pace';
import { smsInvitedNew, type SmsSessionView } from '../cometd/sms-steps';
import { HarnessError } from '../errors';
import { describeNetworkError } from './session';
import type { GwsUser } from './user';
import type { Reporter } from './reporter';

/**
 * Inbound SMS through the injection endpoint of the target contract:
 * POST {GWS_SMS_INJECT_URL} {"agent","from","nickname","text"}, then the agent receives
 * StatusChange Invited for a new session.
 */

export interface InboundSms {
  to: GwsUser;
  text: string;
  nickname?: string;
  from?: string;
}

export interface InvitedSms {
  id: string;
  session: SmsSessionView;
  /** The customer as injected. */
  customer: { nickname: string; from: string; text: string };
}

export class SmsInjector {
  private readonly dispatcher: Agent;

  constructor(
    private readonly url: URL,
    private readonly reporter: Reporter,
    options: { timeoutMs: number; tls?: { ca?: Buffer | undefined; insecure?: boolean | undefined } },
  ) {
    this.dispatcher = new Agent({
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connect: { ca: options.tls?.ca, rejectUnauthorized: !options.tls?.insecure },
    });
    this.timeoutMs = options.timeoutMs;
  }

  private readonly timeoutMs: number;

  /** Injects an SMS for `to` and returns the session it was offered as, once Invited arrived. */
  async inbound(input: InboundSms): Promise<InvitedSms> {
    // A sender number of its own for each injection, so that a server showing the sender lets the
    // harness tell its SMS from anyone else's (smsInvitedNew).
    const customer = { nickname: input.nickname ?? 'PersonP', from: input.from ?? `+1555${String(randomInt(0, 10_000_000)).padStart(7, '0')}`, text: input.text };
    return this.reporter.step(`customer ${customer.nickname} texts ${JSON.stringify(input.text)} to ${input.to.label}`, async () => {
      const known = new Set(input.to.notifications.transcript.map((n) => (n.data.smssession as { id?: string } | undefined)?.id).filter(Boolean) as string[]);
      const invited = input.to.notifications.expect(smsInvitedNew(known, customer));
      const payload = { agent: input.to.username, ...customer };
      let status: number;
      let text: string;
      pace.noteRequest();
      try {
        const response = await request(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(payload),
          dispatcher: this.dispatcher,
        });
        status = response.statusCode;
        text = await response.body.text();
        pace.noteReply();
      } catch (error) {
        pace.noteNoReply();
        throw describeNetworkError(error, `SMS injection POST ${this.url.href}`, this.timeoutMs);
      }
      await this.reporter.attach('SMS injection', JSON.stringify({ url: this.url.href, request: payload, status, response: text }, null, 2), 'application/json');
      if (status < 200 || status > 299) {
        throw new HarnessError(
          'SMS_INJECTION_FAILED',
          `POST ${this.url.href} for ${input.to.label} answered HTTP ${status}: ${text.slice(0, 300)}`,
        );
      }
      let notification;
      try {
        [notification] = await invited;
      } catch (error) {
        // The session exists on the server, but its id never arrived: teardown looks for it.
        input.to.sms.lostInjections.push({ ...customer, known });
        throw error;
      }
      const session = notification!.data.smssession as SmsSessionView;
      input.to.sms.sessions.add(session.id);
      return { id: session.id, session, customer };
    });
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
