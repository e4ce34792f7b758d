import { test as base, type TestInfo } from '@playwright/test';
import * as allure from 'allure-js-commons';
import { loadConfig, type Config, type Role, type UserSet } from './config';
import { NonConformance } from './errors';
import { SmsInjector } from './gws/sms-injector';
import { GwsUser, type Reporter } from './gws/user';
import { readMeta } from './meta';
import { redactedJson, redactText } from './redact';
import { describeNotification } from './cometd/recorder';
import { formatIssues } from './schemas';
import { parseFaults } from '../mock/faults';
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
}

interface WorkerFixtures extends HarnessWorkerOptions {
  harnessConfig: Config;
  target: Target;
}

interface TestFixtures {
  report: Reporter;
  testMeta: void;
  agent: GwsUser;
  supervisor: GwsUser;
  caller: GwsUser;
  sms: SmsInjector;
}

function reporterFor(testInfo: TestInfo): Reporter {
  return {
    step: (title, body) => base.step(redactText(title), body),
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
  try {
    await user.login();
    await use(user);
  } finally {
    const problems = await user.teardown();
    await report.attach(`http-${role}.json`, redactedJson(user.session.exchanges), 'application/json');
    await report.attach(
      `notifications-${role}.json`,
      redactedJson(
        user.notifications.transcript.map((n) => ({
          seq: n.seq,
          channel: n.channel,
          receivedAt: new Date(n.receivedAt).toISOString(),
          schema: n.verdict.schema ?? null,
          schemaIssues: [...n.verdict.envelope, ...n.verdict.issues],
          data: n.data,
        })),
      ),
      'application/json',
    );
    if (user.notifications.events.length > 0) {
      await report.attach(`cometd-events-${role}.json`, redactedJson(user.notifications.events), 'application/json');
    }
    if (problems.length > 0) {
      testInfo.annotations.push({ type: 'allure.label.cleanupProblem', description: redactText(problems.join('\n')) });
      await report.attach(`cleanup-problems-${role}.txt`, problems.join('\n'), 'text/plain');
    }
    const violations = user.notifications.schemaViolations();
    if (violations.length > 0) {
      const text = violations
        .map((n) => `#${n.seq} ${n.channel} ${describeNotification(n)}\n${formatIssues({ schema: n.verdict.schema ?? '', issues: [...n.verdict.envelope, ...n.verdict.issues] })}`)
        .join('\n\n');
      await report.attach(`schema-errors-${role}.txt`, text, 'text/plain');
      // A violation already reported by a failed wait is not reported twice.
      if (testInfo.status === 'passed' || testInfo.status === undefined) {
        throw new NonConformance('SCHEMA_VIOLATION', `${user.label} received notifications that break their schemas:\n${text}`);
      }
    }
  }
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  mockFaults: [[], { scope: 'worker', option: true }],

  harnessConfig: [
    async ({}, use) => {
      await use(loadConfig());
    },
    { scope: 'worker' },
  ],

  target: [
    async ({ harnessConfig, mockFaults }, use, workerInfo) => {
      let mock: MockHandle | undefined;
      if (!harnessConfig.baseUrl) {
        const faults = parseFaults([...mockFaults, process.env.GWS_MOCK_FAULTS ?? ''].filter(Boolean).join(','));
        mock = await startMock({ faults, smsChannel: harnessConfig.smsChannel });
      }
      const sets = harnessConfig.userSets.length > 0 ? harnessConfig.userSets : userSetsOf(mock!.users);
      const users = sets[workerInfo.parallelIndex % sets.length]!;
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
    async ({ harnessConfig, target }, use, testInfo) => {
      const m = readMeta(testInfo.annotations, testInfo.tags);
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
      const missing = m.features.filter((f) => !harnessConfig.features.has(f as never));
      testInfo.skip(
        missing.length > 0,
        `not applicable: the target does not claim ${missing.join(', ')} (GWS_FEATURES=${[...harnessConfig.features].join(',')}); add it to GWS_FEATURES to run this test`,
      );
      await use();
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
