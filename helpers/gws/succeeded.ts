import { NonConformance } from '../errors';
import { redactText } from '../redact';
import { formatIssues, schemas } from '../schemas';
import type { GwsReply } from './session';

/**
 * A reply the test needs to have succeeded: one failure for every set-up step, SMS or voice, and
 * the same success-shape check as the matcher toHaveStatusCode(0), which asserts a reply that is
 * the subject of a test.
 */

/** The body as messages quote it: redacted, cut after 300 characters. */
export function quotedBody(reply: GwsReply): string {
  return redactText(reply.text.length > 300 ? `${reply.text.slice(0, 300)}…` : reply.text);
}

/** What breaks the documented success shape (replies/operation-reply) in a statusCode 0 reply; undefined when nothing does. */
export function successShapeBroken(reply: GwsReply): string | undefined {
  const verdict = schemas().validate('replies/operation-reply', reply.json);
  if (verdict.issues.length === 0) return undefined;
  return `${reply.label}: the success reply breaks ${verdict.schema}:\n${formatIssues(verdict)}`;
}

/**
 * `what` (the operation, as a step names it) must have answered statusCode 0 in the documented
 * success shape for the test to go on; anything else is the server's fault. A reply that is not
 * JSON fails as such (NOT_JSON).
 */
export function succeeded(reply: GwsReply, what: string): void {
  void reply.json;
  const code = reply.statusCode;
  if (code !== 0) {
    throw new NonConformance('UNEXPECTED_STATUS_CODE', `${reply.label}: ${what} answered statusCode ${String(code)} (HTTP ${reply.status}), expected statusCode 0: ${quotedBody(reply)}`);
  }
  const broken = successShapeBroken(reply);
  if (broken) throw new NonConformance('SCHEMA_VIOLATION', broken);
}
