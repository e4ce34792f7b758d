import { randomUUID } from 'node:crypto';
import { relative, resolve } from 'node:path';
import { test as base, type TestInfo } from '@playwright/test';
import * as allure from 'allure-js-commons';
import { nameRole, REPLAY_FORMAT, traceNotification, traceStep, tracing, type ReplayFile } from './curl';
import { loadConfig, type Config, type Credentials, type Role, type UserSet } from './config';
import { HarnessError, NonConformance } from './errors';
import { RawSession } from './gws/raw-session';
import type { SendOptions } from './gws/session';
import { SmsInjector } from './gws/sms-injector';
import { GwsUser } from './gws/user';
import { type Reporter } from './gws/reporter';
import { ANNOTATION, readMeta } from './meta';
import { redactedJson, redactText, registerCredentials } from './redact';
import { describeNotification } from './cometd/describe';
import { formatIssues } from './schemas';
import { parseFaults } from '../mock/faults';
import { parseLatitude, parseLatitudeSeed } from '../mock/latitude';
import { startMock, type MockHandle } from '../mock/server';
import { userSetsOf } from '../mock/users';

/**
 * The fixtures every spec uses, in layers:
 * - worker: the validated configuration and the target (a staging server, or an embedded mock
 *   started for this worker), with the user set this worker owns;
 * - test: the people (agent, supervisor, caller), each logged in and cleaned up, and the SMS
 *   injector; an automatic fixture that labels the report and skips what the target does not claim.
 */

export { expect } from './matchers';

export interface Target {
  baseUrl: URL;
  users: UserSet;
  smsInjectUrl: URL | undefined;
  embedded: boolean;
  mock: MockHandle | undefined;
}

export interface HarnessWorkerOptions {
  /** Faults for the embedded mock of this project (the self-check sets it). */
  mockFaults: string[];
  /** Latitude switches for the embedded mock of this project, added to GWS_MOCK_LATITUDE. */
  mockLatitude: string[];
  /** Their seed; GWS_MOCK_LATITUDE_SEED when unset, else a fresh one (printed to the report). */
  mockLatitudeSeed: number | undefined;
  /**
   * Self-check only: ids of the tests the project's fault must make fail. They are marked as
   * expected to fail, so that Playwright keeps the worker (and its mock) instead of starting a new
   * one after each; the self-check still reads each failure and judges its reason.
   */
  selfCheckExpectFailing: string[];
  /** Self-check only: when set, the tests of the project outside this list are skipped. */
  selfCheckOnly: string[] | undefined;
}

interface WorkerFixtures extends HarnessWorkerOptions {
  harnessConfig: Config;
  target: Target;
}

/** HTTP sessions of the test's users that are not logged in to the contact center. */
export interface RawHttp {
  /** A fresh session as `role`; `password` replaces the configured one (authentication checks). */
  session(role: Role, options?: { password?: string }): RawSession;
  /** A fresh session that sends no credentials at all. */
  anonymous(): RawSession;
}

interface TestFixtures {
  report: Reporter;
  testMeta: void;
  agent: GwsUser;
  supervisor: GwsUser;
  caller: GwsUser;
  sms: SmsInjector;
  http: RawHttp;
}

function reporterFor(testInfo: TestInfo): Reporter {
  return {
    step: (title, body) => base.step(redactText(title), () => traceStep(redactText(title), body)),
    attach: async (name, body, contentType) => {
      await testInfo.attach(redactText(name), { body: redactText(body), contentType });
    },
  };
}

