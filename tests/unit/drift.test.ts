import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { declaredBy, DriftCollector } from '../../reports/lib/drift';
import { driftChanges, writeAllureOverview } from '../../reports/lib/drift-report';

const status = (state: string, extra: Record<string, unknown> = {}) => ({
  messageType: 'SMSsessionStateChangeMessage',
  notificationType: 'StatusChange',
  smssession: { id: 's1', state, capabilities: ['Accept'], userData: { FromAddress: '+1555' }, ...extra },
});

test('the schema declares members through $ref and allOf, with their enumerated values; free maps are open', () => {
  const d = declaredBy('notifications/sms-status-change');
  expect([...d.members]).toEqual(expect.arrayContaining(['smssession.state', 'smssession.participants[].visibility']));
  expect([...d.enums.get('smssession.state')!]).toEqual(expect.arrayContaining(['Invited', 'Chatting', 'Completed']));
  expect([...d.open]).toContain('smssession.userData');
});

test('a tally per type: undeclared members, documented members and values never seen, values seen', () => {
  const c = new DriftCollector();
  c.notification(status('Invited'));
  c.notification(status('Chatting', { vendorScore: 3 }));
  c.reply({ method: 'POST', url: 'http://h/api/v2/me/smssessions/abc123def456ghi7', requestBody: { operationName: 'Accept' }, status: 200, startedAt: '', durationMs: 1, responseBody: { statusCode: 0 } } as never);
  c.reply({ method: 'GET', url: 'http://h/api/v2/me', status: 200, startedAt: '', durationMs: 1, responseBody: { statusCode: 0, user: { id: 'u' } } } as never);
  const t = c.result();
  const s = t.notifications['SMSsessionStateChangeMessage/StatusChange']!;
  expect(s.count).toBe(2);
  expect(s.undeclared).toEqual(['smssession.vendorScore']);
  expect(s.neverSeen).toContain('smssession.participants');
  expect(s.neverSeen).not.toContain('smssession.state');
  expect(s.values['smssession.state']).toEqual(['Chatting', 'Invited']);
  expect(s.values['smssession.capabilities[]']).toEqual(['Accept']);
  expect(s.valuesNeverSeen['smssession.state']).toEqual(expect.arrayContaining(['Completed', 'LeftChat']));
  expect(t.replies['Accept /me/smssessions/{id} → statusCode 0']).toMatchObject({ schema: 'replies/operation-reply', undeclared: [] });
  // A reply no schema declares is tallied, never judged.
  expect(t.replies['GET /me → statusCode 0']).toMatchObject({ schema: null, undeclared: [], neverSeen: [], seen: ['statusCode', 'user', 'user.id'] });
});

test('compare flags members and values that appeared or disappeared between two runs', () => {
  const before = new DriftCollector();
  before.notification(status('Invited'));
  const after = new DriftCollector();
  after.notification(status('Chatting', { vendorScore: 3 }));
  after.notification({ messageType: 'DeviceStateChangeMessage', devices: [] });
  const lines = driftChanges(before.result(), after.result());
  expect(lines).toEqual([
    'notification DeviceStateChangeMessage/-: appeared (not seen in the baseline)',
    'notification SMSsessionStateChangeMessage/StatusChange: members appeared smssession.vendorScore (undeclared: smssession.vendorScore)',
    'notification SMSsessionStateChangeMessage/StatusChange: smssession.state values appeared Chatting',
    'notification SMSsessionStateChangeMessage/StatusChange: smssession.state values disappeared Invited',
  ]);
  expect(driftChanges(before.result(), before.result())).toEqual([]);
  expect(driftChanges(undefined, before.result())[0]).toMatch(/baseline run record has no drift tally/);
});

test('the Allure overview is a result of its own with the tally as an HTML page', () => {
  const c = new DriftCollector();
  c.notification(status('Invited', { vendorScore: 3 }));
  const dir = test.info().outputPath('allure');
  writeAllureOverview(dir, c.result());
  const files = readdirSync(dir);
  const result = JSON.parse(readFileSync(join(dir, files.find((f) => f.endsWith('-result.json'))!), 'utf8')) as { name: string; status: string; attachments: { source: string; type: string }[] };
  expect(result).toMatchObject({ name: 'Coverage and drift from what was seen', status: 'passed' });
  const html = readFileSync(join(dir, result.attachments.find((a) => a.type === 'text/html')!.source), 'utf8');
  expect(html).toContain('smssession.vendorScore');
  expect(html).toContain('SMSsessionStateChangeMessage/StatusChange');
});
