import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { HELP, helpRequested } from './help';
import { formatIssues, NOTIFICATION_SCHEMAS, schemaForNotification, schemas, validateNotification } from '../helpers/schemas';

/**
 * `npm run validate -- <file-or-folder> ...`: checks notifications captured from any server against
 * the harness's schemas. A file holds one message or a JSON array of them; a message is a CometD
 * message with its envelope ({"channel", "data"}) or the bare `data` object. The schema is chosen
 * by messageType and notificationType; a notificationType no page prints for its messageType has
 * none. With the envelope, a message on a topic its messageType is not documented on is invalid. Exits 1 if any message is invalid or has no schema, 2 if
 * an input cannot be read.
 */

function jsonFiles(path: string): string[] {
  const stat = statSync(path);
  if (stat.isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? jsonFiles(join(path, e.name)) : e.name.endsWith('.json') ? [join(path, e.name)] : []))
    .sort();
}

export interface MessageVerdict {
  where: string;
  ok: boolean;
  text: string;
}

/** Why a message has no schema: an undocumented messageType, or a notificationType no page prints for it. */
function noSchemaReason(d: Record<string, unknown>): string {
  const known = typeof d.messageType === 'string' ? NOTIFICATION_SCHEMAS[d.messageType] : undefined;
  if (!known) return 'the harness has none for this messageType';
  const printed = Object.keys(known).join(', ');
  return `no page prints this notificationType for ${String(d.messageType)}; documented: ${printed}`;
}

export function validateMessage(message: unknown, where: string): MessageVerdict {
  if (!message || typeof message !== 'object' || Array.isArray(message)) return { where, ok: false, text: 'not a JSON object' };
  const m = message as Record<string, unknown>;
  const enveloped = 'data' in m && 'channel' in m;
  const data = enveloped ? m.data : m;
  const notes: string[] = [];
  let ok = true;
  const d = (data ?? {}) as Record<string, unknown>;
  const kind = `${String(d.messageType ?? '(no messageType)')}/${String(d.notificationType ?? '-')}`;
  if (enveloped) {
    const verdict = validateNotification({ channel: String(m.channel), data });
    if (verdict.envelope.length) {
      ok = false;
      notes.push(`envelope breaks cometd-envelope:\n${formatIssues({ schema: 'cometd-envelope', issues: verdict.envelope })}`);
    }
  }
  const schema = schemaForNotification(data, enveloped ? String(m.channel) : undefined);
  if (!schema) return { where, ok: false, text: `${kind}: NO SCHEMA (${noSchemaReason(d)})${notes.length ? `\n${notes.join('\n')}` : ''}` };
  const verdict = schemas().validate(schema, data);
  if (verdict.issues.length) {
    ok = false;
    notes.push(`breaks ${schema}:\n${formatIssues(verdict)}`);
  }
  return { where, ok, text: ok ? `${kind}: valid (${schema}${enveloped ? ', with envelope' : ', bare data'})` : `${kind}: INVALID\n${notes.join('\n')}` };
}

function main(): number {
  const inputs = process.argv.slice(2).filter((a) => a !== '--');
  if (inputs.length === 0) {
    process.stderr.write('usage: npm run validate -- <file-or-folder> [...]\n');
    return 2;
  }
  const verdicts: MessageVerdict[] = [];
  for (const input of inputs) {
    let files: string[];
    try {
      files = jsonFiles(resolve(process.env.INIT_CWD ?? process.cwd(), input));
    } catch {
      process.stderr.write(`validate: cannot read ${input}\n`);
      return 2;
    }
    for (const file of files) {
      const name = relative(process.cwd(), file);
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        verdicts.push({ where: name, ok: false, text: `not valid JSON (${(error as Error).message.split('\n')[0]})` });
        continue;
      }
      const messages = Array.isArray(parsed) ? parsed : [parsed];
      messages.forEach((m, i) => verdicts.push(validateMessage(m, Array.isArray(parsed) ? `${name}[${i}]` : name)));
    }
  }
  for (const v of verdicts) process.stdout.write(`${v.ok ? 'ok  ' : 'FAIL'} ${v.where}: ${v.text}\n`);
  const bad = verdicts.filter((v) => !v.ok).length;
  process.stdout.write(`\n${verdicts.length - bad} valid, ${bad} invalid or without schema\n`);
  return bad === 0 && verdicts.length > 0 ? 0 : 1;
}

if (require.main === module) process.exit(helpRequested(process.argv.slice(2), HELP.validate) ? 0 : main());
