import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { formatIssues, schemaForNotification, schemas, validateNotification } from '../../helpers/schemas';
import { validateMessage } from '../../scripts/validate';

/**
 * Validation lets through nothing the documentation does not print, and holds nothing against a
 * server that the documentation leaves free: the same rules in the suites' recorder
 * (validateNotification) and in `npm run validate` (validateMessage).
 */

const SAMPLES = join(__dirname, 'samples');
const sample = (file: string, index = 0) => (JSON.parse(readFileSync(join(SAMPLES, file), 'utf8')) as { notifications: Record<string, unknown>[] }).notifications[index]!;

test('a ParticipantsUpdated renamed to a notificationType no page prints has no schema, in the recorder and in validate', () => {
  const data = { ...sample('sms-switch-to-monitor.json'), notificationType: 'ParticipantsChanged' };
  expect(schemaForNotification(data)).toBeUndefined();
  expect(validateNotification({ channel: '/v2/me/smssessions', data }).schema).toBeUndefined();
  const verdict = validateMessage({ channel: '/v2/me/smssessions', data }, 'renamed');
  expect(verdict.ok).toBe(false);
  expect(verdict.text).toContain('SMSsessionStateChangeMessage/ParticipantsChanged: NO SCHEMA (no page prints this notificationType');
});

test('a MessageLogUpdated other than NewMessages, and a call notificationType no page prints, have no schema', () => {
  expect(schemaForNotification({ ...sample('sms-send-message.json'), notificationType: 'MessagesDeleted' })).toBeUndefined();
  expect(schemaForNotification({ ...sample('voice-hangup.json'), notificationType: 'CallMoved' })).toBeUndefined();
  expect(schemaForNotification(sample('voice-hangup.json'))).toBe('notifications/call-state-change');
  expect(schemaForNotification({ ...sample('voice-ready.json'), notificationType: 'StatusChange' })).toBeUndefined();
});

test('a CallStateChangeMessage published on /v2/me/devices is flagged, in the recorder and in validate', () => {
  const data = sample('voice-hangup.json');
  const recorded = validateNotification({ channel: '/v2/me/devices', data });
  expect(formatIssues({ schema: 'cometd-envelope', issues: recorded.envelope })).toContain('/channel a CallStateChangeMessage comes on /v2/me/calls, not on this topic');
  expect(validateNotification({ channel: '/v2/me/calls', data }).envelope).toEqual([]);
  const verdict = validateMessage({ channel: '/v2/me/devices', data }, 'misplaced');
  expect(verdict.ok).toBe(false);
  expect(verdict.text).toContain('comes on /v2/me/calls');
});

test('a DeviceStateChangeMessage off /v2/me/devices, and an SMS message on a topic documented for calls, are flagged', () => {
  expect(validateNotification({ channel: '/v2/me/calls', data: sample('voice-ready.json') }).envelope.map((i) => i.pointer)).toEqual(['/channel']);
  const sms = validateNotification({ channel: '/v2/me/calls', data: sample('sms-accept.json') });
  expect(formatIssues({ schema: 'cometd-envelope', issues: sms.envelope })).toContain('/v2/me/calls carries CallStateChangeMessage, not SMSsessionStateChangeMessage');
  // The SMS topic is named nowhere: any other /v2/ topic is accepted.
  expect(validateNotification({ channel: '/v2/me/smssessions', data: sample('sms-accept.json') }).envelope).toEqual([]);
  expect(validateNotification({ channel: '/v2/me/sms', data: sample('sms-accept.json') }).envelope).toEqual([]);
});

test('a routine ChannelStateChangeMessageV2 validates, in the recorder and in validate', () => {
  const data = sample('channel-state.json');
  const recorded = validateNotification({ channel: '/v2/me/channels', data });
  expect(recorded.schema).toBe('notifications/channel-state-change');
  expect([...recorded.envelope, ...recorded.issues]).toEqual([]);
  const verdict = validateMessage({ channel: '/v2/me/channels', data }, 'channels');
  expect(verdict.text).toBe('ChannelStateChangeMessageV2/-: valid (notifications/channel-state-change, with envelope)');
  expect(verdict.ok).toBe(true);
});

test('a /v2/me/channels notification without messageType, as printed on the 8.5.0 page, validates; elsewhere the envelope needs one', () => {
  const data = sample('channel-state.json', 1);
  const recorded = validateNotification({ channel: '/v2/me/channels', data });
  expect(recorded.schema).toBe('notifications/channel-state-change');
  expect([...recorded.envelope, ...recorded.issues]).toEqual([]);
  expect(validateMessage({ channel: '/v2/me/channels', data }, 'untyped').ok).toBe(true);
  expect(validateNotification({ channel: '/v2/me/devices', data }).envelope.map((i) => i.pointer)).toEqual(['/data/messageType']);
  const broken = validateNotification({ channel: '/v2/me/channels', data: { channels: [{ channel: 'chat' }] } });
  expect(formatIssues({ schema: broken.schema!, issues: broken.issues })).toContain('/channels/0/userState is required but missing');
});

test('values the pages list only in part are recorded, not enforced: an SMS state or a visibility no sample shows', () => {
  const base = sample('sms-switch-to-monitor.json') as { smssession: { participants: Record<string, unknown>[] } };
  const data = { ...base, smssession: { ...base.smssession, state: 'Transferred', participants: base.smssession.participants.map((p) => ({ ...p, visibility: 'Customers' })) } };
  expect(schemas().validate('notifications/sms-participants-updated', data).issues).toEqual([]);
});

test('a PropertiesUpdated validates with the session under either printed key, and needs one of them', () => {
  const data = sample('sms-set-disposition.json') as Record<string, unknown>;
  expect(schemas().validate('notifications/sms-state-change', data).issues).toEqual([]);
  const { smsession, ...rest } = data;
  expect(schemas().validate('notifications/sms-state-change', { ...rest, smssession: smsession }).issues).toEqual([]);
  expect(formatIssues(schemas().validate('notifications/sms-state-change', rest))).toContain('must satisfy one of the alternatives');
});
