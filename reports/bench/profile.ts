import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join, relative, resolve } from 'node:path';

/**
 * Where a process's time went, from a V8 CPU profile (`--cpu-prof`, or the inspector for the
 * benchmark's own process): self time per area (idle, garbage collection, Node's HTTP and streams,
 * each library, each of the project's files) and the functions that took the most.
 */

const ROOT = resolve(__dirname, '..', '..');

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  what: string;
  ms: number;
  /** Of the time sampled, idle included. */
  percent: number;
}

export interface ProfileSummary {
  file: string;
  sampledMs: number;
  busyPercent: number;
  byArea: ProfileShare[];
  topFunctions: ProfileShare[];
}

/** The area a function belongs to: a library by package, Node by module family, the project by file. */
function areaOf(frame: CallFrame): string {
  if (frame.url === '') {
    if (frame.functionName === '(idle)') return 'idle';
    if (frame.functionName === '(garbage collector)') return 'garbage collection';
    if (frame.functionName === '(program)') return 'V8 (not attributed)';
    return 'native calls (socket writes, crypto, …)';
  }
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(frame.url);
  if (inPackage) return inPackage[1]!;
  if (frame.url.startsWith('node:')) {
    return /^node:(_http|http|net|internal\/(streams|stream_base|http))/.test(frame.url) ? 'Node: HTTP, sockets, streams' : 'Node: other';
  }
  const path = frame.url.startsWith('file://') ? new URL(frame.url).pathname : frame.url;
  return path.startsWith(ROOT) ? relative(ROOT, path) : path;
}

function where(frame: CallFrame): string {
  const area = areaOf(frame);
  return frame.url === '' ? frame.functionName : `${frame.functionName || '(anonymous)'} (${area}:${frame.lineNumber + 1})`;
}

const share = (total: number) => ([what, us]: [string, number]): ProfileShare => ({
  what,
  ms: Math.round(us / 1000),
  percent: Math.round((1000 * us) / total) / 10,
});

export function summarizeProfile(file: string, limit = 10): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const frame = frames.get(id);
    if (!frame || us <= 0) return;
    total += us;
    const area = areaOf(frame);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    if (area !== 'idle') byFunction.set(where(frame), (byFunction.get(where(frame)) ?? 0) + us);
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, limit).map(share(total || 1));
  return {
    file: file.startsWith(ROOT) ? relative(ROOT, file) : file,
    sampledMs: Math.round(total / 1000),
    busyPercent: Math.round((1000 * (total - (byArea.get('idle') ?? 0))) / (total || 1)) / 10,
    byArea: sorted(byArea),
    topFunctions: sorted(byFunction),
  };
}

/** The largest profile `--cpu-prof` wrote into `dir` for process `pid` (its main thread's). */
export function profileOfProcess(dir: string, pid: number): string | undefined {
  const mine = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile') && name.includes(`.${pid}.`))
    .map((name) => join(dir, name));
  return mine.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

/** Profiles this process until the returned function is called, which writes the profile to `file`. */
export async function profileThisProcess(file: string): Promise<() => Promise<string>> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string): Promise<T> =>
    new Promise((done, fail) => session.post(method, (error, result) => (error ? fail(error) : done(result as T))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = await post<{ profile: unknown }>('Profiler.stop');
    session.disconnect();
    writeFileSync(file, JSON.stringify(profile));
    return file;
  };
}
