import { redactText } from '../redact';
import type { Notification } from './types';

/**
 * How notifications and failures read in a report: one line per notification, the transcript
 * since a point, short payloads, and a failure found inside faye's callbacks placed at the spec's
 * own line. A leaf: the recorder and the waits both use it.
 */

/** The channel pattern every user's client subscribes to. */
export const SUBSCRIPTION = '/v2/me/*';

/** One line naming a notification: type, resource and state. */
export function describeNotification(n: Notification): string {
  const d = n.data as Record<string, unknown>;
  const parts = [`${String(d.messageType ?? '?')}/${String(d.notificationType ?? '-')}`];
  const session = d.smssession as Record<string, unknown> | undefined;
  if (session) parts.push(`smssession=${String(session.id)} state=${String(session.state)}`);
  const uri = d.smssessionUri ?? d.smsessionUri;
  if (typeof uri === 'string') parts.push(`smssession=${uri.split('/').pop()}`);
  if (Array.isArray(d.messages)) parts.push(`messages=[${d.messages.map((m) => (m as { type?: unknown }).type).join(',')}]`);
  const call = d.call as Record<string, unknown> | undefined;
  if (call) parts.push(`call=${String(call.id)} state=${String(call.state)}`);
  if (n.verdict.envelope.length + n.verdict.issues.length > 0) parts.push('(schema violations)');
  return parts.join(' ');
}

/** A transcript since a point, as text grouped by channel, for timeout messages. */
export function describeArrivals(transcript: readonly Notification[], fromSeq: number, origin: number): string {
  const arrived = transcript.filter((n) => n.seq > fromSeq);
  if (arrived.length === 0) return '  (nothing arrived)';
  const byChannel = new Map<string, Notification[]>();
  for (const n of arrived) byChannel.set(n.channel, [...(byChannel.get(n.channel) ?? []), n]);
  return [...byChannel]
    .map(([channel, list]) => `  ${channel}:\n` + list.map((n) => `    +${Math.round(n.at - origin)} ms  ${describeNotification(n)}`).join('\n'))
    .join('\n');
}

export function shortJson(value: unknown, max: number): string {
  const text = redactText(JSON.stringify(value));
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * The spec's own frames at the moment a wait was armed. A failure found later, inside faye's
 * callbacks, is reported at that line of the spec rather than in the recorder's internals.
 */
export function specFrames(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  return frames.filter((line) => /[\\/]suites[\\/]/.test(line)).join('\n');
}

export function relocate(error: Error, frames: string): Error {
  if (frames) error.stack = `${error.name}: ${error.message}\n${frames}`;
  return error;
}
