import { expect, test } from '@playwright/test';
import { curlCommand, nameRole, traceExchange, traceStep, traceTo } from '../../helpers/curl';
import { registerCredentials } from '../../helpers/redact';

const PASSWORD = 'replay-pass-9f3a';
const basic = `Basic ${Buffer.from(`agent7:${PASSWORD}`).toString('base64')}`;

test('a request is a curl command with the credentials, cookie and CSRF token as variables, never their values', () => {
  nameRole('agent7', 'agent', PASSWORD);
  const command = curlCommand({
    method: 'POST',
    url: 'http://127.0.0.1:8090/api/v2/me/smssessions/abc',
    username: 'agent7',
    password: PASSWORD,
    headers: { accept: 'application/json', authorization: basic, cookie: 'JSESSIONID=s3cr3tcookie', 'X-CSRF-TOKEN': 'tok-123456', 'content-type': 'application/json' },
    body: '{"operationName":"Accept","nickname":"O\'Neil"}',
    csrf: { header: 'X-CSRF-TOKEN', token: 'tok-123456' },
  });
  expect(command).toBe(
    `curl -sS -i -X POST -u "$GWS_AGENT_USERNAME:$GWS_AGENT_PASSWORD" -b agent.cookies -c agent.cookies -H 'accept: application/json' ` +
      `-H "X-CSRF-TOKEN: $GWS_AGENT_CSRF_TOKEN" -H 'content-type: application/json' --data-raw '{"operationName":"Accept","nickname":"O'\\''Neil"}' ` +
      `'http://127.0.0.1:8090/api/v2/me/smssessions/abc'`,
  );
  for (const secret of [PASSWORD, basic, 's3cr3tcookie', 'tok-123456']) expect(command).not.toContain(secret);
});

test('another password, no credentials, a made-up CSRF token: each shown for what it is', () => {
  nameRole('agent7', 'agent', PASSWORD);
  const wrong = curlCommand({ method: 'GET', url: 'http://h/api/v2/me', username: 'agent7', password: 'not-it', headers: { authorization: 'Basic x' }, body: undefined });
  expect(wrong).toContain('-u "$GWS_AGENT_USERNAME:$GWS_AGENT_OTHER_PASSWORD"');
  const none = curlCommand({ method: 'GET', url: 'http://h/api/v2/me', username: 'anonymous', password: 'x', headers: {}, body: undefined });
  expect(none).not.toContain('-u');
  const madeUp = curlCommand({
    method: 'POST',
    url: 'http://h/api/v2/me',
    username: 'agent7',
    password: PASSWORD,
    headers: { 'X-CSRF-TOKEN': 'ffff-made-up' },
    body: '{}',
    csrf: { header: 'X-CSRF-TOKEN', token: 'tok-123456' },
  });
  expect(madeUp).toContain(`-H 'X-CSRF-TOKEN: ffff-made-up'`);
});

test('the trace prints the variables to set, the command, its reply and the steps, redacted, as they happen', async () => {
  const lines: string[] = [];
  traceTo((line) => lines.push(line));
  process.env.GWS_REPLAY_TRACE = '1';
  try {
    registerCredentials('agent7', PASSWORD);
    nameRole('agent7', 'agent', PASSWORD);
    await traceStep('agent agent7 logs in', async () => {
      traceExchange(
        { method: 'GET', url: 'http://127.0.0.1:1/api/v2/me', username: 'agent7', password: PASSWORD, headers: { authorization: basic }, body: undefined },
        { status: 200, body: { statusCode: 0, echoed: PASSWORD }, durationMs: 3 },
      );
    });
    await expect(traceStep('agent agent7 awaits Invited', () => Promise.reject(new Error('[nonconformance:NOTIFICATION_TIMEOUT] nothing')))).rejects.toThrow();
  } finally {
    delete process.env.GWS_REPLAY_TRACE;
  }
  const text = lines.join('\n');
  expect(lines[0]).toBe('▸ agent agent7 logs in');
  expect(lines[1]).toMatch(/^# agent is agent7 on http:\/\/127\.0\.0\.1:1: export GWS_AGENT_USERNAME=agent7 GWS_AGENT_PASSWORD=<its password>/);
  expect(lines[2]).toMatch(/^\$ curl -sS -i -X GET -u "\$GWS_AGENT_USERNAME:\$GWS_AGENT_PASSWORD"/);
  expect(lines[3]).toBe('  ← HTTP 200 in 3 ms: {"statusCode":0,"echoed":"[redacted]"}');
  expect(text).toContain('  ✗ agent agent7 awaits Invited: [nonconformance:NOTIFICATION_TIMEOUT] nothing');
  expect(text).not.toContain(PASSWORD);
});
