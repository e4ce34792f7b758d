/**
 * What a run selected and how it ran: read from the arguments given to Playwright, so that a run
 * of part of the suites is never taken for a whole one (the verdict says "partial", and
 * `npm run certify` refuses it unless told `--partial`).
 */

export interface Selection {
  grep: string[];
  grepInvert: string[];
  /** File or line filters (positional arguments). */
  files: string[];
  shard?: string;
  lastFailed: boolean;
  onlyChanged: boolean;
  projects: string[];
  /** Each reason the run is partial, as a person would say it; empty for a whole run. */
  partial: string[];
}

export interface RunSetup {
  selection: Selection;
  workers: number;
  userSets: number;
  timeouts: { testMs: number; notificationMs: number; quietWindowMs: number };
  /** Non-strict failures fail the gate (`--strict` or GWS_STRICT=1). */
  strict: boolean;
}

/** Playwright options that take a value (the value is not a file filter). */
const WITH_VALUE = new Set([
  '-g', '--grep', '--grep-invert', '--shard', '--project', '-j', '--workers', '--timeout', '--reporter', '-c', '--config',
  '--retries', '--repeat-each', '--max-failures', '--output', '--trace', '--global-timeout', '--tsconfig', '--update-snapshots', '-u',
]);

export function selectionOf(args: string[]): Selection {
  const s: Selection = { grep: [], grepInvert: [], files: [], lastFailed: false, onlyChanged: false, projects: [], partial: [] };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('-') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (arg.startsWith('-') && eq > 0 ? arg.slice(eq + 1) : (args[++i] ?? ''));
    if (name === '-g' || name === '--grep') s.grep.push(value());
    else if (name === '--grep-invert') s.grepInvert.push(value());
    else if (name === '--shard') s.shard = value();
    else if (name === '--project') s.projects.push(value());
    else if (name === '--last-failed') s.lastFailed = true;
    else if (name === '--only-changed') s.onlyChanged = true;
    else if (WITH_VALUE.has(name)) value();
    else if (!arg.startsWith('-')) s.files.push(arg);
  }
  if (s.grep.length) s.partial.push(`--grep ${s.grep.join(' ')}`);
  if (s.grepInvert.length) s.partial.push(`--grep-invert ${s.grepInvert.join(' ')}`);
  if (s.files.length) s.partial.push(`files ${s.files.join(' ')}`);
  if (s.shard && !/^1\/1$/.test(s.shard)) s.partial.push(`shard ${s.shard}`);
  if (s.lastFailed) s.partial.push('--last-failed');
  if (s.onlyChanged) s.partial.push('--only-changed');
  if (s.projects.length) s.partial.push(`--project ${s.projects.join(' ')}`);
  return s;
}

export const WHOLE: Selection = { grep: [], grepInvert: [], files: [], lastFailed: false, onlyChanged: false, projects: [], partial: [] };

/** `--strict` among the arguments, or GWS_STRICT=1. */
export function strictOf(args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  return args.includes('--strict') || /^(1|true|yes)$/i.test(env.GWS_STRICT ?? '');
}
