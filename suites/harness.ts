/** The one import of every spec: the test object with its fixtures, expect, metadata and steps. */
export { test, expect } from '../helpers/fixtures';
export { meta, observe, recordTargetVersion } from '../helpers/meta';
export * from '../helpers/cometd/sms-steps';
export * from '../helpers/cometd/platform-steps';
export { DOCUMENTED_CAPABILITIES } from './catalogue/capabilities';
