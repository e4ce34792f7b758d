import { deviceView, notifyDevice, ownDevice } from './devices';
import { MODE_FAULTS, voiceFault, type VoiceFaultName } from './faults';
import { fail, GwsFailure, type MockState, type Outcome } from '../state';
import type { MockUser } from '../users';
import type { VoiceDomain } from './calls';
import type { SupervisorMonitoring } from './model';
import { shown } from '../guard';
import {
  MONITORING_MODES, MONITORING_SCOPES, VOICE_MONITORING_DEFAULTS, VOICE_SUPERVISOR_MODES,
  type MonitoringMode, type MonitoringScope, type VoiceSupervisorMode as SupervisorMode,
} from '../../helpers/gws/vocabulary';

/**
 * Supervisor monitoring of a device (SupervisorListenIn, SupervisorCoach, SupervisorBargeIn,
 * SupervisorCancelMonitoring): POST /api/v2/me/devices/{id} on the supervisor's own device. The
 * supervisor's device shows the monitoring (devices.ts); the calls it brings the supervisor into
 * are calls.ts's.
 */

export type { VoiceSupervisorMode as SupervisorMode } from '../../helpers/gws/vocabulary';


const MONITORING_OPERATIONS = new Set<string>(VOICE_SUPERVISOR_MODES);

type Body = Record<string, unknown>;

function optionalOf<T extends string>(body: Body, name: string, allowed: readonly T[]): T | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw fail.invalid(`Parameter '${name}' must be one of ${allowed.join(', ')}; got ${shown(value)}`);
  }
  return value as T;
}

function optionalString(body: Body, name: string): void {
  if (body[name] !== undefined && typeof body[name] !== 'string') throw fail.invalid(`Parameter '${name}' must be a string`);
}

export class MonitoringDomain {
  /** The agents each supervisor monitored earlier in its current log-in: only the sequence fault reads it. */
  private readonly monitoredBefore = new WeakMap<object, Set<string>>();

  constructor(
    private readonly state: MockState,
    private readonly voice: VoiceDomain,
  ) {}

  /** Whether `supervisor` monitored `target` earlier in this log-in (a new log-in starts afresh); records this time. */
  private monitoredEarlier(supervisor: MockUser, target: MockUser): boolean {
    const key = this.state.logins.get(supervisor.id) ?? supervisor;
    let agents = this.monitoredBefore.get(key);
    if (!agents) this.monitoredBefore.set(key, (agents = new Set()));
    const earlier = agents.has(target.id);
    agents.add(target.id);
    return earlier;
  }

  private fault(name: VoiceFaultName): boolean {
    return voiceFault(this.state, name);
  }

  /** POST /api/v2/me/devices/{id}: supervisor monitoring of another device. */
  deviceOperation(user: MockUser, deviceId: string, operation: string, body: Body): Outcome {
    ownDevice(user, deviceId);
    if (MONITORING_OPERATIONS.has(operation)) return this.monitor(user, operation as SupervisorMode, body);
    if (operation === 'CancelSupervisorMonitoring') return this.cancel(user);
    if (['DoNotDisturbOn', 'DoNotDisturbOff', 'ForwardCallsOn', 'ForwardCallsOff'].includes(operation)) {
      throw fail.forbidden(`${operation} is not simulated by this mock`);
    }
    throw fail.invalid(`Unknown operationName ${shown(operation)} for a device`);
  }

  /** The user whose device an absolute device URI names; the host part is not compared (ERRATA V3). */
  private deviceOwner(uri: string): MockUser {
    let path: string;
    try {
      path = new URL(uri).pathname;
    } catch {
      throw fail.invalid(`Parameter 'targetDeviceUri' must be an absolute device URI; got ${shown(uri)}`);
    }
    const id = /\/devices\/([^/]+)\/?$/.exec(path)?.[1];
    const owner = id ? [...this.state.usersById.values()].find((u) => u.device.id === id) : undefined;
    if (!owner) throw fail.notFound(`Device ${uri}`);
    return owner;
  }

