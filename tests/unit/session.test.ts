import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { HarnessError, NonConformance } from '../../helpers/errors';
import { GwsSession } from '../../helpers/gws/session';
import { redactedJson, redactText, registerSecret } from '../../helpers/redact';
import { withMock } from './support';

const agent1 = { username: 'agent1', password: 'agent1-secret' };

test('the CSRF header pair learned from a GET is sent back on POST; without it the POST is refused with 403', async () => {
  await withMock({}, async (mock) => {
    const session = new GwsSession(new URL(mock.url), agent1, { timeoutMs: 2000 });
    try {
      await session.get('/me');
      expect(session.csrfHeader?.header).toBe('X-CSRF-TOKEN');
      const refused = await session.send('POST', '/me', { operationName: 'StartContactCenterSession', channels: ['voice'] }, { withCsrf: false });
      expect(refused.status).toBe(403);
      expect(refused.text).toBe('Missing or invalid Csrf token');
      const accepted = await session.post('/me', { operationName: 'StartContactCenterSession', channels: ['voice'] });
      expect(accepted.statusCode).toBe(0);
      expect(accepted.status).toBe(200);
    } finally {
      await session.close();
    }
  });
});

test('the session cookie carries the session across requests without credentials', async () => {
  await withMock({}, async (mock) => {
    const session = new GwsSession(new URL(mock.url), agent1, { timeoutMs: 2000 });
    try {
      await session.get('/me');
      expect(session.cookieHeader()).toMatch(/^JSESSIONID=/);
      const byCookie = await session.send('GET', '/me', undefined, { withAuth: false });
      expect(byCookie.statusCode).toBe(0);
      const neither = await session.send('GET', '/me', undefined, { withAuth: false, withCookies: false });
      expect(neither.json).toEqual({ statusCode: 20, statusMessage: 'Access denied' });
    } finally {
      await session.close();
    }
  });
});

test('a reply that is not JSON is a clear non-conformance naming status, type and body', async () => {
  await withMock({}, async (mock) => {
    const session = new GwsSession(new URL(mock.url), agent1, { timeoutMs: 2000 });
    try {
      const reply = await session.post('/me', { operationName: 'StartContactCenterSession', channels: ['voice'] });
      expect(reply.isJson).toBe(false);
      expect(() => reply.json).toThrow(NonConformance);
      expect(() => reply.json).toThrow(/POST \/me \(agent1\): expected a JSON reply, got HTTP 403 with text\/plain.*"Missing or invalid Csrf token"/);
    } finally {
      await session.close();
    }
  });
});

test('an unreachable target is a harness error, not a verdict', async () => {
  const session = new GwsSession(new URL('http://127.0.0.1:9'), agent1, { timeoutMs: 2000 });
  const error = await session.get('/me').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HarnessError);
  expect((error as HarnessError).code).toBe('TARGET_UNREACHABLE');
  expect((error as Error).message).toContain('GET http://127.0.0.1:9/api/v2/me: target unreachable (ECONNREFUSED)');
  await session.close();
});

test('a path prefix of the base URL is kept', async () => {
  const session = new GwsSession(new URL('http://127.0.0.1:9/gws/'), agent1, { timeoutMs: 500 });
  const error = (await session.get('/me').catch((e: unknown) => e)) as Error;
  expect(error.message).toContain('http://127.0.0.1:9/gws/api/v2/me');
  await session.close();
});

test('recorded exchanges hold no password, Basic credentials, cookie value or CSRF token', async () => {
  await withMock({}, async (mock) => {
    const session = new GwsSession(new URL(mock.url), agent1, { timeoutMs: 2000 });
    try {
      await session.get('/me');
      await session.post('/me', { operationName: 'StartContactCenterSession', channels: ['voice'], password: 'agent1-secret' });
      const text = redactedJson(session.exchanges);
      const cookie = session.cookieHeader().split('=')[1]!;
      for (const secret of ['agent1-secret', Buffer.from('agent1:agent1-secret').toString('base64'), cookie, session.csrfHeader!.token]) {
        expect(text).not.toContain(secret);
      }
      expect(text).toContain('JSESSIONID=[redacted]');
      expect(text).toContain('"authorization": "[redacted]"');
    } finally {
      await session.close();
    }
  });
});

test('registered secrets are scrubbed from any text, also URL-encoded', () => {
  registerSecret('p@ss word!');
  expect(redactText('x p@ss word! y p%40ss%20word! z')).toBe('x [redacted] y [redacted] z');
  expect(redactText('Authorization: Basic YWdlbnQxOnNlY3JldA==')).toBe('Authorization: Basic [redacted]');
});

test('a 5xx page is a harness error TARGET_ERROR; a 5xx carrying a GWS reply is the server answer; a reset is CONNECTION_RESET', async () => {
  const server = createServer((request, response) => {
    if (request.url === '/api/v2/page') response.writeHead(503, { 'content-type': 'text/html' }).end('<html>Service Unavailable</html>');
    else if (request.url === '/api/v2/gws') response.writeHead(503, { 'content-type': 'application/json' }).end('{"statusCode":4,"statusMessage":"Voice service is not available at this time"}');
    else request.socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const session = new GwsSession(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`), agent1, { timeoutMs: 2000 });
  try {
    const page = (await session.get('/page').catch((e: unknown) => e)) as HarnessError;
    expect(page).toBeInstanceOf(HarnessError);
    expect(page.code).toBe('TARGET_ERROR');
    expect(page.message).toMatch(/HTTP 503 with text\/html instead of a GWS reply.*Service Unavailable/);
    expect(session.exchanges.at(-1)).toMatchObject({ status: 503, responseBody: '<html>Service Unavailable</html>' });
    const gws = await session.get('/gws');
    expect(gws.status).toBe(503);
    expect(gws.statusCode).toBe(4);
    const reset = (await session.get('/reset').catch((e: unknown) => e)) as HarnessError;
    expect(reset.code).toBe('CONNECTION_RESET');
  } finally {
    await session.close();
    server.closeAllConnections();
    server.close();
  }
});
