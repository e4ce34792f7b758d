import { checkCapabilities, type CapabilityCheck } from './checks';
import type { Notification, Step, StepContext } from './types';
import type { MonitoringMode, MonitoringScope, VoiceSupervisorMode } from '../gws/vocabulary';

/**
 * Steps for the Voice API notifications: CallStateChangeMessage on /v2/me/calls (StatusChange,
 * MonitoredUserMutedStateChange) and DeviceStateChangeMessage on /v2/me/devices (the supervisor's
 * monitoring state). Calls are identified by their opaque `id`; devices by `id`, and a device URI
 * by its last path segment only (the pages echo another host than the request used: ERRATA V3).
 */

type Json = Record<string, unknown>;

export interface CallView {
  id: string;
  state: string;
  mute?: unknown;
  capabilities?: unknown;
  monitoredUserMuted?: unknown;
  [key: string]: unknown;
}

/** The call a CallStateChangeMessage is about. */
export function callOf(n: Notification): CallView | undefined {
  if (n.data.messageType !== 'CallStateChangeMessage') return undefined;
  const call = n.data.call as CallView | undefined;
  return call && typeof call.id === 'string' ? call : undefined;
}

function statusChange(n: Notification): CallView | undefined {
  return n.data.notificationType === 'StatusChange' ? callOf(n) : undefined;
}

export interface CallExpectation {
  mute?: 'On' | 'Off';
  capabilities?: CapabilityCheck;
}

function describeCall(expected: CallExpectation): string {
  const bits: string[] = [];
  if (expected.mute) bits.push(`mute=${expected.mute}`);
  if (expected.capabilities?.include?.length) bits.push(`capabilities ⊇ {${expected.capabilities.include.join(',')}}`);
  if (expected.capabilities?.exclude?.length) bits.push(`capabilities ∌ {${expected.capabilities.exclude.join(',')}}`);
  if (expected.capabilities?.none) bits.push('no capabilities');
  return bits.length ? ` (${bits.join('; ')})` : '';
}

function checkCall(call: CallView, expected: CallExpectation): string[] {
  const problems: string[] = [];
  if (expected.mute !== undefined && call.mute !== expected.mute) problems.push(`mute is ${JSON.stringify(call.mute)}, expected "${expected.mute}"`);
  if (expected.capabilities) problems.push(...checkCapabilities(call.capabilities, expected.capabilities));
  return problems;
}

/** A decisive contradiction for a step about call `id`: the call was Released (its last state). */
function callEnded(id: string, awaited?: string): (n: Notification) => string | undefined {
  return (n) => {
    const call = statusChange(n);
    return call?.id === id && call.state === 'Released' && awaited !== 'Released' ? `call ${id} was Released` : undefined;
  };
}

/** CallStateChangeMessage / StatusChange of call `id` to `state`. */
export function callState(id: string, state: string, expected: CallExpectation = {}): Step {
  return {
    describe: `StatusChange call=${id} state=${state}${describeCall(expected)}`,
    kind: (n) => statusChange(n)?.id === id,
    decisive: callEnded(id, state),
    verify: (n) => {
      const call = statusChange(n)!;
      const problems = call.state === state ? [] : [`state is ${JSON.stringify(call.state)}, expected "${state}"`];
      return [...problems, ...checkCall(call, expected)];
    },
  };
}

/** Only the StatusChange Released of call `id`: how a clean-up knows a call is over. */
export function callReleased(id: string): Step {
  return {
    describe: `StatusChange call=${id} state=Released`,
    kind: (n) => statusChange(n)?.id === id && statusChange(n)?.state === 'Released',
    verify: () => [],
  };
}

/**
 * A StatusChange of a call this user had not seen when the step was made (its id is not in
 * `known`), in one of `states`. The expected mute and capabilities are checked once the call is
 * Established: before that they say nothing about the call's mode.
 */
