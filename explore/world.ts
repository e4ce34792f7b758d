import type { Config, UserSet } from '../helpers/config';
import { HarnessError, NonConformance } from '../helpers/errors';
import { SmsInjector } from '../helpers/gws/sms-injector';
import { GwsUser } from '../helpers/gws/user';
import { type Reporter } from '../helpers/gws/reporter';
import type { GwsReply } from '../helpers/gws/session';
import { redactText } from '../helpers/redact';
import { schemas, formatIssues } from '../helpers/schemas';
import { describeNotification } from '../helpers/cometd/describe';
import { describeBasis, inferenceOf, type Basis, type Prediction, type Who } from './model/predict';
import { areasOf, type Area, type ExploreModel } from './model/areas';
import type fc from 'fast-check';

/**
 * One sequence's real side: the agent and the supervisor (and, for voice, the caller), logged in
 * and torn down exactly as the suites' fixtures do (GwsUser.login / teardown, supervisor first),
 * the SMS injector, and the conversation (every command, what the model predicted, what came back)
 * for the report.
 */

export interface Target {
  baseUrl: URL;
  users: UserSet;
  smsInjectUrl: URL | undefined;
  /** The embedded mock's URL, to prove that a sequence left nothing behind. */
  mockUrl: string | undefined;
}

/** A command of either area, on the model of both (explore/model/areas.ts). */
export type Cmd = fc.AsyncCommand<ExploreModel, World>;

/** A broken prediction resting on a reading: recorded, and the sequence stops there. */
export interface Finding {
  command: string;
  message: string;
}

export class World {
  readonly log: string[] = [];
  readonly nonStrict: Finding[] = [];
  readonly agent: GwsUser;
  readonly supervisor: GwsUser;
  /** The caller of the voice commands; absent when voice is not explored. */
  private readonly voiceCaller: GwsUser | undefined;
  private readonly injector: SmsInjector | undefined;
  private readonly reporter: Reporter;

  constructor(
    readonly config: Config,
    readonly target: Target,
    readonly strict: boolean,
    area: Area = 'all',
  ) {
    this.reporter = {
      step: async (title, body) => {
        this.log.push(`    ${redactText(title)}`);
        return body();
      },
      attach: async () => undefined,
    };
    const person = (role: Who) => new GwsUser({ config, baseUrl: target.baseUrl, role, credentials: target.users[role], reporter: this.reporter });
    this.agent = person('agent');
    this.supervisor = person('supervisor');
    const areas = areasOf(area);
    this.voiceCaller = areas.includes('voice') ? person('caller') : undefined;
    if (!areas.includes('sms')) return;
    if (!target.smsInjectUrl) throw new HarnessError('SETUP_FAILED', 'exploring SMS supervision needs GWS_SMS_INJECT_URL (README, "SMS injection"), or --area voice');
    this.injector = new SmsInjector(target.smsInjectUrl, this.reporter, {
      timeoutMs: config.notificationTimeoutMs,
      tls: { ca: config.tls.ca, insecure: config.tls.insecure },
    });
  }

  get sms(): SmsInjector {
    if (!this.injector) throw new HarnessError('SETUP_FAILED', 'an SMS command ran in a sequence that does not explore SMS');
    return this.injector;
  }

  get caller(): GwsUser {
    if (!this.voiceCaller) throw new HarnessError('SETUP_FAILED', 'a voice command ran in a sequence that does not explore voice');
    return this.voiceCaller;
  }

  private get people(): GwsUser[] {
    return [this.supervisor, this.agent, ...(this.voiceCaller ? [this.voiceCaller] : [])];
  }

  async start(): Promise<void> {
    await this.agent.login();
    await this.supervisor.login();
    await this.voiceCaller?.login();
  }

  /**
   * Runs one command: arms the predicted waits, sends the operation, judges the reply, then awaits
   * each predicted notification and watches each quiet window (started once the reply arrived).
   * Without an operation only the notifications are awaited (what an earlier operation of the same
   * command brings). Returns false when a non-strict finding stopped the sequence.
   */
  async perform(command: string, prediction: Prediction, operation?: () => Promise<GwsReply>): Promise<boolean> {
    this.log.push(`${command}: predicted ${describePrediction(prediction, operation !== undefined)}`);
    const armed = prediction.awaits.map((a) => ({ basis: a, wait: Promise.resolve(a.armed ?? this.user(a.who).notifications.expect(...a.steps)) }));
    for (const a of armed) a.wait.catch(() => undefined);
    // Quiet checks are armed before the operation (a forbidden event fails at once) and their window
    // starts once the reply has arrived.
    const armedQuiet = prediction.quiet.map((q) => ({ basis: q, check: this.user(q.who).notifications.expectQuiet(q.step) }));
    const reply = operation ? await operation() : undefined;
    if (reply) this.log.push(`    → statusCode ${String(reply.isJson ? reply.statusCode : `(HTTP ${reply.status}, not JSON)`)}`);
    const quiet = armedQuiet.map((q) => ({ basis: q.basis, wait: Promise.resolve(q.check) }));
    for (const q of quiet) q.wait.catch(() => undefined);
    try {
      if (reply) this.judgeReply(reply, prediction.reply);
      for (const a of armed) {
        const arrived = await regrade(a.basis, () => a.wait);
        a.basis.seen?.(arrived);
      }
      for (const q of quiet) await regrade(q.basis, () => q.wait);
    } catch (error) {
      if (error instanceof NonConformance && !error.strict && !this.strict) {
        this.nonStrict.push({ command, message: error.message });
        this.log.push(`    ✗ non-strict: ${error.message.split('\n')[0]}`);
        return false;
      }
      this.log.push(`    ✗ ${(error as Error).message.split('\n')[0]}`);
      throw error;
    } finally {
      // A failed wait leaves the other waits armed: let them settle before the sequence goes on or ends.
      await Promise.allSettled([...armed.map((a) => a.wait), ...quiet.map((q) => q.wait)]);
    }
    return true;
  }

