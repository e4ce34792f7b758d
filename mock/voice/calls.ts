import { randomBytes } from 'node:crypto';
import { notifyDevice, ownDevice } from './devices';
import { MODE_FAULTS, SWITCH_FAULTS, voiceFault, type VoiceFaultName } from './faults';
import { fail, type MockState, type Outcome } from '../state';
import type { MockUser } from '../users';
import { shown } from '../guard';
import type { Body } from '../body';
import { callId, CALLS_TOPIC, capabilitiesOf, DOCUMENTED_UNSIMULATED, optionalType, type CallLeg, type SupervisorMonitoring, type VoiceCall } from './model';

/**
 * Voice calls as the documentation describes them (gws-voice-and-platform.md §3-§5): calls made
 * inside the mock (a caller's device dials an agent's number, the agent answers, either hangs up),
 * and the supervisor's leg of a monitored agent's call (monitoring.ts arms the monitoring), where
 * the call-level operations switch the supervisor's mode and mute the monitored agent.
 *
 * Where the documentation is silent the mock picks one reading: a supervisor joining the agent's
 * next call is offered it Ringing and answers it; BargeIn onto a call in progress brings the
 * supervisor in Established at once; a NextCall monitoring ends with the supervisor's part in
 * that call, and the supervisor's device is then notified without supervisorMonitoringState.
 */

export class VoiceDomain {
  /** Voice calls by id. */
  readonly calls = new Map<string, VoiceCall>();
  /** Active supervisor monitorings by supervisor id (monitoring.ts), shown by the device view (devices.ts). */
  readonly monitorings = new Map<string, SupervisorMonitoring>();

  constructor(readonly state: MockState) {}

  private fault(name: VoiceFaultName): boolean {
    return voiceFault(this.state, name);
  }

  uri(call: VoiceCall): string {
    return `${this.state.baseUrl}/api/v2/me/calls/${call.id}`;
  }

  /** The call as `leg`'s user sees it: the resource of GET /me/calls and of CallStateChangeMessage. */
  view(call: VoiceCall, leg: CallLeg): Record<string, unknown> {
    const others = [...call.legs.values()].filter((l) => l !== leg && l.role !== 'supervisor');
    const seconds = leg.state === 'Dialing' ? 0 : Math.floor((Date.now() - leg.since) / 1000);
    return {
      id: call.id,
      state: leg.state,
      callUuid: call.id,
      connId: call.connId,
      deviceUri: this.state.deviceUri(leg.user),
      participants: others.map(({ user }) => ({
        e164Number: '',
        formattedPhoneNumber: user.device.phoneNumber,
        phoneNumber: user.device.phoneNumber,
        digits: user.device.phoneNumber,
      })),
      dnis: call.callee.device.phoneNumber,
      callType: 'Internal',
      capabilities: capabilitiesOf(leg),
      duration: this.fault('voice.call.duration-number') ? seconds : String(seconds),
      mute: leg.mute,
      supervisorListeningIn: false,
      monitoredUserMuted: leg.monitoredUserMuted,
      monitoring: leg.role === 'supervisor',
      uri: this.uri(call),
      path: `/calls/${call.id}`,
    };
  }

  private notifyCall(call: VoiceCall, leg: CallLeg, notificationType = 'StatusChange', tweak?: (view: Record<string, unknown>) => void): void {
    const view = this.view(call, leg);
    tweak?.(view);
    this.state.notify(leg.user.id, CALLS_TOPIC, {
      messageType: 'CallStateChangeMessage',
      notificationType,
      call: view,
      phoneNumber: leg.user.device.phoneNumber,
      extensions: { WrapUpTime: 0, BusinessCall: 0 },
    });
  }

  /** The calls a user takes part in and has not left, for GET /me/calls. */
  listFor(user: MockUser): { call: VoiceCall; leg: CallLeg }[] {
    const out: { call: VoiceCall; leg: CallLeg }[] = [];
    for (const call of this.calls.values()) {
      const leg = call.legs.get(user.id);
      if (leg && leg.state !== 'Released') out.push({ call, leg });
    }
    return out;
  }

  find(user: MockUser, id: string): { call: VoiceCall; leg: CallLeg } {
    const call = this.calls.get(id);
    const leg = call?.legs.get(user.id);
    if (!call || !leg || leg.state === 'Released') throw fail.notFound(`Call ${id}`);
    return { call, leg };
  }

  /** The monitoring that brings a supervisor into `agent`'s next call, if any. */
  private armedFor(agent: MockUser): SupervisorMonitoring | undefined {
    return [...this.monitorings.values()].find((m) => m.target === agent && m.usedOn === undefined);
  }

