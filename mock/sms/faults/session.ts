import { breaksSchema, contradicts, neverArrives, notRefused, type FaultDefinition } from '../../faults/types';

/** Fault switches of the SMS Session API: Accept, Reject and the error shape. */
export const SESSION_FAULTS = {
  'sms.accept.no-participants-updated': {
    description: 'Accept sends no ParticipantsUpdated',
    suite: 'sms/accept.spec.ts',
    caughtBy: ['sms.accept.notification-sequence'],
    fails: neverArrives(/ParticipantsUpdated/),
  },
  'sms.accept.wrong-order': {
    description: 'Accept sends MessageLogUpdated before ParticipantsUpdated',
    suite: 'sms/accept.spec.ts',
    caughtBy: ['sms.accept.notification-sequence'],
    fails: { code: 'NOTIFICATION_OUT_OF_ORDER', message: /ParticipantsUpdated|NewMessages|MessageLogUpdated/ },
  },
  'sms.accept.wrong-state-name': {
    description: 'Accept reports state "Accepted" instead of "Chatting"',
    suite: 'sms/accept.spec.ts',
    caughtBy: ['sms.accept.notification-sequence', 'sms.accept.save-lar-true', 'sms.accept.save-lar-false'],
    fails: { code: ['SCHEMA_VIOLATION', 'NOTIFICATION_CONTRADICTS'], message: /Accepted|state/ },
  },
  'sms.accept.agent-not-listed': {
    description: "After Accept the session's participants list the customer only, not the agent who accepted",
    suite: 'sms/accept.spec.ts',
    caughtBy: ['sms.accept.notification-sequence'],
    fails: contradicts(/participant/),
  },
  'sms.accept.history-without-text': {
    description: "The history sent after Accept lacks the customer's text",
    suite: 'sms/accept.spec.ts',
    caughtBy: ['sms.accept.notification-sequence'],
    fails: { code: ['NOTIFICATION_CONTRADICTS', 'NOTIFICATION_TIMEOUT'], message: /Text/ },
  },
  'sms.accept.capabilities-stale': {
    description: 'After Accept the session still offers Accept and Reject instead of the Chatting capabilities',
    suite: 'sms/accept.spec.ts',
    caughtBy: ['sms.accept.notification-sequence'],
    fails: contradicts(/capabilit/i),
  },
  'sms.accept.participant-without-id': {
    description: 'Participants in ParticipantsUpdated carry no participantId (schema violation)',
    suite: 'sms/accept.spec.ts',
    caughtBy: ['sms.accept.notification-sequence'],
    fails: breaksSchema(/participantId/),
  },
  'sms.accept.twice-succeeds': {
    description: 'A second Accept of the same session answers statusCode 0',
    suite: 'sms/accept.spec.ts',
    caughtBy: ['sms.accept.second-accept-refused'],
    fails: notRefused,
  },
  'sms.accept.unknown-id-succeeds': {
    description: 'Accept of an unknown session id answers statusCode 0',
    suite: 'sms/accept.spec.ts',
    caughtBy: ['sms.accept.unknown-id-refused'],
    fails: notRefused,
  },
  'sms.error.extra-fields': {
    description: 'Error replies carry fields besides statusCode and statusMessage',
    suite: 'sms/accept.spec.ts',
    caughtBy: ['sms.accept.unknown-id-refused', 'sms.accept.second-accept-refused'],
    fails: { code: 'BAD_ERROR_REPLY', message: /additional|errorDetails|timestamp/i },
  },
  'sms.reject.no-completed': {
    description: 'Reject sends no StatusChange to Completed',
    suite: 'sms/reject.spec.ts',
    caughtBy: ['sms.reject.completed'],
    fails: neverArrives(/Completed/),
  },
  'sms.reject.capabilities-kept': {
    description: 'The Completed StatusChange after Reject still lists capabilities',
    suite: 'sms/reject.spec.ts',
    caughtBy: ['sms.reject.completed'],
    fails: { code: ['NOTIFICATION_CONTRADICTS', 'SCHEMA_VIOLATION'], message: /capabilit/i },
  },
} as const satisfies Record<string, FaultDefinition>;