export function newCall(known: ReadonlySet<string>, states: readonly string[], expected: CallExpectation = {}): Step {
  return {
    describe: `StatusChange of a new call with state ${states.join(' or ')}${describeCall(expected)}`,
    kind: (n) => {
      const call = statusChange(n);
      return call !== undefined && !known.has(call.id);
    },
    verify: (n) => {
      const call = statusChange(n)!;
      if (!states.includes(call.state)) return [`a new call arrived in state ${JSON.stringify(call.state)}, expected ${states.join(' or ')}`];
      return call.state === 'Established' ? checkCall(call, expected) : [];
    },
  };
}

/**
 * The supervisor's leg of a monitored call. The documentation does not say whether a supervisor
 * is offered it Ringing (to answer) or brought in Established: both are accepted, and the checks
 * apply once it is Established (VoiceOperations.joinLeg answers a Ringing leg).
 */
export function supervisorLeg(known: ReadonlySet<string>, expected: CallExpectation = {}): Step {
  const step = newCall(known, ['Ringing', 'Established'], expected);
  return { ...step, describe: `the supervisor's leg: ${step.describe}` };
}

/** CallStateChangeMessage / MonitoredUserMutedStateChange of call `id` with monitoredUserMuted `muted`. */
export function monitoredUserMuted(id: string, muted: boolean): Step {
  const of = (n: Notification) => (n.data.notificationType === 'MonitoredUserMutedStateChange' ? callOf(n) : undefined);
  return {
    describe: `MonitoredUserMutedStateChange call=${id} monitoredUserMuted=${muted}`,
    kind: (n) => of(n)?.id === id,
    decisive: callEnded(id),
    verify: (n) => {
      const value = of(n)!.monitoredUserMuted;
      return value === muted ? [] : [`monitoredUserMuted is ${JSON.stringify(value)}, expected ${muted}`];
    },
  };
}