  private user(who: Who): GwsUser {
    return who === 'agent' ? this.agent : who === 'supervisor' ? this.supervisor : this.caller;
  }

  private judgeReply(reply: GwsReply, predicted: Prediction['reply']): void {
    const grade = { inferred: inferenceOf(predicted) };
    const basis = `(${describeBasis(predicted)})`;
    let code: number | undefined;
    try {
      code = reply.statusCode;
    } catch (error) {
      throw new NonConformance('NOT_JSON', `${(error as Error).message} ${basis}`, grade);
    }
    const body = redactText(reply.text.slice(0, 300));
    if (predicted.outcome === 'accepted') {
      if (code !== 0) throw new NonConformance('UNEXPECTED_STATUS_CODE', `${reply.label}: expected statusCode 0 ${basis}, got ${String(code)} (HTTP ${reply.status}): ${body}`, grade);
      const verdict = schemas().validate('replies/operation-reply', reply.json);
      if (verdict.issues.length > 0) throw new NonConformance('SCHEMA_VIOLATION', `${reply.label}: the success reply breaks ${verdict.schema}:\n${formatIssues(verdict)}`);
      return;
    }
    if (code === 0 || code === undefined) {
      throw new NonConformance('UNEXPECTED_STATUS_CODE', `${reply.label}: expected a refusal (statusCode > 0) ${basis}, got ${String(code)} (HTTP ${reply.status}): ${body}`, grade);
    }
    const verdict = schemas().validate('replies/error-reply', reply.json);
    if (verdict.issues.length > 0) throw new NonConformance('BAD_ERROR_REPLY', `${reply.label}: the refusal breaks ${verdict.schema}:\n${formatIssues(verdict)}`);
  }

  /**
   * Teardown as after every test: the supervisor first (it cancels its monitoring and leaves what it
   * joined), then the agent, then the caller. On the embedded mock, the mock's state must then be empty.
   */
  async stop(): Promise<string[]> {
    const problems: string[] = [];
    for (const user of this.people) problems.push(...(await user.teardown()));
    await this.injector?.close();
    if (this.target.mockUrl && problems.length === 0) {
      const state = (await (await fetch(new URL('/mock/state', this.target.mockUrl))).json()) as Record<string, unknown[]>;
      const left = Object.entries(state).filter(([key, list]) => key !== 'faults' && Array.isArray(list) && list.length > 0);
      if (left.length > 0) problems.push(`the mock still holds ${left.map(([key, list]) => `${list.length} ${key}`).join(', ')}`);
    }
    return problems;
  }

  /** The conversation as text: commands, predictions, replies, then each user's notifications. */
  conversation(): string {
    const transcript = (user: GwsUser) =>
      user.notifications.transcript.map((n) => `  #${n.seq} +${new Date(n.receivedAt).toISOString()} ${describeNotification(n)}`).join('\n');
    const users = [this.agent, this.supervisor, ...(this.voiceCaller ? [this.voiceCaller] : [])];
    return ['Commands:', ...this.log, ...users.flatMap((user) => ['', `Notifications of ${user.label}:`, transcript(user) || '  (none)'])].join('\n');
  }
}

/** Awaits one predicted wait; a broken one is graded by what the prediction rests on. */
async function regrade<T>(basis: Basis, wait: () => Promise<T>): Promise<T> {
  try {
    return await wait();
  } catch (error) {
    if (!(error instanceof NonConformance)) throw error;
    const detail = `${error.message.replace(/^\[(nonconformance|nonstrict):[A-Z_]+\] /, '')}\n(rests on ${describeBasis(basis)})`;
    throw new NonConformance(error.code, detail, { inferred: inferenceOf(basis) });
  }
}

function describePrediction(p: Prediction, withOperation: boolean): string {
  const parts = withOperation ? [`${p.reply.outcome} [${describeBasis(p.reply)}]`] : [];
  for (const a of p.awaits) parts.push(`${a.who} receives ${a.steps.map((s) => s.describe).join(' → ')} [${describeBasis(a)}]`);
  for (const q of p.quiet) parts.push(`${q.who} receives nothing: ${q.step.describe} [${describeBasis(q)}]`);
  return parts.join('; ');
}