async function personFixture(
  role: Role,
  config: Config,
  target: Target,
  report: Reporter,
  testInfo: TestInfo,
  use: (user: GwsUser) => Promise<void>,
): Promise<void> {
  const user = new GwsUser({ config, baseUrl: target.baseUrl, role, credentials: target.users[role], reporter: report });
  if (tracing()) user.notifications.listen((n) => traceNotification(user.label, n));
  try {
    await user.login();
    await use(user);
  } finally {
    const problems = await user.teardown();
    await report.attach(`http-${role}.json`, redactedJson(user.session.exchanges), 'application/json');
    await report.attach(`notifications-${role}.json`, redactedJson(user.notifications.forReport()), 'application/json');
    if (user.notifications.events.length > 0) {
      await report.attach(`cometd-events-${role}.json`, redactedJson(user.notifications.events), 'application/json');
    }
    if (problems.length > 0) {
      testInfo.annotations.push({ type: 'allure.label.cleanupProblem', description: redactText(problems.join('\n')) });
      await report.attach(`cleanup-problems-${role}.txt`, problems.join('\n'), 'text/plain');
    }
    // What a failed wait already reported is not reported twice.
    const stillPassing = testInfo.status === 'passed' || testInfo.status === undefined;
    const violations = user.notifications.schemaViolations();
    if (violations.length > 0) {
      const text = violations
        .map((n) => `#${n.seq} ${n.channel} ${describeNotification(n)}\n${formatIssues({ schema: n.verdict.schema ?? '', issues: [...n.verdict.envelope, ...n.verdict.issues] })}`)
        .join('\n\n');
      await report.attach(`schema-errors-${role}.txt`, text, 'text/plain');
      if (stillPassing) throw new NonConformance('SCHEMA_VIOLATION', `${user.label} received notifications that break their schemas:\n${text}`);
    }
    // Debris on a shared target is a failed run even when every check passed.
    if (problems.length > 0 && stillPassing) {
      throw new HarnessError('CLEANUP_FAILED', `teardown could not undo everything the test created:\n${problems.join('\n')}`);
    }
  }
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  mockFaults: [[], { scope: 'worker', option: true }],
  mockLatitude: [[], { scope: 'worker', option: true }],
  mockLatitudeSeed: [undefined, { scope: 'worker', option: true }],
  selfCheckExpectFailing: [[], { scope: 'worker', option: true }],
  selfCheckOnly: [undefined, { scope: 'worker', option: true }],

  harnessConfig: [
    async ({}, use) => {
      const config = loadConfig();
      // Every configured password is a secret from the start, also those this worker never uses.
      for (const set of config.userSets) for (const c of Object.values(set) as Credentials[]) registerCredentials(c.username, c.password);
      await use(config);
    },
    { scope: 'worker' },
  ],

  target: [
    async ({ harnessConfig, mockFaults, mockLatitude, mockLatitudeSeed }, use, workerInfo) => {
      let mock: MockHandle | undefined;
      if (!harnessConfig.baseUrl) {
        const faults = parseFaults([...mockFaults, process.env.GWS_MOCK_FAULTS ?? ''].filter(Boolean).join(','));
        const latitude = parseLatitude([...mockLatitude, process.env.GWS_MOCK_LATITUDE ?? ''].filter(Boolean).join(','));
        const latitudeSeed = mockLatitudeSeed ?? parseLatitudeSeed(process.env.GWS_MOCK_LATITUDE_SEED);
        mock = await startMock({ faults, smsChannel: harnessConfig.smsChannel, latitude, latitudeSeed });
      }
      const sets = harnessConfig.userSets.length > 0 ? harnessConfig.userSets : userSetsOf(mock!.users);
      // GWS_USER_SET ("agent1, supervisor1, caller1") pins the set a failed test had, for its second attempt.
      const pinned = process.env.GWS_USER_SET ? sets.find((s) => Object.values(s).map((c: Credentials) => c.username).join(', ') === process.env.GWS_USER_SET) : undefined;
      const users = pinned ?? sets[workerInfo.parallelIndex % sets.length]!;
      for (const [role, c] of Object.entries(users) as [Role, Credentials][]) nameRole(c.username, role, c.password);
      const baseUrl = harnessConfig.baseUrl ?? new URL(mock!.url);
      const smsInjectUrl = harnessConfig.smsInjectUrl ?? (mock ? new URL(mock.smsInjectUrl) : undefined);
      try {
        await use({ baseUrl, users, smsInjectUrl, embedded: mock !== undefined, mock });
      } finally {
        await mock?.close();
      }
    },
    { scope: 'worker' },
  ],

  report: async ({}, use, testInfo) => {
    await use(reporterFor(testInfo));
  },

  testMeta: [
    async ({ harnessConfig, target, selfCheckExpectFailing, selfCheckOnly }, use, testInfo) => {
      const m = readMeta(testInfo.annotations, testInfo.tags);
      testInfo.skip(selfCheckOnly !== undefined && !selfCheckOnly.includes(m.id ?? ''), 'self-check: not a test this fault must make fail');
      if (m.id && selfCheckExpectFailing.includes(m.id)) testInfo.fail(true, 'self-check: the fault of this project must make this test fail');
      if (m.id) {
        await allure.historyId(m.id);
        await allure.testCaseId(m.id);
      }
      if (m.page) {
        await allure.epic(m.page.section);
        await allure.feature(m.page.operation);
        await allure.link(m.page.url, `${m.page.section}: ${m.page.operation}`);
      }
      await allure.story(testInfo.title);
      await allure.parameter('target', target.embedded ? 'embedded mock' : target.baseUrl.host);
      // A run under latitude is replayable from its seed.
      if (target.mock?.state.latitude.active) await allure.parameter('mock latitude', target.mock.state.latitude.describe());
      const users = Object.values(target.users).map((c) => c.username).join(', ');
      testInfo.annotations.push({ type: ANNOTATION.users, description: users });
      await allure.label('gwsUsers', users);
      const missing = m.features.filter((f) => !harnessConfig.features.has(f as never));
      testInfo.skip(
        missing.length > 0,
        `not applicable: the target does not claim ${missing.join(', ')} (GWS_FEATURES=${[...harnessConfig.features].join(',')}); add it to GWS_FEATURES to run this test`,
      );
      await use();
      // A failed test carries what `npm run replay` needs to run it alone again.
      if (m.id && testInfo.status !== testInfo.expectedStatus) {
        const replay: ReplayFile = {
          format: REPLAY_FORMAT,
          id: m.id,
          title: testInfo.title,
          file: relative(resolve(__dirname, '..'), testInfo.file),
          project: testInfo.project.name,
          users,
          target: target.embedded ? 'embedded mock' : target.baseUrl.host,
          command: `npm run replay -- ${m.id}`,
        };
        await testInfo.attach('replay.json', { body: JSON.stringify(replay, null, 2), contentType: 'application/json' });
      }
    },
    { auto: true },
  ],

  agent: async ({ harnessConfig, target, report }, use, testInfo) => {
    await personFixture('agent', harnessConfig, target, report, testInfo, use);
  },
  // The supervisor depends on the agent so that it is torn down first: it leaves the sessions it
  // joined and cancels its monitoring before the agent ends them.
  supervisor: async ({ harnessConfig, target, report, agent }, use, testInfo) => {
    void agent;
    await personFixture('supervisor', harnessConfig, target, report, testInfo, use);
  },
  caller: async ({ harnessConfig, target, report }, use, testInfo) => {
    await personFixture('caller', harnessConfig, target, report, testInfo, use);
  },

  http: async ({ harnessConfig, target, report }, use) => {
    const opened: RawSession[] = [];
    const open = (label: string, credentials: Credentials, defaults: SendOptions = {}) => {
      const tls = { ca: harnessConfig.tls.ca, insecure: harnessConfig.tls.insecure };
      const raw = new RawSession(label, target.baseUrl, credentials, { timeoutMs: harnessConfig.notificationTimeoutMs, tls }, report, defaults);
      opened.push(raw);
      return raw;
    };
    try {
      await use({
        session: (role, options = {}) => {
          const configured = target.users[role];
          const password = options.password ?? configured.password;
          const label = options.password === undefined ? `${role} ${configured.username}` : `${role} ${configured.username} (another password)`;
          return open(label, { username: configured.username, password });
        },
        // Never sent; random, so that registering it as a secret scrubs no ordinary word.
        anonymous: () => open('anonymous', { username: 'anonymous', password: randomUUID() }, { withAuth: false }),
      });
    } finally {
      for (const [index, raw] of opened.entries()) {
        if (raw.session.exchanges.length > 0) await report.attach(`http-raw-${index + 1}.json`, redactedJson(raw.session.exchanges), 'application/json');
        await raw.session.close();
      }
    }
  },

  sms: async ({ harnessConfig, target, report }, use, testInfo) => {
    testInfo.skip(
      !target.smsInjectUrl,
      'not applicable: no SMS injector is configured; set GWS_SMS_INJECT_URL to an endpoint of the target contract (README, "SMS injection") to run the SMS suites',
    );
    const injector = new SmsInjector(target.smsInjectUrl!, report, {
      timeoutMs: harnessConfig.notificationTimeoutMs,
      tls: { ca: harnessConfig.tls.ca, insecure: harnessConfig.tls.insecure },
    });
    try {
      await use(injector);
    } finally {
      await injector.close();
    }
  },
});
