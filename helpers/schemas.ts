import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';

/**
 * The JSON Schema registry: every `schemas/**\/*.schema.json`, compiled once per process, known by
 * its path without the suffix (`notifications/sms-status-change`). Errors come out as
 * "JSON pointer, broken rule, offending value", one per line.
 */

export const SCHEMA_DIR = resolve(__dirname, '..', 'schemas');

export interface SchemaIssue {
  pointer: string;
  rule: string;
  message: string;
  value: unknown;
}

export interface SchemaVerdict {
  schema: string;
  issues: SchemaIssue[];
}

function listSchemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSchemaFiles(path);
    return entry.name.endsWith('.schema.json') ? [path] : [];
  });
}

class SchemaRegistry {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(dir: string) {
    const files = listSchemaFiles(dir);
    const named = files.map((file) => ({
      name: relative(dir, file).replace(/\\/g, '/').replace(/\.schema\.json$/, ''),
      schema: JSON.parse(readFileSync(file, 'utf8')) as { $id: string },
    }));
    for (const { schema } of named) this.ajv.addSchema(schema);
    for (const { name, schema } of named) {
      const validate = this.ajv.getSchema(schema.$id);
      if (!validate) throw new Error(`schema ${name} did not compile`);
      this.validators.set(name, validate);
    }
  }

  names(): string[] {
    return [...this.validators.keys()].sort();
  }

  has(name: string): boolean {
    return this.validators.has(name);
  }

  validate(name: string, value: unknown): SchemaVerdict {
    const validate = this.validators.get(name);
    if (!validate) throw new Error(`no schema named ${name}; known: ${this.names().join(', ')}`);
    if (validate(value)) return { schema: name, issues: [] };
    return { schema: name, issues: toIssues(validate.errors ?? [], value) };
  }
}

let registry: SchemaRegistry | undefined;

export function schemas(): SchemaRegistry {
  registry ??= new SchemaRegistry(SCHEMA_DIR);
  return registry;
}

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let current: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * ajv reports the branches of `if/then`, `allOf` and `anyOf` as separate errors; the ones a reader
 * can act on are the leaves (`required`, `enum`, `const`, `type`, `pattern`...).
 */
const WRAPPER_RULES = new Set(['if', 'allOf']);

function toIssues(errors: ErrorObject[], root: unknown): SchemaIssue[] {
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const error of errors) {
    if (WRAPPER_RULES.has(error.keyword)) continue;
    let pointer = error.instancePath || '/';
    let message = error.message ?? error.keyword;
    if (error.keyword === 'required') {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      pointer = `${error.instancePath}/${missing}`;
      message = 'is required but missing';
    } else if (error.keyword === 'enum') {
      message = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (error.keyword === 'const') {
      message = `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
    } else if (error.keyword === 'additionalProperties') {
      pointer = `${error.instancePath}/${(error.params as { additionalProperty: string }).additionalProperty}`;
      message = 'is not allowed (the documented shape has nothing else)';
    } else if (error.keyword === 'anyOf') {
      message = 'must satisfy one of the alternatives listed above';
    }
    const key = `${pointer}|${error.keyword}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({
      pointer,
      rule: `${error.keyword} (${error.schemaPath})`,
      message,
      value: error.keyword === 'required' ? undefined : valueAt(root, pointer === '/' ? '' : pointer),
    });
  }
  return issues;
}

function shortValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

export function formatIssues(verdict: SchemaVerdict): string {
  return verdict.issues
    .map((issue) => `  • ${issue.pointer} ${issue.message} [${issue.rule}]; value: ${shortValue(issue.value)}`)
    .join('\n');
}

/** The key of NOTIFICATION_SCHEMAS for a message printed without `notificationType`. */
export const NO_NOTIFICATION_TYPE = '(none)';

/**
 * Which schema a notification's `data` must satisfy: messageType → notificationType → schema name,
 * for the notificationTypes the documentation prints for that messageType, and nothing else: a
 * notificationType no page prints has no schema (it is recorded as such, never validated against
 * a neighbour's schema). A messageType not listed has no schema either (servers send more
 * notifications than the suites cover). Decisions: schemas/ERRATA.md, "Grading of the schemas".
 */
export const NOTIFICATION_SCHEMAS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  SMSsessionStateChangeMessage: {
    StatusChange: 'notifications/sms-status-change',
    ParticipantsUpdated: 'notifications/sms-participants-updated',
    PropertiesUpdated: 'notifications/sms-state-change',
  },
  MessageLogUpdated: { NewMessages: 'notifications/message-log-new-messages' },
  CallStateChangeMessage: {
    StatusChange: 'notifications/call-state-change',
    ParticipantsUpdated: 'notifications/call-state-change',
    AttachedDataChanged: 'notifications/call-state-change',
    CallRecordingStateChange: 'notifications/call-state-change',
    MonitoredUserMutedStateChange: 'notifications/call-monitored-user-muted',
  },
  DeviceStateChangeMessage: { [NO_NOTIFICATION_TYPE]: 'notifications/device-state-change' },
  ChannelStateChangeMessageV2: { [NO_NOTIFICATION_TYPE]: 'notifications/channel-state-change' },
};