/** The device id an absolute device URI names: its last path segment. */
export function deviceIdOf(uri: unknown): string | undefined {
  if (typeof uri !== 'string') return undefined;
  return uri.split(/[?#]/)[0]!.replace(/\/+$/, '').split('/').pop();
}

/** Device `id` as listed in a DeviceStateChangeMessage. */
export function deviceOf(n: Notification, id: string): Json | undefined {
  if (n.data.messageType !== 'DeviceStateChangeMessage' || !Array.isArray(n.data.devices)) return undefined;
  return (n.data.devices as Json[]).find((d) => d && d.id === id);
}

export interface MonitoringExpectation {
  state: VoiceSupervisorMode;
  mode: MonitoringMode;
  scope: MonitoringScope;
  /** Id of the monitored device. */
  target: string;
}

/**
 * DeviceStateChangeMessage of device `id` showing an active monitoring. Device notifications
 * without `supervisorMonitoringState` are not this step's kind: the supervisor's own earlier
 * state changes (Ready at login) may still be on their way when the step is armed.
 */
export function deviceMonitoring(id: string, expected: MonitoringExpectation): Step {
  const fields = ['state', 'mode', 'scope'] as const;
  return {
    describe: `DeviceStateChangeMessage device=${id} supervisorMonitoringState {${fields.map((f) => `${f}=${expected[f]}`).join(', ')}, target device ${expected.target}} offering CancelSupervisorMonitoring`,
    kind: (n) => typeof deviceOf(n, id)?.supervisorMonitoringState === 'object',
    verify: (n) => {
      const device = deviceOf(n, id)!;
      const shown = device.supervisorMonitoringState as Json;
      const problems = fields
        .filter((f) => shown[f] !== expected[f])
        .map((f) => `supervisorMonitoringState.${f} is ${JSON.stringify(shown[f])}, expected "${expected[f]}"`);
      if (deviceIdOf(shown.targetDeviceUri) !== expected.target) {
        problems.push(`supervisorMonitoringState.targetDeviceUri is ${JSON.stringify(shown.targetDeviceUri)}, expected a URI of device ${expected.target}`);
      }
      return [...problems, ...checkCapabilities(device.capabilities, { include: ['CancelSupervisorMonitoring'] })];
    },
  };
}

/** DeviceStateChangeMessage of device `id` with no monitoring: no supervisorMonitoringState, no CancelSupervisorMonitoring. */
export function deviceNotMonitoring(id: string): Step {
  return {
    describe: `DeviceStateChangeMessage device=${id} without supervisorMonitoringState, not offering CancelSupervisorMonitoring`,
    kind: (n) => deviceOf(n, id) !== undefined,
    verify: (n) => {
      const device = deviceOf(n, id)!;
      const problems = 'supervisorMonitoringState' in device ? [`supervisorMonitoringState is still there: ${JSON.stringify(device.supervisorMonitoringState)}`] : [];
      return [...problems, ...checkCapabilities(device.capabilities, { exclude: ['CancelSupervisorMonitoring'] })];
    },
  };
}

/** The Voice API's asynchronous error: an ErrorMessage (ErrorHandling), or a message carrying errorMessage. */
export function isErrorMessage(n: Notification): boolean {
  return n.data.messageType === 'ErrorMessage' || n.data.errorMessage !== undefined;
}

/** The call and device ids an error notification names, where it names any (no page gives its fields). */
export function idsNamedBy(n: Notification): string[] {
  const d = n.data;
  const ids: unknown[] = [(d.call as Json | undefined)?.id, (d.device as Json | undefined)?.id, deviceIdOf(d.callUri), deviceIdOf(d.deviceUri)];
  if (Array.isArray(d.devices)) ids.push(...(d.devices as Json[]).map((x) => x?.id));
  return ids.filter((x): x is string => typeof x === 'string' && x.length > 0);
}

/**
 * An error notification tied to the request a refusal step was armed for. No page documents a
 * correlation field of the Voice ErrorMessage, so it is tied by arriving after that request and
 * before the user's next one, and, where it names a call or device, by naming `about`.
 */
export function correlatedError(n: Notification, context: StepContext | undefined, about: readonly string[]): boolean {
  if (!isErrorMessage(n)) return false;
  const named = idsNamedBy(n);
  if (named.length > 0 && !named.some((id) => about.includes(id))) return false;
  if (!context) return true;
  const requests = context.requestsSince();
  return requests.length === 1 && n.at >= requests[0]!;
}

/**
 * GWS's second error path: a request accepted with statusCode 0 and refused later by an
 * asynchronous ErrorMessage tied to it (correlatedError). `carriedOut` recognises a notification
 * that shows the request carried out instead: recorded as the nearest candidate, so that the wait
 * fails with it once the target is quiet (a re-announced state is not taken for it at once).
 */
export function asyncRefusal(what: string, carriedOut?: { describe: string; matches(n: Notification): boolean }, about: readonly string[] = []): Step {
  return {
    describe: `an ErrorMessage refusing ${what}`,
    kind: (n, context) => correlatedError(n, context, about) || (carriedOut?.matches(n) ?? false),
    matches: (n, context) => correlatedError(n, context, about),
    verify: (n) => (carriedOut?.matches(n) ? [`${carriedOut.describe}: ${what} was carried out instead of refused`] : []),
  };
}

/** The asynchronous refusal of a monitoring request: an ErrorMessage, and no monitoring shown on device `id`. */
export function monitoringRefused(id: string): Step {
  return asyncRefusal(
    'the monitoring request',
    { describe: 'the device shows a supervisorMonitoringState', matches: (n) => typeof deviceOf(n, id)?.supervisorMonitoringState === 'object' },
    [id],
  );
}

/** The asynchronous refusal of `operation` on call `id`: an ErrorMessage, and no StatusChange of that call. */
export function callOperationRefused(id: string, operation: string): Step {
  return asyncRefusal(`${operation} on call ${id}`, { describe: `a StatusChange of call ${id}`, matches: (n) => statusChange(n)?.id === id }, [id]);
}

/** The ids of every call a recorder has seen so far. */
export function callIdsIn(transcript: readonly Notification[]): Set<string> {
  const ids = new Set<string>();
  for (const n of transcript) {
    const call = callOf(n);
    if (call) ids.add(call.id);
  }
  return ids;
}
