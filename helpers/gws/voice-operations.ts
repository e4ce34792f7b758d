import { apiUrl } from '../config';
import { HarnessError, NonConformance } from '../errors';
import { callIdsIn, callOf, callReleased, callState, deviceOf, newCall, type CallExpectation } from '../cometd/voice-steps';
import type { Notification } from '../cometd/types';
import type { GwsReply } from './session';
import type { Person } from './person';
import { succeeded } from './succeeded';
import { VOICE_SUPERVISOR_MODES, type MonitoringMode, type MonitoringScope, type VoiceSupervisorMode } from './vocabulary';

/**
 * The Voice API operations a user sends on its own device and calls (gws-voice-and-platform.md
 * §2-§5): POST /api/v2/me/devices/{id} (ListenIn, Coach, BargeIn, CancelSupervisorMonitoring),
 * POST /api/v2/me/devices/{id}/calls (Dial), POST /api/v2/me/calls/{id} (Answer, Hangup, the
 * supervisor's switches and mutes).
 *
 * It keeps what the test created, for teardown: the calls this user dialed, answered or joined are
 * hung up unless already Released, and a monitoring it armed is cancelled unless cancelled or
 * over. Nothing else is touched.
 */


export interface MonitoringOptions {
  scope?: MonitoringScope;
  mode?: MonitoringMode;
  phoneNumber?: string;
}

const MONITORING_OPERATIONS = new Set<string>(VOICE_SUPERVISOR_MODES);

export class VoiceOperations {
  private readonly owned = new Set<string>();
  /** The monitoring this test armed and has not cancelled, and where the transcript stood then. */
  private armed: { mode: string; fromSeq: number } | undefined;
  private monitoringCleanup = false;

  constructor(private readonly user: Person) {}

  private get transcript(): readonly Notification[] {
    return this.user.notifications.transcript;
  }

  /** The absolute URI of a user's device: as GET /me/devices gave it, or in the documented form. */
  deviceUri(of: Person): string {
    const { device } = of;
    return typeof device.uri === 'string' ? device.uri : apiUrl(of.context.baseUrl, `/devices/${device.id}`);
  }

  /** Any operation on this user's device, as documented or not (for the error checks). */
  async sendToDevice(body: Record<string, unknown>): Promise<GwsReply> {
    const name = String(body.operationName ?? '(no operationName)');
    const reply = await this.user.operation(`${name} on device ${this.user.device.id}`, `/me/devices/${encodeURIComponent(this.user.device.id)}`, body);
    if (reply.isJson && reply.statusCode === 0) this.track(name, body);
    return reply;
  }

  /** Any operation on one of this user's calls. */
  sendToCall(id: string, body: Record<string, unknown>): Promise<GwsReply> {
    const name = String(body.operationName ?? '(no operationName)');
    return this.user.operation(`${name} call ${id}`, `/me/calls/${encodeURIComponent(id)}`, body);
  }

  /** Dial from this user's device to another user's number (or a number). */
  async dial(to: Person | string): Promise<GwsReply> {
    const phoneNumber = typeof to === 'string' ? to : to.device.phoneNumber;
    if (!phoneNumber) throw new HarnessError('SETUP_FAILED', `${this.user.label} cannot dial ${typeof to === 'string' ? to : to.label}: GET /api/v2/me/devices gave no phoneNumber`);
    const before = this.knownCalls();
    const fromSeq = this.transcript.length;
    const reply = await this.user.operation(`Dial ${phoneNumber}`, `/me/devices/${encodeURIComponent(this.user.device.id)}/calls`, {
      operationName: 'Dial',
      destination: { phoneNumber },
    });
    if (reply.isJson && reply.statusCode === 0) {
      this.user.addCleanup(`hanging up the call dialed to ${phoneNumber}`, async () => {
        const fresh = this.transcript.slice(fromSeq).map(callOf).filter((c) => c !== undefined && !before.has(c.id));
        const dialed = fresh.find((c) => c!.state === 'Dialing') ?? fresh[0];
        if (dialed) await this.release(dialed.id);
      });
    }
    return reply;
  }

  async answer(id: string): Promise<GwsReply> {
    const reply = await this.sendToCall(id, { operationName: 'Answer' });
    if (reply.isJson && reply.statusCode === 0) this.own(id);
    return reply;
  }

  hangup(id: string): Promise<GwsReply> {
    return this.sendToCall(id, { operationName: 'Hangup' });
  }

  monitor(operation: VoiceSupervisorMode, target: Person, options: MonitoringOptions = {}): Promise<GwsReply> {
    return this.sendToDevice({
      operationName: operation,
      targetDeviceUri: this.deviceUri(target),
      ...(options.scope ? { supervisorMonitoringScope: options.scope } : {}),
      ...(options.mode ? { supervisorMonitoringMode: options.mode } : {}),
      ...(options.phoneNumber ? { phoneNumber: options.phoneNumber } : {}),
    });
  }

  listenIn(target: Person, options?: MonitoringOptions): Promise<GwsReply> {
    return this.monitor('ListenIn', target, options);
  }

