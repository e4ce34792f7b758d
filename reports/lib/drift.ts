import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SCHEMA_DIR, schemaForNotification } from '../../helpers/schemas';
import { operationKey, type ExchangeEvidence } from './evidence';

/**
 * Coverage and drift from what was seen: every notification and reply of the run, tallied per
 * message type (notifications) or operation (replies). Per type: the members seen that its schema
 * does not declare (undocumented extensions), the members and enumerated values the schema
 * declares that never arrived, and the enumerated values seen (states, visibilities,
 * capabilities...). An observation, never a verdict: it decides nothing about the exit status.
 *
 * Member paths: `call.participants[].role` (arrays as `[]`). A schema object without `properties`
 * (userData, extensions) is open: what is under it is not counted as undeclared.
 */

type Json = Record<string, unknown>;

export interface TypeTally {
  count: number;
  /** The schema the type is checked against, or null when none declares it. */
  schema: string | null;
  seen: string[];
  undeclared: string[];
  neverSeen: string[];
  /** Values seen of enumerated members (the schema's enum/const, or the harness's vocabulary). */
  values: Record<string, (string | number | boolean)[]>;
  /** Documented values of enumerated members that never arrived. */
  valuesNeverSeen: Record<string, (string | number | boolean)[]>;
}

export type DriftTally = { notifications: Record<string, TypeTally>; replies: Record<string, TypeTally> };

interface Declared {
  members: Set<string>;
  open: Set<string>;
  enums: Map<string, Set<string | number | boolean>>;
}

const files = new Map<string, Json>();
function load(file: string): Json {
  if (!files.has(file)) files.set(file, JSON.parse(readFileSync(file, 'utf8')) as Json);
  return files.get(file)!;
}

function pointer(root: Json, fragment: string): Json {
  return fragment
    .replace(/^\//, '')
    .split('/')
    .filter(Boolean)
    .reduce<Json>((node, key) => (node[key.replace(/~1/g, '/').replace(/~0/g, '~')] as Json) ?? {}, root);
}

/** Walks a schema (with $ref, allOf/anyOf/oneOf, if/then/else) and collects what it declares. */
function collect(schema: Json, file: string, path: string, out: Declared, depth = 0): void {
  if (!schema || typeof schema !== 'object' || depth > 40) return;
  if (typeof schema.$ref === 'string') {
    const [target, fragment = ''] = schema.$ref.split('#');
    const refFile = target ? join(dirname(file), target) : file;
    collect(pointer(load(refFile), fragment), refFile, path, out, depth + 1);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) for (const s of (schema[key] as Json[] | undefined) ?? []) collect(s, file, path, out, depth + 1);
  for (const key of ['if', 'then', 'else'] as const) if (schema[key]) collect(schema[key] as Json, file, path, out, depth + 1);
  // A closed list (enum, const), or the printed values of an open one (examples: recorded, not enforced).
  const values = [...((schema.enum as unknown[] | undefined) ?? []), ...((schema.examples as unknown[] | undefined) ?? []), ...('const' in schema ? [schema.const] : [])].filter((v) => ['string', 'number', 'boolean'].includes(typeof v));
  if (values.length > 0 && path) {
    const set = out.enums.get(path) ?? new Set();
    for (const v of values) set.add(v as string | number | boolean);
    out.enums.set(path, set);
  }
  if (schema.items) collect(schema.items as Json, file, `${path}[]`, out, depth + 1);
  const properties = schema.properties as Record<string, Json> | undefined;
  if (properties) {
    for (const [name, child] of Object.entries(properties)) {
      const childPath = path ? `${path}.${name}` : name;
      out.members.add(childPath);
      collect(child, file, childPath, out, depth + 1);
    }
  } else if (schema.type === 'object' || schema.additionalProperties !== undefined || schema.patternProperties) {
    out.open.add(path);
  }
}

const declaredCache = new Map<string, Declared>();
export function declaredBy(schema: string): Declared {
  if (!declaredCache.has(schema)) {
    const file = join(SCHEMA_DIR, `${schema}.schema.json`);
    const out: Declared = { members: new Set(), open: new Set(), enums: new Map() };
    collect(load(file), file, '', out);
    // A path declared open and also given properties elsewhere is not open.
    for (const p of out.open) if ([...out.members].some((m) => m.startsWith(`${p}.`) || m.startsWith(`${p}[]`))) out.open.delete(p);
    declaredCache.set(schema, out);
  }
  return declaredCache.get(schema)!;
}

/** Keys whose values are a vocabulary, kept even where no schema enumerates them. */
const VOCABULARY = /^(messageType|notificationType|state|visibility|type|supervisorMode|mode|deviceState|doNotDisturb|telephonyNetwork|callType|capabilities|dndState|monitoredUserMuted|channel|role)$/;

function walk(value: unknown, path: string, key: string, seen: Set<string>, values: Map<string, Set<string | number | boolean>>, enumerated: (p: string) => boolean): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, `${path}[]`, key, seen, values, enumerated);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Json)) {
      const child = path ? `${path}.${k}` : k;
      seen.add(child);
      walk(v, child, k, seen, values, enumerated);
    }
    return;
  }
  if ((enumerated(path) || VOCABULARY.test(key)) && ['string', 'number', 'boolean'].includes(typeof value)) {
    const set = values.get(path) ?? new Set();
    set.add(value as string | number | boolean);
    values.set(path, set);
  }
}

