/**
 * The GWS words the harness and the mock share, each declared once: the supervisor modes of the
 * SMS and Voice APIs, who sees an SMS supervisor in each mode, the monitoring scopes and modes
 * with their documented defaults, and how ids and fault names spell a mode. A leaf: it imports
 * nothing.
 */

/** SMS supervision: Monitor, Coach, BargeIn (gws-sms.md §4, §5). */
export const SMS_SUPERVISOR_MODES = ['Monitor', 'Coach', 'BargeIn'] as const;
export type SmsSupervisorMode = (typeof SMS_SUPERVISOR_MODES)[number];

/** Who sees a participant: everyone, supervisors only, agents only (gws-sms.md §2). */
export type Visibility = 'All' | 'Supervisors' | 'Agents';

/**
 * Who sees an SMS supervisor in each mode: Monitor and BargeIn as SMSSwitchtoMonitor and
 * SMSSwitchtoBargeIn print them; Coach is read from the Coach and SendToAgents pages (gws-sms.md §5).
 */
export const SMS_VISIBILITY: Readonly<Record<SmsSupervisorMode, Visibility>> = { Monitor: 'Supervisors', Coach: 'Agents', BargeIn: 'All' };

/** How long an SMS supervision lasts: the next chat only, or every chat until cancelled (the default). */
export const SMS_MONITORING_MODES = ['NextChat', 'AllChats'] as const;
export type SmsMonitoringMode = (typeof SMS_MONITORING_MODES)[number];
export const SMS_MONITORING_DEFAULT: SmsMonitoringMode = 'AllChats';

/** Voice supervision: ListenIn, Coach, BargeIn (gws-voice-and-platform.md). */
export const VOICE_SUPERVISOR_MODES = ['ListenIn', 'Coach', 'BargeIn'] as const;
export type VoiceSupervisorMode = (typeof VOICE_SUPERVISOR_MODES)[number];

/** What a voice monitoring watches (supervisorMonitoringScope) and how long (supervisorMonitoringMode). */
export const MONITORING_SCOPES = ['Agent', 'Call'] as const;
export type MonitoringScope = (typeof MONITORING_SCOPES)[number];
export const MONITORING_MODES = ['NextCall', 'AllCalls'] as const;
export type MonitoringMode = (typeof MONITORING_MODES)[number];

/** A voice monitoring requested without scope or mode: the documented defaults. */
export const VOICE_MONITORING_DEFAULTS: Readonly<{ scope: MonitoringScope; mode: MonitoringMode }> = { scope: 'Call', mode: 'AllCalls' };

/** How test ids, page keys and fault names spell a mode: lower case with dashes (BargeIn → barge-in). */
export function slug(mode: SmsSupervisorMode | VoiceSupervisorMode): string {
  return mode.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}