  coach(target: Person, options?: MonitoringOptions): Promise<GwsReply> {
    return this.monitor('Coach', target, options);
  }

  bargeIn(target: Person, options?: MonitoringOptions): Promise<GwsReply> {
    return this.monitor('BargeIn', target, options);
  }

  cancelSupervisorMonitoring(): Promise<GwsReply> {
    return this.sendToDevice({ operationName: 'CancelSupervisorMonitoring' });
  }

  switchToListenIn(id: string): Promise<GwsReply> {
    return this.sendToCall(id, { operationName: 'SwitchToListenIn' });
  }

  switchToBargeIn(id: string): Promise<GwsReply> {
    return this.sendToCall(id, { operationName: 'SwitchToBargeIn' });
  }

  muteMonitoredUser(id: string): Promise<GwsReply> {
    return this.sendToCall(id, { operationName: 'MuteMonitoredUser' });
  }

  unmuteMonitoredUser(id: string): Promise<GwsReply> {
    return this.sendToCall(id, { operationName: 'UnmuteMonitoredUser' });
  }

  /** The ids of the calls this user has been told about so far. */
  knownCalls(): Set<string> {
    return callIdsIn(this.transcript);
  }

  /** The last state this user was told call `id` is in. */
  stateOf(id: string): string | undefined {
    for (let i = this.transcript.length - 1; i >= 0; i -= 1) {
      const call = callOf(this.transcript[i]!);
      if (call?.id === id && typeof call.state === 'string') return call.state;
    }
    return undefined;
  }

  /** Calls this test is responsible for: hung up at teardown unless Released. */
  own(id: string): void {
    if (this.owned.has(id)) return;
    this.owned.add(id);
    this.user.addCleanup(`hanging up call ${id}`, () => this.release(id));
  }

  /**
   * Ends this user's part in call `id` and waits for its StatusChange Released. A call another
   * party already ended is only waited for: its Released may still be on its way.
   */
  async release(id: string): Promise<void> {
    if (this.stateOf(id) === 'Released') return;
    const released = this.user.notifications.expect(callReleased(id));
    const reply = await this.hangup(id);
    try {
      await released;
    } catch (error) {
      throw new NonConformance('NOTIFICATION_TIMEOUT', `${this.user.label}: Hangup of call ${id} answered ${reply.text.slice(0, 200)}; ${(error as Error).message}`);
    }
  }

  /**
   * The supervisor's leg arrived (the first notification of supervisorLeg): answers it when it
   * is Ringing and awaits it Established with the expected mute and capabilities. Either way the
   * leg is this test's to hang up. Returns the Established notification.
   */
  async joinLeg(arrived: Notification | undefined, expected: CallExpectation = {}): Promise<Notification> {
    const call = arrived ? callOf(arrived) : undefined;
    if (!arrived || !call) throw new NonConformance('NOTIFICATION_CONTRADICTS', `${this.user.label}: no call notification for the supervisor's leg`);
    this.own(call.id);
    if (call.state === 'Established') return arrived;
    const established = this.user.notifications.expect(callState(call.id, 'Established', expected));
    succeeded(await this.sendToCall(call.id, { operationName: 'Answer' }), `Answer of the supervisor's leg ${call.id}`);
    const [notification] = await established;
    return notification!;
  }

  /**
   * Nothing about a call unknown in `before` may reach this user: checked over what already
   * arrived, then for the quiet window (the one sanctioned timer).
   */
  async expectNoNewCall(before: ReadonlySet<string>, why: string): Promise<void> {
    const step = newCall(before, []);
    const check = () => {
      const arrived = this.transcript.find((n) => step.kind(n));
      if (arrived) {
        throw new NonConformance('UNEXPECTED_NOTIFICATION', `${this.user.label}: call ${callOf(arrived)!.id} (${callOf(arrived)!.state}) arrived, but ${why}`);
      }
    };
    check();
    await this.user.notifications.expectQuiet({ describe: `a new call (${why})`, kind: step.kind, verify: () => [] });
  }

  private track(operation: string, body: Record<string, unknown>): void {
    if (operation === 'CancelSupervisorMonitoring') {
      this.armed = undefined;
      return;
    }
    if (!MONITORING_OPERATIONS.has(operation)) return;
    this.armed = { mode: String(body.supervisorMonitoringMode ?? 'AllCalls'), fromSeq: this.transcript.length };
    if (this.monitoringCleanup) return;
    this.monitoringCleanup = true;
    this.user.addCleanup('cancelling the supervisor monitoring', async () => {
      const armed = this.armed;
      if (!armed) return;
      const shown = this.transcript.slice(armed.fromSeq).map((n) => deviceOf(n, this.user.device.id)).filter((d) => d !== undefined).pop();
      if (shown && !('supervisorMonitoringState' in shown)) return;
      const reply = await this.cancelSupervisorMonitoring();
      // A NextCall monitoring may have ended with its call without the device saying so.
      if (reply.statusCode !== 0 && armed.mode !== 'NextCall') {
        throw new Error(`CancelSupervisorMonitoring answered HTTP ${reply.status} ${reply.text.slice(0, 200)}`);
      }
    });
  }
}
