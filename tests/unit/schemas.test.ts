import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { formatIssues, schemaForNotification, schemas, validateNotification } from '../../helpers/schemas';

const SAMPLES = join(__dirname, 'samples');

test('every schema compiles and cites its documentation page', () => {
  const names = schemas().names();
  expect(names.length).toBeGreaterThanOrEqual(8);
  for (const name of names) {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../schemas', `${name}.schema.json`), 'utf8')) as { $comment?: string };
    expect(schema.$comment, `${name} cites its source`).toMatch(/https:\/\/(enu\.)?docs\.genesys\.com\//);
  }
});

for (const file of readdirSync(SAMPLES).filter((f) => f.endsWith('.json'))) {
  test(`the documentation's own samples are valid: ${file}`, () => {
    const sample = JSON.parse(readFileSync(join(SAMPLES, file), 'utf8')) as { channel?: string; notifications: unknown[] };
    // SMS pages never name their topic (ERRATA S2); the other samples say theirs.
    const channel = sample.channel ?? '/v2/me/smssessions';
    for (const data of sample.notifications) {
      const verdict = validateNotification({ channel, data });
      expect(verdict.schema, 'a schema is chosen').toBeDefined();
      expect(formatIssues({ schema: verdict.schema!, issues: [...verdict.envelope, ...verdict.issues] })).toBe('');
    }
  });
}

test('the messageType "test_accept " printed on the Accept page is not accepted', () => {
  const sample = JSON.parse(readFileSync(join(SAMPLES, 'sms-accept.json'), 'utf8')).notifications[0];
  const data = { ...sample, messageType: 'test_accept ' };
  expect(schemaForNotification(data)).toBeUndefined();
});

test('a violation is reported with its JSON pointer, the broken rule and the value', () => {
  const verdict = schemas().validate('notifications/sms-participants-updated', {
    messageType: 'SMSsessionStateChangeMessage',
    notificationType: 'ParticipantsUpdated',
    smssession: {
      id: 'X',
      uri: 'http://h/api/v2/smssessions/X',
      state: 'Chatting',
      supervisorMode: 'Listen',
      participants: [{ nickname: 'Marat', type: 'Agent' }],
    },
  });
  const text = formatIssues(verdict);
  expect(text).toContain('/smssession/supervisorMode must be one of "Monitor", "Coach", "BargeIn" [enum');
  expect(text).toContain('value: "Listen"');
  expect(text).toContain('/smssession/participants/0/participantId is required but missing [required');
});

test('an error reply with anything besides statusCode and statusMessage breaks the error shape', () => {
  const verdict = schemas().validate('replies/error-reply', { statusCode: 6, statusMessage: 'not found', detail: 'x' });
  expect(formatIssues(verdict)).toContain('/detail is not allowed');
  expect(schemas().validate('replies/error-reply', { statusCode: 6, statusMessage: 'not found' }).issues).toEqual([]);
  expect(schemas().validate('replies/operation-reply', { statusCode: 0, referenceId: 35 }).issues).toEqual([]);
});

test('the envelope needs a /v2/ channel and a data object with a messageType', () => {
  const verdict = validateNotification({ channel: '/elsewhere', data: { nothing: true } });
  expect(verdict.envelope.map((i) => i.pointer).sort()).toEqual(['/channel', '/data/messageType']);
});

test('a Released call must offer no capabilities, and duration is a string of seconds', () => {
  const { notifications } = JSON.parse(readFileSync(join(SAMPLES, 'voice-hangup.json'), 'utf8')) as { notifications: { call: Record<string, unknown> }[] };
  const data = notifications[0]!;
  const verdict = validateNotification({ channel: '/v2/me/calls', data: { ...data, call: { ...data.call, capabilities: ['Hangup'], duration: 672 } } });
  const text = formatIssues({ schema: verdict.schema!, issues: verdict.issues });
  expect(text).toContain('/call/capabilities must NOT have more than 0 items');
  expect(text).toContain('/call/duration must be string');
});

test('a monitoring state outside the documented values breaks the device schema', () => {
  const { notifications } = JSON.parse(readFileSync(join(SAMPLES, 'voice-barge-in.json'), 'utf8')) as { notifications: { devices: Record<string, unknown>[] }[] };
  const device = notifications[0]!.devices[0]!;
  const data = { messageType: 'DeviceStateChangeMessage', devices: [{ ...device, supervisorMonitoringState: { state: 'Barge', mode: 'AllCalls', scope: 'Call' } }] };
  const text = formatIssues(schemas().validate('notifications/device-state-change', data));
  expect(text).toContain('/devices/0/supervisorMonitoringState/state must be one of "ListenIn", "Coach", "BargeIn"');
  expect(text).toContain('/devices/0/supervisorMonitoringState/targetDeviceUri is required but missing');
});
