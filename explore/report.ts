import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { classifyFailureMessage } from '../helpers/errors';
import { redactText } from '../helpers/redact';
import { AREAS, type Area } from './model/areas';
import type { ExploreOutcome } from './run';

/**
 * What an exploration leaves: a replay file per failure (seed, path, commands) that
 * `npm run explore -- --replay FILE` reruns, an Allure result with the conversation attached, and
 * a summary for the console.
 */

export interface ReplayFile {
  /** The areas whose commands were generated: a replay generates the same. */
  area: Area;
  seed: number;
  path: string;
  replayPath: string | undefined;
  maxCommands: number;
  commands: string[];
  /** Mock faults that were on (embedded mock only): the replay switches them on again. */
  faults: string[];
  error: string;
}

export function writeReplay(dir: string, outcome: ExploreOutcome, maxCommands: number, faults: string[], area: Area): string {
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `replay-${outcome.seed}.json`);
  const replay: ReplayFile = {
    area,
    seed: outcome.seed,
    path: outcome.path ?? '',
    replayPath: outcome.replayPath,
    maxCommands,
    commands: outcome.commands,
    faults,
    error: redactText(outcome.error ?? ''),
  };
  writeFileSync(file, `${JSON.stringify(replay, null, 2)}\n`);
  return file;
}

export function readReplay(file: string): ReplayFile {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ReplayFile>;
  if (typeof parsed.seed !== 'number' || typeof parsed.path !== 'string' || parsed.path === '') {
    throw new Error(`${file} is not a replay file of npm run explore (it needs "seed" and "path")`);
  }
  // A replay file without a known area was written when only SMS was explored.
  const area = parsed.area === 'all' || AREAS.includes(parsed.area as (typeof AREAS)[number]) ? parsed.area! : 'sms';
  return {
    area,
    seed: parsed.seed,
    path: parsed.path,
    replayPath: parsed.replayPath,
    maxCommands: parsed.maxCommands ?? 20,
    commands: parsed.commands ?? [],
    faults: parsed.faults ?? [],
    error: parsed.error ?? '',
  };
}

/** One Allure result for the exploration: passed, failed (strict finding) or broken (harness error). */
export function writeAllureResult(dir: string, outcome: ExploreOutcome, target: string, area: Area): void {
  mkdirSync(dir, { recursive: true });
  const uuid = randomUUID();
  const kind = outcome.error ? classifyFailureMessage(outcome.error) : undefined;
  const status = !outcome.failed ? 'passed' : kind === 'nonconformance' || kind === 'nonstrict' ? 'failed' : 'broken';
  const attachments: { name: string; source: string; type: string }[] = [];
  const attach = (name: string, body: string) => {
    const source = `${randomUUID()}-attachment.txt`;
    writeFileSync(resolve(dir, source), redactText(body));
    attachments.push({ name, source, type: 'text/plain' });
  };
  if (outcome.conversation) attach('conversation of the shrunk sequence', outcome.conversation);
  if (outcome.nonStrict.length > 0) attach('non-strict findings', outcome.nonStrict.map((f) => `${f.command}\n${f.message}`).join('\n\n'));
  const now = Date.now();
  const what = area === 'all' ? 'SMS and voice supervision' : area === 'sms' ? 'SMS supervision' : 'voice supervision';
  const name = outcome.failed ? `explored ${what} sequences: ${outcome.commands.join(' → ')}` : `explored ${what} sequences`;
  const result = {
    uuid,
    historyId: `explore.${area}`,
    testCaseId: `explore.${area}`,
    name,
    fullName: `explore: ${what} sequences`,
    status,
    statusDetails: outcome.error ? { message: redactText(outcome.error), trace: '' } : {},
    stage: 'finished',
    start: now - outcome.elapsedMs,
    stop: now,
    labels: [
      { name: 'suite', value: 'explore' },
      { name: 'epic', value: 'Sequences' },
      { name: 'feature', value: what },
    ],
    parameters: [
      { name: 'target', value: target },
      { name: 'seed', value: String(outcome.seed) },
      { name: 'sequences', value: String(outcome.sequences) },
      ...(outcome.path ? [{ name: 'path', value: outcome.path }] : []),
    ],
    attachments,
    steps: [],
  };
  writeFileSync(resolve(dir, `${uuid}-result.json`), JSON.stringify(result, null, 2));
}

export function summarize(outcome: ExploreOutcome, replayFile: string | undefined): string {
  const lines = [
    `explore: ${outcome.sequences} sequence(s) in ${(outcome.elapsedMs / 1000).toFixed(1)} s, seed ${outcome.seed}${outcome.interrupted ? ' (budget reached)' : ''}`,
  ];
  if (outcome.failed) {
    if (!outcome.path) lines.push(`BROKEN: a harness error ended the exploration (no verdict on the server); the sequence it happened in:`);
    else lines.push(`FAILED after ${outcome.shrinks} shrink step(s); the shortest failing sequence (${outcome.commands.length} commands):`);
    lines.push(...outcome.commands.map((c, i) => `  ${i + 1}. ${c}`));
    lines.push('', redactText(outcome.error ?? ''));
    if (replayFile) lines.push('', `replay: npm run explore -- --replay ${replayFile}`);
  } else {
    lines.push('no sequence contradicted the model');
  }
  if (outcome.nonStrict.length > 0) {
    lines.push('', `${outcome.nonStrict.length} non-strict finding(s) (the sequence stopped there; --strict makes them failures):`);
    for (const f of outcome.nonStrict.slice(0, 5)) lines.push(`  - ${f.command}: ${redactText(f.message.split('\n')[0] ?? '')}`);
  }
  return lines.join('\n');
}
