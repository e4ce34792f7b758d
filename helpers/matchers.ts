import { expect as baseExpect } from '@playwright/test';
import { NonConformance } from './errors';
import type { GwsReply } from './gws/session';
import { quotedBody as body, successShapeBroken } from './gws/succeeded';
import { formatIssues, schemas } from './schemas';

/**
 * Domain matchers with one message format: what was sent, by whom, what was expected, what came
 * back. Messages carry the non-conformance tag so that reports classify them.
 */

function notJson(reply: GwsReply): { pass: false; message: () => string } | undefined {
  try {
    void reply.json;
    return undefined;
  } catch (error) {
    return { pass: false, message: () => (error as NonConformance).message };
  }
}

export const expect = baseExpect.extend({
  /** The reply is JSON with this `statusCode`; a success also has the documented success shape. */
  toHaveStatusCode(reply: GwsReply, expected: number) {
    const name = 'toHaveStatusCode';
    const bad = notJson(reply);
    if (bad) return { ...bad, name };
    const actual = reply.statusCode;
    if (actual !== expected) {
      return {
        pass: false,
        name,
        message: () =>
          `[nonconformance:UNEXPECTED_STATUS_CODE] ${reply.label}: expected statusCode ${expected}, got ${String(actual)} (HTTP ${reply.status}): ${body(reply)}`,
      };
    }
    const broken = expected === 0 ? successShapeBroken(reply) : undefined;
    if (broken) return { pass: false, name, message: () => `[nonconformance:SCHEMA_VIOLATION] ${broken}` };
    return { pass: true, name, message: () => `${reply.label}: statusCode is ${expected}` };
  },

  /**
   * The request was refused in the documented shape: a non-zero statusCode (this one, when given)
   * with a statusMessage and nothing else. The HTTP status is not asserted (the documentation does
   * not give one).
   */
  toBeRefused(reply: GwsReply, statusCode?: number, grade: { inferred?: string } = {}) {
    const name = 'toBeRefused';
    const bad = notJson(reply);
    if (bad) return { ...bad, name };
    const code = reply.statusCode;
    const nonStrictCode = statusCode !== undefined && grade.inferred !== undefined;
    if (code === 0 || code === undefined || (statusCode !== undefined && code !== statusCode && !nonStrictCode)) {
      const expected = statusCode === undefined ? 'a refusal (statusCode > 0)' : `a refusal with statusCode ${statusCode}`;
      return {
        pass: false,
        name,
        message: () =>
          `[nonconformance:UNEXPECTED_STATUS_CODE] ${reply.label}: expected ${expected}, got ${String(code)} (HTTP ${reply.status}): ${body(reply)}`,
      };
    }
    const verdict = schemas().validate('replies/error-reply', reply.json);
    if (verdict.issues.length > 0) {
      return {
        pass: false,
        name,
        message: () =>
          `[nonconformance:BAD_ERROR_REPLY] ${reply.label}: the refusal (statusCode ${code}, HTTP ${reply.status}) breaks ${verdict.schema}:\n${formatIssues(verdict)}`,
      };
    }
    // A refusal in the documented shape with another code than the one a reading expects: non-strict.
    if (statusCode !== undefined && code !== statusCode) {
      const detail = `${reply.label}: expected a refusal with statusCode ${statusCode}, got ${code} (HTTP ${reply.status}): ${body(reply)}`;
      return { pass: false, name, message: () => new NonConformance('UNEXPECTED_STATUS_CODE', detail, { inferred: grade.inferred }).message };
    }
    return { pass: true, name, message: () => `${reply.label}: refused with statusCode ${code}` };
  },

  /** The HTTP status itself, where the documentation gives one (403 for CSRF). */
  toHaveHttpStatus(reply: GwsReply, expected: number) {
    const name = 'toHaveHttpStatus';
    return {
      pass: reply.status === expected,
      name,
      message: () =>
        reply.status === expected
          ? `${reply.label}: HTTP ${expected}`
          : `[nonconformance:UNEXPECTED_HTTP_STATUS] ${reply.label}: expected HTTP ${expected}, got HTTP ${reply.status}: ${body(reply)}`,
    };
  },

  toMatchSchema(value: unknown, schema: string) {
    const name = 'toMatchSchema';
    const verdict = schemas().validate(schema, value);
    return {
      pass: verdict.issues.length === 0,
      name,
      message: () =>
        verdict.issues.length === 0
          ? `value matches ${schema}`
          : `[nonconformance:SCHEMA_VIOLATION] value breaks ${schema}:\n${formatIssues(verdict)}`,
    };
  },
});