  /** Brings the supervisor of `monitoring` into `call`, offered Ringing or at once Established. */
  join(call: VoiceCall, monitoring: SupervisorMonitoring, state: 'Ringing' | 'Established'): void {
    const { supervisor } = monitoring;
    const present = call.legs.get(supervisor.id);
    if ((present && present.state !== 'Released') || this.fault(MODE_FAULTS[monitoring.state].noJoin)) return;
    let mute: 'On' | 'Off' = monitoring.state === 'ListenIn' ? 'On' : 'Off';
    if (monitoring.state === 'ListenIn' && this.fault('voice.listen-in.leg-unmuted')) mute = 'Off';
    if (monitoring.state === 'BargeIn' && this.fault('voice.barge-in.leg-muted')) mute = 'On';
    const leg: CallLeg = { user: supervisor, role: 'supervisor', state, mute, monitoredUserMuted: false, mode: monitoring.state, since: Date.now() };
    call.legs.set(supervisor.id, leg);
    const once =
      monitoring.mode === 'NextCall' ? !this.fault('voice.monitoring.next-call-not-disarmed') && !monitoring.sticky : this.fault('voice.monitoring.all-calls-disarmed');
    if (once) monitoring.usedOn = call.id;
    this.notifyCall(call, leg);
  }

  /** POST /api/v2/me/devices/{id}/calls: Dial. */
  dial(user: MockUser, deviceId: string, operation: string, body: Body): Outcome {
    ownDevice(user, deviceId);
    if (operation !== 'Dial') throw fail.invalid(`Unknown operationName ${shown(operation)} for a device's calls`);
    const destination = body.destination;
    if (destination === undefined || destination === null) throw fail.missing('destination');
    if (typeof destination !== 'object' || Array.isArray(destination)) throw fail.invalid("Parameter 'destination' must be an object with a phoneNumber");
    const number = (destination as Body).phoneNumber;
    if (number === undefined || number === null) throw fail.missing('destination.phoneNumber');
    if (typeof number !== 'string' || number === '') throw fail.invalid("Parameter 'destination.phoneNumber' must be a non-empty string");
    optionalType(body, 'location', 'string');
    optionalType(body, 'outboundCallerId', 'string');
    optionalType(body, 'userData', 'object');
    const callee = [...this.state.usersById.values()].find((u) => u.device.phoneNumber === number);
    if (!callee) throw fail.notFound(`Phone number ${number}`);
    if (callee === user) throw fail.invalid('A device cannot dial its own number');
    const now = Date.now();
    const call: VoiceCall = { id: callId(), connId: randomBytes(8).toString('hex'), callee, legs: new Map() };
    const calling: CallLeg = { user, role: 'caller', state: 'Dialing', mute: 'Off', monitoredUserMuted: false, since: now };
    const ringing: CallLeg = { user: callee, role: 'callee', state: 'Ringing', mute: 'Off', monitoredUserMuted: false, since: now };
    call.legs.set(user.id, calling);
    call.legs.set(callee.id, ringing);
    this.calls.set(call.id, call);
    return {
      reply: { statusCode: 0 },
      after: () => {
        this.notifyCall(call, calling);
        this.notifyCall(call, ringing);
      },
    };
  }

  /** POST /api/v2/me/calls/{id}. */
  callOperation(user: MockUser, id: string, operation: string): Outcome {
    const { call, leg } = this.find(user, id);
    const offered = (name: string) => {
      if (!capabilitiesOf(leg).includes(name)) throw fail.state(`${name} is not allowed on call ${id} in state ${leg.state}${leg.mode ? ` (${leg.mode})` : ''}`);
    };
    switch (operation) {
      case 'Answer':
        offered('Answer');
        return this.answer(call, leg);
      case 'Hangup':
        offered('Hangup');
        return this.hangup(call, leg);
      case 'SwitchToListenIn':
      case 'SwitchToBargeIn':
        return this.switchTo(call, leg, operation === 'SwitchToListenIn' ? 'ListenIn' : 'BargeIn');
      case 'MuteMonitoredUser':
      case 'UnmuteMonitoredUser':
        return this.muteMonitored(call, leg, operation === 'MuteMonitoredUser');
      default:
        if (operation === 'SwitchToCoach' && leg.role === 'supervisor' && leg.state === 'Established' && this.coachReturnAllowed()) {
          leg.mode = 'Coach';
          return { reply: { statusCode: 0 }, after: () => this.notifyCall(call, leg) };
        }
        if (DOCUMENTED_UNSIMULATED.has(operation)) throw fail.forbidden(`${operation} is not simulated by this mock`);
        throw fail.invalid(`Unknown operationName ${shown(operation)} for a call`);
    }
  }

