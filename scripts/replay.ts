import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPLAY_FORMAT, type ReplayFile } from '../helpers/curl';
import { escapeRegExp } from './rerun';
import { PLAYWRIGHT_CLI, run } from '../reports/lib/run';

/**
 * `npm run replay -- <replay.json | test id>`: runs that one test again, alone, against the
 * configured target (the embedded mock when GWS_BASE_URL is unset), on the user set it had, and
 * prints the conversation as it happens: each request as a curl command with its reply, each step
 * and each notification. The replay file is the `replay.json` attachment of a failed test; a test
 * id is looked up in the last run record (reports/run.json), or else among the suites.
 */

const ROOT = resolve(__dirname, '..');
const REPORTS = resolve(ROOT, process.env.GWS_REPORTS_DIR || 'reports');

function fail(message: string): never {
  process.stderr.write(`gws-conformance replay: ${message}\n`);
  process.exit(2);
}

interface Listed {
  suites?: Listed[];
  specs?: { title: string; file: string; tests: { projectName: string; annotations: { type: string; description?: string }[] }[] }[];
}

/** The test with this id among the suites, from `playwright test --list` (no test runs). */
async function findInSuites(id: string, configArgs: string[]): Promise<ReplayFile | undefined> {
  const listed = await run(PLAYWRIGHT_CLI, ['test', ...configArgs, '--list', '--reporter=json'], { quiet: true });
  let report: Listed;
  try {
    report = JSON.parse(listed.output.slice(listed.output.indexOf('{'))) as Listed;
  } catch {
    return undefined;
  }
  const walk = (suites: Listed[]): ReplayFile | undefined => {
    for (const suite of suites) {
      for (const spec of suite.specs ?? []) {
        const t = spec.tests.find((x) => x.annotations.some((a) => a.type === 'allure.label.gwsId' && a.description === id));
        if (t) return { format: REPLAY_FORMAT, id, title: spec.title, file: `suites/${spec.file}`, project: t.projectName, users: '', target: '', command: `npm run replay -- ${id}` };
      }
      const found = walk(suite.suites ?? []);
      if (found) return found;
    }
    return undefined;
  };
  return walk(report.suites ?? []);
}

/** The test of the last run record with this id. */
function findInRecord(id: string): ReplayFile | undefined {
  const file = resolve(REPORTS, 'run.json');
  if (!existsSync(file)) return undefined;
  const record = JSON.parse(readFileSync(file, 'utf8')) as { tests?: { id: string; title: string; file: string }[] };
  const t = record.tests?.find((x) => x.id === id);
  return t ? { format: REPLAY_FORMAT, id, title: t.title.split(' › ').at(-1) ?? t.title, file: `suites/${t.file}`, project: '', users: '', target: '', command: `npm run replay -- ${id}` } : undefined;
}

export async function resolveReplay(what: string, configArgs: string[] = []): Promise<ReplayFile> {
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), what);
  if (what.endsWith('.json') && existsSync(path)) {
    const replay = JSON.parse(readFileSync(path, 'utf8')) as ReplayFile;
    if (replay.format !== REPLAY_FORMAT) fail(`${what} is not a replay file (format ${String(replay.format)})`);
    return replay;
  }
  return findInRecord(what) ?? (await findInSuites(what, configArgs)) ?? fail(`no test with id ${what} (ids are in reports/run.json and the gwsId label of the report)`);
}

async function main(args: string[]): Promise<number> {
  const [what, ...rest] = args;
  if (!what) fail('usage: npm run replay -- <replay.json | test id> [-c config]');
  const configArgs = rest.filter((a, i) => a === '-c' || a === '--config' || rest[i - 1] === '-c' || rest[i - 1] === '--config' || a.startsWith('--config='));
  const replay = await resolveReplay(what, configArgs);
  process.stdout.write(
    `gws-conformance replay: ${replay.id} (${replay.title}), ${replay.file}${replay.users ? `, as ${replay.users}` : ''}` +
      `${replay.target ? `; it failed against ${replay.target}` : ''}\n` +
      `The target is the configured one (GWS_BASE_URL, or an embedded mock started for this replay: to paste the commands by hand, ` +
      `run \`npm run mock -- --port 8090\` and set GWS_BASE_URL=http://127.0.0.1:8090).\n\n`,
  );
  const result = await run(
    PLAYWRIGHT_CLI,
    ['test', ...configArgs, ...(replay.project ? ['--project', replay.project] : []), '--workers=1', '--reporter=list', '--grep', escapeRegExp(replay.title), escapeRegExp(replay.file.replace(/^suites\//, ''))],
    { env: { ...process.env, GWS_REPLAY_TRACE: '1', GWS_USER_SET: replay.users, GWS_WORKERS: '1', GWS_REPORTS_DIR: resolve(REPORTS, 'replay') } },
  );
  return result.code;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => fail((error as Error).message),
  );
}