  private monitor(supervisor: MockUser, operation: SupervisorMode, body: Body): Outcome {
    if (!supervisor.roles.includes('ROLE_SUPERVISOR')) {
      throw new GwsFailure(5, `${supervisor.userName} lacks the supervisor role that ${operation} needs`, 403);
    }
    const own = MODE_FAULTS[operation];
    let parsed: { target: MockUser; scope?: MonitoringScope; mode?: MonitoringMode };
    try {
      const uri = body.targetDeviceUri;
      if (uri === undefined || uri === null) throw fail.missing('targetDeviceUri');
      if (typeof uri !== 'string') throw fail.invalid("Parameter 'targetDeviceUri' must be a string");
      const target = this.deviceOwner(uri);
      if (target === supervisor) throw fail.invalid('A supervisor cannot monitor its own device');
      optionalString(body, 'phoneNumber');
      parsed = {
        target,
        scope: optionalOf(body, 'supervisorMonitoringScope', MONITORING_SCOPES),
        mode: optionalOf(body, 'supervisorMonitoringMode', MONITORING_MODES),
      };
    } catch (error) {
      if (error instanceof GwsFailure && this.fault('voice.monitoring.bad-input-accepted')) return this.acceptBadInput(supervisor, operation, body);
      throw error;
    }
    const { target } = parsed;
    const other = [...this.voice.monitorings.values()].find((m) => m.target === target && m.supervisor !== supervisor);
    if (other) throw new GwsFailure(19, `Device ${target.device.id} is already monitored by another supervisor`, 409);

    const defaults = this.fault(own.wrongDefaults) ? { scope: 'Agent', mode: 'NextCall' } as const : VOICE_MONITORING_DEFAULTS;
    const ignored = this.fault(own.paramsIgnored);
    const monitoring: SupervisorMonitoring = {
      supervisor,
      target,
      state: operation,
      scope: (!ignored && parsed.scope) || defaults.scope,
      mode: (!ignored && parsed.mode) || defaults.mode,
    };
    if (this.monitoredEarlier(supervisor, target) && this.fault('voice.sequence.next-call-rearm-kept')) monitoring.sticky = true;
    this.voice.monitorings.set(supervisor.id, monitoring);
    return {
      reply: { statusCode: 0 },
      after: () => {
        notifyDevice(this.voice, supervisor);
        if (operation !== 'BargeIn' || this.fault('voice.barge-in.no-join-active-call')) return;
        const active = [...this.voice.calls.values()].find((c) => c.legs.get(target.id)?.state === 'Established');
        // Switch `supervisor-ringing`: the supervisor's leg is offered Ringing, also for BargeIn.
        if (active) this.voice.join(active, monitoring, this.state.latitude.has('supervisor-ringing') ? 'Ringing' : 'Established');
      },
    };
  }

  /** Fault voice.monitoring.bad-input-accepted: answers 0 and shows whatever monitoring was asked for. */
  private acceptBadInput(supervisor: MockUser, operation: SupervisorMode, body: Body): Outcome {
    return {
      reply: { statusCode: 0 },
      after: () =>
        notifyDevice(this.voice, supervisor, (view) => {
          view.supervisorMonitoringState = {
            state: operation,
            mode: body.supervisorMonitoringMode ?? VOICE_MONITORING_DEFAULTS.mode,
            scope: body.supervisorMonitoringScope ?? VOICE_MONITORING_DEFAULTS.scope,
            targetDeviceUri: body.targetDeviceUri ?? '',
          };
        }),
    };
  }

  private cancel(supervisor: MockUser): Outcome {
    const monitoring = this.voice.monitorings.get(supervisor.id);
    if (!monitoring || monitoring.hidden) throw fail.state(`${supervisor.userName} has no supervisor monitoring to cancel`);
    let tweak: ((view: Record<string, unknown>) => void) | undefined;
    if (this.fault('voice.cancel.state-kept')) {
      const { supervisorMonitoringState, capabilities } = deviceView(this.voice, supervisor);
      tweak = (view) => Object.assign(view, { supervisorMonitoringState, capabilities });
    } else if (this.fault('voice.cancel.capability-kept')) {
      tweak = (view) => (view.capabilities as string[]).push('CancelSupervisorMonitoring');
    }
    if (this.fault('voice.cancel.still-joins')) monitoring.hidden = true;
    else this.voice.monitorings.delete(supervisor.id);
    return { reply: { statusCode: 0 }, after: () => notifyDevice(this.voice, supervisor, tweak) };
  }
}
