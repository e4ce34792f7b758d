import { resolve } from 'node:path';
import { loadConfig, TARGET_VARIABLES, type Credentials } from '../helpers/config';
import { ConfigError, classifyFailureMessage } from '../helpers/errors';
import { registerCredentials } from '../helpers/redact';
import { parseFaults } from '../mock/faults';
import { readReplay, summarize, writeAllureResult, writeReplay } from '../explore/report';
import { explore, openTarget, type ExploreOptions } from '../explore/run';
import { AREAS, type Area } from '../explore/model/areas';

/**
 * `npm run explore`: generated sequences of SMS and voice supervision commands, judged against the
 * model of explore/model, shrunk to the shortest failing sequence. Options:
 *   --area A           sms, voice or all (default all: both command sets, interleaved)
 *   --budget SECONDS   stop exploring after this long (default 60)
 *   --runs N           at most N sequences (default 1000)
 *   --seed N           the seed (default: random, printed)
 *   --max-commands N   commands generated per sequence (default 40; those whose precondition fails are skipped)
 *   --faults a,b       mock faults to switch on (embedded mock only; also GWS_MOCK_FAULTS)
 *   --strict           a non-strict finding fails too (also GWS_STRICT=1)
 *   --replay FILE      rerun the sequence of a replay file written by a failed exploration
 *   --mock             the embedded mock, whatever GWS_BASE_URL and .env say
 * Without GWS_BASE_URL it starts the embedded mock; a configured target needs the same
 * GWS_TARGET_CONFIRM as any run, and the exploration acts only on the sessions and calls it created.
 */

const ROOT = resolve(__dirname, '..');
const OUT = resolve(ROOT, 'reports/explore');
const ALLURE = process.env.GWS_ALLURE_RESULTS || resolve(ROOT, 'reports/allure-results');

function parseArgs(argv: string[]): Record<string, string | true> {
  const args: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new ConfigError('arguments', `unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (name === 'strict' || name === 'mock') args[name] = true;
    else if (inline !== undefined) args[name] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) args[name] = argv[++i]!;
    else throw new ConfigError(`--${name}`, 'needs a value');
  }
  const known = ['area', 'budget', 'runs', 'seed', 'max-commands', 'faults', 'strict', 'replay', 'mock'];
  for (const name of Object.keys(args)) if (!known.includes(name)) throw new ConfigError(`--${name}`, `is not an option of explore (${known.map((k) => `--${k}`).join(', ')})`);
  return args;
}

function whole(args: Record<string, string | true>, name: string, fallback: number): number {
  const raw = args[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw)) throw new ConfigError(`--${name}`, `must be a whole number, got ${String(raw)}`);
  return Number(raw);
}

function areaOf(args: Record<string, string | true>): Area | undefined {
  const raw = args.area;
  if (raw === undefined) return undefined;
  if (raw === 'all' || AREAS.includes(raw as (typeof AREAS)[number])) return raw as Area;
  throw new ConfigError('--area', `must be one of ${[...AREAS, 'all'].join(', ')}, got ${String(raw)}`);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  // --mock: the embedded mock whatever the environment or .env configure (as `conformance -- --mock`).
  if (args.mock === true) for (const name of TARGET_VARIABLES) process.env[name] = '';
  // Against the in-process mock a deviation shows within milliseconds: shorter waits give more sequences per budget.
  if (!process.env.GWS_BASE_URL?.trim()) {
    process.env.GWS_NOTIFICATION_TIMEOUT_MS ||= '1500';
    process.env.GWS_QUIET_WINDOW_MS ||= '300';
  }
  const config = loadConfig();
  for (const set of config.userSets) for (const c of Object.values(set) as Credentials[]) registerCredentials(c.username, c.password);
  const replay = typeof args.replay === 'string' ? readReplay(args.replay) : undefined;
  const faultList = [typeof args.faults === 'string' ? args.faults : '', process.env.GWS_MOCK_FAULTS ?? '', ...(replay?.faults ?? [])].filter(Boolean).join(',');
  const faults = [...new Set(parseFaults(faultList))];
  if (faults.length > 0 && config.baseUrl) throw new ConfigError('--faults', 'switches faults of the embedded mock; it cannot be used with GWS_BASE_URL');
  const options: ExploreOptions = {
    area: replay?.area ?? areaOf(args) ?? 'all',
    budgetMs: whole(args, 'budget', 60) * 1000,
    runs: whole(args, 'runs', 1000),
    maxCommands: replay?.maxCommands ?? whole(args, 'max-commands', 40),
    seed: replay?.seed ?? whole(args, 'seed', Math.floor(Math.random() * 2 ** 31)),
    strict: args.strict === true || process.env.GWS_STRICT === '1',
    replay: replay ? { seed: replay.seed, path: replay.path, replayPath: replay.replayPath } : undefined,
  };
  if (options.budgetMs <= 0 || options.runs <= 0 || options.maxCommands <= 0) throw new ConfigError('--budget/--runs/--max-commands', 'must be positive');

  const targetName = config.baseUrl ? config.baseUrl.host : `embedded mock${faults.length ? ` with ${faults.join(', ')}` : ''}`;
  process.stdout.write(
    `explore: ${replay ? `replaying seed ${options.seed}` : `seed ${options.seed}, up to ${options.runs} sequences within ${options.budgetMs / 1000} s`} (area ${options.area}) against ${targetName}\n`,
  );
  const opened = await openTarget(config, faults);
  let outcome;
  try {
    outcome = await explore(config, opened.target, options);
  } finally {
    await opened.close();
  }
  const replayFile = outcome.failed && outcome.path && !replay ? writeReplay(OUT, outcome, options.maxCommands, faults, options.area) : undefined;
  writeAllureResult(ALLURE, outcome, targetName, options.area);
  process.stdout.write(`${summarize(outcome, replayFile)}\n`);
  if (outcome.conversation && outcome.failed) process.stdout.write(`\n${outcome.conversation}\n`);
  if (!outcome.failed) return 0;
  const kind = classifyFailureMessage(outcome.error ?? '');
  return kind === 'nonconformance' || kind === 'nonstrict' ? 1 : 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`explore: ${error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error))}\n`);
    process.exit(2);
  },
);
