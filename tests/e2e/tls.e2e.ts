import { expect, test } from '@playwright/test';
import { startMock } from '../../mock/server';
import { makeCertificates } from './support/certs';
import { mockTarget, runHarness } from './support/harness-run';

/**
 * GWS_TLS_CA_FILE and GWS_TLS_INSECURE against a local HTTPS server with a certificate of its own
 * CA: REST, CometD and the SMS injector all go over TLS. Without either, the run stops with a TLS
 * harness error that says how to fix it.
 */

const certificates = makeCertificates();

const ALL = ['suites/platform'];
/** Failing tests restart their worker: a few suffice to show the verdict. */
const SOME = ['suites/platform/version.spec.ts', 'suites/platform/notifications.spec.ts'];

const variants: { name: string; env: Record<string, string>; exit: 0 | 2; args: string[] }[] = [
  { name: 'GWS_TLS_CA_FILE names the CA', env: { GWS_TLS_CA_FILE: certificates.caFile }, exit: 0, args: ALL },
  { name: 'GWS_TLS_INSECURE=true', env: { GWS_TLS_INSECURE: 'true' }, exit: 0, args: ALL },
  { name: 'neither', env: {}, exit: 2, args: SOME },
];

for (const variant of variants) {
  test(`an HTTPS target with its own certificate, ${variant.name}: exit status ${variant.exit}`, async () => {
    const mock = await startMock({ tls: { key: certificates.key, cert: certificates.cert } });
    try {
      expect(mock.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const result = await runHarness('tls', { ...mockTarget(mock, 1), ...variant.env }, variant.args);
      expect(result.code, result.output.slice(-2000)).toBe(variant.exit);
      if (variant.exit === 0) {
        expect(result.outcomes.filter((o) => o.verdict === 'passed').length).toBe(result.outcomes.length);
        expect(result.outcomes.find((o) => o.id === 'platform.notifications.cookie-handshake')?.verdict).toBe('passed');
        expect(result.outcomes.find((o) => o.id === 'platform.errors.invalid-state')?.verdict, 'the SMS injector over TLS').toBe('passed');
      } else {
        // Once two tests in a row could not reach the target the run stops early: the rest do not run.
        const ran = result.outcomes.filter((o) => o.verdict === 'harness-error');
        expect(ran.length).toBeGreaterThanOrEqual(2);
        for (const o of ran) {
          expect(o.message).toContain('[harness:TLS_FAILURE]');
          expect(o.message).toContain('set GWS_TLS_CA_FILE');
        }
        expect(result.outcomes.filter((o) => o.verdict !== 'harness-error').every((o) => o.status === 'skipped')).toBe(true);
      }
    } finally {
      await mock.close();
    }
  });
}
