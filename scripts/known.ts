import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { DEFAULT_KNOWN_FAILURES, fingerprintOf, loadKnownFailures, type KnownFailure } from '../reports/lib/known';
import { RECORD_FORMAT, type RunRecord } from '../reports/lib/record';
import { ROOT } from '../reports/lib/run-info';

/**
 * `npm run known -- --from reports/run.json [--out known-failures.json]`: writes a known-failures
 * entry for each failure of a run (non-conformant and non-strict), fingerprinted by its verdict
 * code and the step or member its message names, so that adopting the gate on a server with
 * failures is one command. The reason and link are left for a person to fill in; entries already
 * in the file are kept as they are. Harness errors get no entry: they are not the server's.
 * Exits 0, or 2 on unusable input.
 */

const HELP = `usage: npm run known -- --from <run.json> [--out <known-failures.json>]

Writes a known-failures entry (id, code, match) for each non-conformant or non-strict failure of
the run, keeping the entries the file already has. Fill in "reason" and "link" before committing.

  --from FILE   a run record: reports/run.json, or results.json of a certification bundle
  --out FILE    the known-failures file to write (default: ${DEFAULT_KNOWN_FAILURES})

exit status: 0 written, 2 unusable input
`;

export const TO_FILL = 'TO FILL IN: why this fails, and until when';

export function entriesFor(record: RunRecord, existing: KnownFailure[]): { entries: KnownFailure[]; added: string[] } {
  const have = new Set(existing.map((e) => e.id));
  const added: KnownFailure[] = [];
  for (const t of record.tests) {
    if (have.has(t.id) || (t.verdict !== 'failed' && t.verdict !== 'non-strict')) continue;
    const fp = fingerprintOf(t.id, t.code, t.message);
    added.push({ id: t.id, reason: `${TO_FILL} (${t.verdict === 'non-strict' ? 'non-strict ' : ''}${t.code ?? 'ASSERTION'}: ${(t.message ?? '').split('\n')[0]?.replace(/^.*?\[[a-z]+:[A-Z_]+\]\s*/, '').slice(0, 160) ?? ''})`, link: '', ...(fp.code ? { code: fp.code } : {}), ...(fp.match ? { match: fp.match } : {}) });
    have.add(t.id);
  }
  return { entries: [...existing, ...added], added: added.map((a) => a.id) };
}

function main(args: string[]): number {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const value = (name: string) => {
    const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    return args[i]!.includes('=') ? args[i]!.slice(name.length + 1) : args[i + 1];
  };
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const from = value('--from');
  if (!from) {
    process.stderr.write(`known: --from is required\n\n${HELP}`);
    return 2;
  }
  const out = value('--out') ? resolve(cwd, value('--out')!) : resolve(ROOT, DEFAULT_KNOWN_FAILURES);
  let record: RunRecord;
  try {
    record = JSON.parse(readFileSync(resolve(cwd, from), 'utf8')) as RunRecord;
  } catch (error) {
    process.stderr.write(`known: cannot read ${from} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    return 2;
  }
  if (record.format !== RECORD_FORMAT) {
    process.stderr.write(`known: ${from} is not a run record of format ${RECORD_FORMAT}\n`);
    return 2;
  }
  let existing: KnownFailure[];
  try {
    existing = existsSync(out) ? loadKnownFailures(out, true) : [];
  } catch (error) {
    process.stderr.write(`known: ${(error as Error).message}\n`);
    return 2;
  }
  const { entries, added } = entriesFor(record, existing);
  writeFileSync(out, `${JSON.stringify(entries, null, 2)}\n`);
  const harness = record.tests.filter((t) => t.verdict === 'harness-error').length;
  process.stdout.write(
    `known: ${added.length} entr${added.length === 1 ? 'y' : 'ies'} added to ${relative(cwd, out)} (${entries.length} in all)` +
      `${added.length ? `; fill in "reason" and "link" of: ${added.join(', ')}` : ''}` +
      `${harness ? `\n  ${harness} harness error(s) got no entry: they say the run could not check the server, fix the set-up instead` : ''}\n`,
  );
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