/**
 * The topic each messageType comes on, where the documentation gives it (CallsMessageType,
 * AsynchronousEvents, AgentStateControlNotReady). The SMS topic is named nowhere, so SMS messages
 * may come on any `/v2/` topic except those documented for other message types.
 */
export const DOCUMENTED_CHANNELS: Readonly<Record<string, string>> = {
  DeviceStateChangeMessage: '/v2/me/devices',
  CallStateChangeMessage: '/v2/me/calls',
  ChannelStateChangeMessageV2: '/v2/me/channels',
};

/** The topic of the 8.5.0 channel notification printed without messageType (CometdNotification 8.5.0). */
const UNTYPED_CHANNEL = '/v2/me/channels';

/**
 * The schema of a notification's `data`, or undefined when the documentation has none for it.
 * `channel`, when known, lets an untyped message on /v2/me/channels take the channel schema.
 */
export function schemaForNotification(data: unknown, channel?: string): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const { messageType, notificationType } = data as { messageType?: unknown; notificationType?: unknown };
  if (messageType === undefined && channel === UNTYPED_CHANNEL) return 'notifications/channel-state-change';
  const byType = typeof messageType === 'string' ? NOTIFICATION_SCHEMAS[messageType] : undefined;
  if (!byType) return undefined;
  if (notificationType === undefined) return byType[NO_NOTIFICATION_TYPE];
  return typeof notificationType === 'string' && notificationType !== NO_NOTIFICATION_TYPE ? byType[notificationType] : undefined;
}

/**
 * A message on a topic the documentation does not give its messageType: a DeviceStateChangeMessage
 * anywhere but /v2/me/devices, or an SMS message on /v2/me/calls. Undefined when the topic fits.
 */
export function channelIssue(channel: string, data: unknown): SchemaIssue | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const messageType = (data as { messageType?: unknown }).messageType;
  if (typeof messageType !== 'string') return undefined;
  const documented = DOCUMENTED_CHANNELS[messageType];
  const rule = 'channel (the documented topic of each messageType)';
  if (documented !== undefined && channel !== documented) {
    return { pointer: '/channel', rule, message: `a ${messageType} comes on ${documented}, not on this topic`, value: channel };
  }
  if (documented === undefined && NOTIFICATION_SCHEMAS[messageType]) {
    const owner = Object.entries(DOCUMENTED_CHANNELS).find(([, topic]) => topic === channel)?.[0];
    if (owner) return { pointer: '/channel', rule, message: `${channel} carries ${owner}, not ${messageType}`, value: channel };
  }
  return undefined;
}

export interface NotificationVerdict {
  envelope: SchemaIssue[];
  schema: string | undefined;
  issues: SchemaIssue[];
}

/**
 * Validates a whole CometD message: the envelope (with the topic its messageType is documented
 * on), then `data` against its own schema. `schema` undefined means the documentation has none.
 */
export function validateNotification(message: { channel: string; data: unknown }): NotificationVerdict {
  const envelope = schemas().validate('cometd-envelope', message).issues;
  const misplaced = channelIssue(message.channel, message.data);
  if (misplaced) envelope.push(misplaced);
  const schema = schemaForNotification(message.data, message.channel);
  const issues = schema ? schemas().validate(schema, message.data).issues : [];
  return { envelope, schema, issues };
}