  private coachReturnAllowed(): boolean {
    return this.fault('voice.switch-to-listen-in.coach-return-allowed') || this.fault('voice.switch-to-barge-in.coach-return-allowed');
  }

  private answer(call: VoiceCall, leg: CallLeg): Outcome {
    const now = Date.now();
    leg.state = 'Established';
    leg.since = now;
    const established = [leg];
    if (leg.role === 'callee') {
      for (const other of call.legs.values()) {
        if (other.role === 'caller' && other.state === 'Dialing') Object.assign(other, { state: 'Established', since: now });
        if (other.role === 'caller') established.push(other);
      }
    }
    const monitoring = leg.role === 'callee' ? this.armedFor(leg.user) : undefined;
    return {
      reply: { statusCode: 0 },
      after: () => {
        for (const l of established) this.notifyCall(call, l);
        if (monitoring) this.join(call, monitoring, 'Ringing');
      },
    };
  }

  /** The caller or the agent hanging up ends the call for everyone; a supervisor leaves alone. */
  private hangup(call: VoiceCall, leg: CallLeg): Outcome {
    const leaving = leg.role === 'supervisor' ? [leg] : [leg, ...[...call.legs.values()].filter((l) => l !== leg && l.state !== 'Released')];
    const before = new Map(leaving.map((l) => [l, capabilitiesOf(l)]));
    for (const l of leaving) l.state = 'Released';
    if ([...call.legs.values()].every((l) => l.state === 'Released')) this.calls.delete(call.id);
    const ended = leaving.filter((l) => l.role === 'supervisor').flatMap((l) => this.spentMonitorings(call, l.user));
    for (const m of ended) this.monitorings.delete(m.supervisor.id);
    const kept = this.fault('voice.hangup.capabilities-kept');
    return {
      reply: { statusCode: 0 },
      after: () => {
        for (const l of leaving) this.notifyCall(call, l, 'StatusChange', kept ? (view) => (view.capabilities = before.get(l)) : undefined);
        for (const m of ended) notifyDevice(this, m.supervisor);
      },
    };
  }

  private spentMonitorings(call: VoiceCall, supervisor: MockUser): SupervisorMonitoring[] {
    const monitoring = this.monitorings.get(supervisor.id);
    return monitoring && monitoring.usedOn === call.id ? [monitoring] : [];
  }

  private switchTo(call: VoiceCall, leg: CallLeg, mode: 'ListenIn' | 'BargeIn'): Outcome {
    const name = `SwitchTo${mode}`;
    if (leg.role !== 'supervisor' || leg.state !== 'Established') {
      if (this.fault('voice.switch.allowed-outside-monitoring')) return { reply: { statusCode: 0 } };
      throw fail.state(`${name}: call ${call.id} is not a monitored call of this supervisor`);
    }
    const before = capabilitiesOf(leg);
    if (!before.includes(name) && !(mode === 'BargeIn' && leg.mode === 'BargeIn' && this.fault('voice.switch-to-barge-in.allowed-in-barge-in'))) {
      throw fail.state(`${name} is not allowed in mode ${leg.mode}`);
    }
    leg.mode = mode;
    if (!this.fault(SWITCH_FAULTS[mode].muteUnchanged)) leg.mute = mode === 'ListenIn' ? 'On' : 'Off';
    const stale = this.fault(SWITCH_FAULTS[mode].capabilitiesStale);
    return {
      reply: { statusCode: 0 },
      after: () => this.notifyCall(call, leg, 'StatusChange', stale ? (view) => (view.capabilities = before) : undefined),
    };
  }

  private muteMonitored(call: VoiceCall, leg: CallLeg, muted: boolean): Outcome {
    const name = muted ? 'MuteMonitoredUser' : 'UnmuteMonitoredUser';
    if (leg.role !== 'supervisor' || leg.state !== 'Established') throw fail.state(`${name}: call ${call.id} is not a monitored call of this supervisor`);
    if (!this.fault(muted ? 'voice.mute-monitored-user.flag-unchanged' : 'voice.unmute-monitored-user.flag-unchanged')) leg.monitoredUserMuted = muted;
    const type = muted && this.fault('voice.mute-monitored-user.wrong-type') ? 'StatusChange' : 'MonitoredUserMutedStateChange';
    return { reply: { statusCode: 0 }, after: () => this.notifyCall(call, leg, type) };
  }
}
