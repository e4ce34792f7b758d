import { expect, test } from '@playwright/test';
import { NotificationRecorder } from '../../helpers/cometd/recorder';
import { pace, QUIET_FLOOR_MS, SETTLE_FLOOR_MS } from '../../helpers/cometd/pace';
import { smsNewMessages, smsParticipantsUpdated, smsStatus, smsStatusOtherThan } from '../../helpers/cometd/sms-steps';
import { callOperationRefused } from '../../helpers/cometd/voice-steps';
import { group } from '../../helpers/cometd/types';

/**
 * How a wait matches notifications, on hand-made ones: look-alikes are tolerated, groups are
 * unordered, only a decisive contradiction fails at once, any other mismatch fails once the target
 * is quiet with the differences field by field, and a quiet window starts at the reply.
 */

const ID = 'S1';
const valid = { envelope: [], schema: undefined, issues: [] };

function recorder(timeoutMs = 20_000, quietWindowMs = 1_000): NotificationRecorder {
  return new NotificationRecorder({
    url: 'http://127.0.0.1:9/api/v2/notifications',
    user: 'supervisor s',
    authorization: undefined,
    cookies: () => [],
    csrf: () => undefined,
    transport: 'long-polling',
    timeoutMs,
    quietWindowMs,
  });
}

const participant = (type: string, nickname: string, visibility = 'All') => ({ type, nickname, visibility });
const sessionMessage = (notificationType: string, session: Record<string, unknown>) => ({
  messageType: 'SMSsessionStateChangeMessage',
  notificationType,
  smssession: { id: ID, uri: `http://h/api/v2/smssessions/${ID}`, ...session },
});
const messages = (...list: Record<string, unknown>[]) => ({
  messageType: 'MessageLogUpdated',
  notificationType: 'NewMessages',
  smssessionUri: `http://h/api/v2/smssessions/${ID}`,
  messages: list,
});

const supervisorShown = smsParticipantsUpdated(ID, [{ role: 'the supervisor', type: 'Agent', nickname: 'Sam', visibility: 'Agents' }]);
const rejoined = smsNewMessages(ID, [{ type: 'ParticipantRejoined', fromNickname: 'Sam' }]);

/** Awaits a rejection and says how long after `from` it came. */
async function rejection(wait: PromiseLike<unknown>, from: () => number): Promise<{ error: Error; ms: number }> {
  try {
    await wait;
  } catch (error) {
    return { error: error as Error, ms: performance.now() - from() };
  }
  throw new Error('expected a failure');
}

test.beforeEach(() => pace.reset());

test('a look-alike of the awaited step is tolerated: an earlier list, a history without the awaited message', async () => {
  const r = recorder();
  const seen = r.expect(supervisorShown, rejoined);
  r.receive('/v2/me/smssessions', messages({ type: 'ParticipantJoined', from: { nickname: 'Sam' } }, { type: 'Text', text: 'hi' }), valid);
  r.receive('/v2/me/smssessions', sessionMessage('ParticipantsUpdated', { state: 'Chatting', participants: [participant('Agent', 'Marat')] }), valid);
  r.receive('/v2/me/smssessions', sessionMessage('ParticipantsUpdated', { state: 'Chatting', participants: [participant('Agent', 'Sam', 'Agents')] }), valid);
  r.receive('/v2/me/smssessions', messages({ type: 'ParticipantRejoined', from: { nickname: 'Sam' } }), valid);
  const matched = await seen;
  expect(matched.map((n) => n.seq)).toEqual([3, 4]);
});

test('steps in a group are awaited in any order; separate positions keep the printed order', async () => {
  const r = recorder();
  const unordered = r.expect(group(supervisorShown, rejoined));
  const ordered = r.expect(supervisorShown, rejoined);
  let at = 0;
  r.receive('/v2/me/smssessions', messages({ type: 'ParticipantRejoined', from: { nickname: 'Sam' } }), valid);
  at = performance.now();
  const { error, ms } = await rejection(ordered, () => at);
  expect(error.message).toMatch(/^\[nonconformance:NOTIFICATION_OUT_OF_ORDER\]/);
  expect(error.message).toContain('arrived before step 1');
  expect(ms).toBeLessThan(100);
  r.receive('/v2/me/smssessions', sessionMessage('ParticipantsUpdated', { state: 'Chatting', participants: [participant('Agent', 'Sam', 'Agents')] }), valid);
  expect((await unordered).length).toBe(2);
});

test('a decisive contradiction (the session ended) fails the wait well under 100 ms, whatever the timeout', async () => {
  const r = recorder(20_000);
  const seen = r.expect(smsStatus(ID, 'Chatting'));
  let at = 0;
  setTimeout(() => {
    at = performance.now();
    r.receive('/v2/me/smssessions', sessionMessage('StatusChange', { state: 'Completed' }), valid);
  }, 20);
  const { error, ms } = await rejection(seen, () => at);
  expect(error.message).toMatch(/^\[nonconformance:NOTIFICATION_CONTRADICTS\]/);
  expect(error.message).toContain('terminal state "Completed"');
  expect(ms).toBeLessThan(100);
});

