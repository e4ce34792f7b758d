/** The one import of every spec: the test object with its fixtures, expect, metadata and steps. */
export { test, expect } from '../helpers/fixtures';
export { meta, observe, recordTargetVersion } from '../helpers/meta';
export * from '../helpers/cometd/sms-steps';
export * from '../helpers/cometd/voice-steps';
export { establishCall, endCall, startMonitoring, superviseCall } from '../helpers/gws/scenes/voice';
export { AGENT_NICKNAME, chattingSession, smsRefused, SUPERVISOR_NICKNAME, supervisedSession, supervisorJoined, switchedTo } from '../helpers/gws/scenes/sms';
export { refusedNowOrLater } from '../helpers/gws/refusals';
export { graded } from '../helpers/cometd/expectation';
export { group } from '../helpers/cometd/types';
export * from '../helpers/cometd/platform-steps';
export { DOCUMENTED_CAPABILITIES } from '../catalogue/capabilities';
export type { GwsUser } from '../helpers/gws/user';
export type { SmsInjector } from '../helpers/gws/sms-injector';
export * from '../helpers/gws/vocabulary';
export type { Step } from '../helpers/cometd/types';
