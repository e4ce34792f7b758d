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
    const { notifications } = JSON.parse(readFileSync(join(SAMPLES, file), 'utf8')) as { notifications: unknown[] };
    for (const data of notifications) {
      const channel = '/v2/me/smssessions';
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
      state: 'Accepted',
      participants: [{ nickname: 'Marat', type: 'Agent' }],
    },
  });
  const text = formatIssues(verdict);
  expect(text).toContain('/smssession/state must be one of "Invited", "Chatting", "LeftChat", "Completed", "Revoked" [enum');
  expect(text).toContain('value: "Accepted"');
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
  expect(verdict.envelope.map((i) => i.pointer)).toEqual(['/channel', '/data/messageType']);
});