test('a mismatch that is not decisive fails once the target is quiet for the settle window, with the differences field by field', async () => {
  const r = recorder(20_000);
  const seen = r.expect(smsStatus(ID, 'Chatting', { capabilities: { include: ['Complete'] } }));
  const started = performance.now();
  r.receive('/v2/me/smssessions', sessionMessage('StatusChange', { state: 'Invited', capabilities: ['Accept'] }), valid);
  const { error, ms } = await rejection(seen, () => started);
  expect(error.message).toMatch(/^\[nonconformance:NOTIFICATION_CONTRADICTS\]/);
  expect(error.message).toContain(`settle window ${SETTLE_FLOOR_MS} ms`);
  expect(error.message).toContain('- state is "Invited", expected "Chatting"');
  expect(error.message).toContain('- capabilities lack Complete');
  expect(ms).toBeGreaterThanOrEqual(SETTLE_FLOOR_MS - 5);
  expect(ms).toBeLessThan(SETTLE_FLOOR_MS + 1_500);
});

test('the settle window grows with the delays the target has shown', async () => {
  // A whole number of milliseconds: differences of fractional clock readings are not exact.
  const now = Math.round(performance.now());
  pace.noteReply(now - 1_000);
  pace.noteNotification(now - 600);
  expect(pace.slowestDelayMs).toBe(400);
  expect(pace.settleWindowMs(20_000)).toBe(1_600);
  expect(pace.settleWindowMs(1_200)).toBe(1_200);
  expect(pace.quietWindowMs(1_000)).toBe(1_000);
  pace.reset();
  expect(pace.quietWindowMs(1_000)).toBe(QUIET_FLOOR_MS);
});

test('a notification that arrives while a request is in flight is no sample of the pace (it may precede its own reply)', async () => {
  // A whole number of milliseconds: differences of fractional clock readings are not exact.
  const now = Math.round(performance.now());
  pace.noteRequest();
  pace.noteReply(now - 2_400);
  pace.noteRequest();
  pace.noteNotification(now - 100);
  expect(pace.slowestDelayMs).toBe(0);
  pace.noteReply(now - 50);
  pace.noteNotification(now);
  expect(pace.slowestDelayMs).toBe(50);
  pace.noteRequest();
  pace.noteNoReply();
  pace.noteNotification(now + 20);
  expect(pace.slowestDelayMs).toBe(70);
});

test('a quiet window starts when it is awaited after the reply, and names its length', async () => {
  const titles: string[] = [];
  const r = new NotificationRecorder({
    url: 'http://127.0.0.1:9/api/v2/notifications',
    user: 'agent a',
    authorization: undefined,
    cookies: () => [],
    csrf: () => undefined,
    transport: 'long-polling',
    timeoutMs: 20_000,
    quietWindowMs: 1_000,
    step: (title, body) => {
      titles.push(title);
      return body();
    },
  });
  const quiet = r.expectQuiet(smsStatusOtherThan(ID, 'Invited'));
  // The operation takes 300 ms; the window starts after it, and a re-announced Invited is no change.
  await new Promise((resolve) => setTimeout(resolve, 300));
  r.receive('/v2/me/smssessions', sessionMessage('StatusChange', { state: 'Invited' }), valid);
  const from = performance.now();
  await quiet;
  expect(performance.now() - from).toBeGreaterThanOrEqual(QUIET_FLOOR_MS - 5);
  expect(titles[0]).toContain(`nothing within ${QUIET_FLOOR_MS} ms after the reply`);

  const changed = r.expectQuiet(smsStatusOtherThan(ID, 'Invited'));
  r.receive('/v2/me/smssessions', sessionMessage('StatusChange', { state: 'Completed' }), valid);
  const { error } = await rejection(changed, () => 0);
  expect(error.message).toMatch(/^\[nonconformance:UNEXPECTED_NOTIFICATION\]/);
});

test('a nickname the documentation does not promise is not judged', async () => {
  const r = recorder();
  const seen = r.expect(smsParticipantsUpdated(ID, [{ role: 'the agent', type: 'Agent', shownAs: 'Marat' }]));
  r.receive('/v2/me/smssessions', sessionMessage('ParticipantsUpdated', { participants: [participant('Agent', 'John Doe')] }), valid);
  expect((await seen).length).toBe(1);
});

test('an ErrorMessage counts as a refusal only after the request, before the next one, and about that call', async () => {
  const r = recorder();
  const step = callOperationRefused('C1', 'SwitchToBargeIn');
  const error = (more: Record<string, unknown> = {}) => ({ messageType: 'ErrorMessage', errorMessage: 'refused', ...more });
  const refused = r.expect(step);
  r.receive('/v2/me/devices', error(), valid); // before the request: not this request's
  r.noteRequest();
  r.receive('/v2/me/calls', error({ call: { id: 'OTHER' } }), valid); // about another call
  r.receive('/v2/me/calls', error({ call: { id: 'C1' } }), valid);
  const [matched] = await refused;
  expect(matched!.seq).toBe(3);

  const late = r.expectWithin(300, step);
  r.noteRequest();
  r.noteRequest();
  r.receive('/v2/me/devices', error(), valid); // after the next request
  const { error: timeout } = await rejection(late, () => 0);
  expect(timeout.message).toMatch(/^\[nonconformance:NOTIFICATION_TIMEOUT\]/);
});