interface Entry {
  count: number;
  schema: string | null;
  seen: Set<string>;
  values: Map<string, Set<string | number | boolean>>;
}

const sorted = <T extends string | number | boolean>(s: Iterable<T>) => [...s].sort((a, b) => String(a).localeCompare(String(b)));

export class DriftCollector {
  private readonly types = { notifications: new Map<string, Entry>(), replies: new Map<string, Entry>() };

  private add(kind: 'notifications' | 'replies', key: string, schema: string | null, data: unknown): void {
    const entry = this.types[kind].get(key) ?? { count: 0, schema, seen: new Set<string>(), values: new Map() };
    entry.count += 1;
    const enums = schema ? declaredBy(schema).enums : new Map();
    walk(data, '', '', entry.seen, entry.values, (p) => enums.has(p));
    this.types[kind].set(key, entry);
  }

  notification(data: Json): void {
    this.add('notifications', `${String(data.messageType ?? '?')}/${String(data.notificationType ?? '-')}`, schemaForNotification(data) ?? null, data);
  }

  /** A reply with a JSON object body: the success or error reply of an operation. */
  reply(exchange: ExchangeEvidence & { responseBody?: unknown }): void {
    const body = exchange.responseBody;
    if (!body || typeof body !== 'object' || Array.isArray(body) || exchange.status === undefined) return;
    const code = (body as Json).statusCode;
    // The documented reply shapes: statusCode alone on success, statusCode and statusMessage on refusal.
    const isOperation = exchange.method !== 'GET' && typeof code === 'number';
    const schema = isOperation ? (code === 0 ? 'replies/operation-reply' : 'replies/error-reply') : null;
    this.add('replies', `${operationKey(exchange)} → ${typeof code === 'number' ? (code === 0 ? 'statusCode 0' : 'refused') : `HTTP ${exchange.status}`}`, schema, body);
  }

  result(): DriftTally {
    const out = (m: Map<string, Entry>) =>
      Object.fromEntries(
        [...m].sort(([a], [b]) => a.localeCompare(b)).map(([key, e]) => {
          const declared = e.schema ? declaredBy(e.schema) : undefined;
          const isOpen = (p: string) => !!declared && [...declared.open].some((o) => o === '' || p.startsWith(`${o}.`) || p.startsWith(`${o}[]`));
          const values = Object.fromEntries(sorted(e.values.keys()).map((p) => [p, sorted(e.values.get(p)!)]));
          const valuesNeverSeen = declared
            ? Object.fromEntries(
                sorted(declared.enums.keys())
                  .map((p) => [p, sorted([...declared.enums.get(p)!].filter((v) => !e.values.get(p)?.has(v)))] as const)
                  .filter(([, v]) => v.length > 0),
              )
            : {};
          const tally: TypeTally = {
            count: e.count,
            schema: e.schema,
            seen: sorted(e.seen),
            undeclared: declared ? sorted([...e.seen].filter((p) => !declared.members.has(p) && !isOpen(p))) : [],
            neverSeen: declared ? sorted([...declared.members].filter((p) => !e.seen.has(p))) : [],
            values,
            valuesNeverSeen,
          };
          return [key, tally];
        }),
      );
    return { notifications: out(this.types.notifications), replies: out(this.types.replies) };
  }
}
