import fc from 'fast-check';
import type { Config } from '../helpers/config';
import { HarnessError } from '../helpers/errors';
import { userSetsOf } from '../mock/users';
import { startMock, type MockHandle } from '../mock/server';
import type { FaultName } from '../mock/faults';
import { parseLatitude, parseLatitudeSeed } from '../mock/latitude/switches';
import { areasOf, emptyModel, type Area } from './model/areas';
import { smsCommands } from './sms-commands';
import { voiceCommands } from './voice-commands';
import { World, type Cmd, type Finding, type Target } from './world';

/**
 * The exploration: fast-check's model-based testing over the SMS and voice commands (or those of one
 * area), bounded by a number of sequences and a time budget; a failing sequence is shrunk by
 * fast-check to the shortest one that still fails, then run once more by its seed and path to
 * record the conversation.
 */

/**
 * The sequences explored: each one of a single area, the area chosen at random when both are
 * explored. (The model holds both areas, so a given sequence may also mix them: runSequence.)
 */
export function sequencesOf(area: Area, options: { maxCommands: number; replayPath: string | undefined }): fc.Arbitrary<Iterable<Cmd>> {
  const settings = { maxCommands: options.maxCommands, size: 'max' as const, replayPath: options.replayPath };
  return fc.oneof(...areasOf(area).map((name) => fc.commands(name === 'sms' ? smsCommands() : voiceCommands(), settings)));
}

export interface ExploreOptions {
  /** The areas whose commands are generated (default both). */
  area: Area;
  budgetMs: number;
  runs: number;
  maxCommands: number;
  seed: number;
  strict: boolean;
  /** Replay one sequence instead of exploring. */
  replay?: { seed: number; path: string; replayPath: string | undefined };
  /** With a replay: shrink it further (within budgetMs) instead of running it once. */
  shrink?: boolean;
}

export interface ExploreOutcome {
  failed: boolean;
  interrupted: boolean;
  sequences: number;
  shrinks: number;
  seed: number;
  path: string | undefined;
  replayPath: string | undefined;
  commands: string[];
  error: string | undefined;
  /** The conversation of the shrunk sequence, run once more. */
  conversation: string | undefined;
  nonStrict: Finding[];
  elapsedMs: number;
  /** From the start to the end of the first sequence that failed, before any shrinking. */
  firstFailureMs: number | undefined;
}

export interface OpenTarget {
  target: Target;
  close(): Promise<void>;
}

/** The configured target, or an embedded mock (with these faults) when GWS_BASE_URL is unset. */
export async function openTarget(config: Config, faults: FaultName[]): Promise<OpenTarget> {
  if (config.baseUrl) {
    const users = config.userSets[0];
    if (!users) throw new HarnessError('SETUP_FAILED', 'no user set is configured');
    return { target: { baseUrl: config.baseUrl, users, smsInjectUrl: config.smsInjectUrl, mockUrl: undefined }, close: async () => undefined };
  }
  // The mock's latitude (GWS_MOCK_LATITUDE): exploring a conformant variation must find nothing.
  const latitude = parseLatitude(process.env.GWS_MOCK_LATITUDE);
  const latitudeSeed = parseLatitudeSeed(process.env.GWS_MOCK_LATITUDE_SEED);
  if (latitude.length > 0) process.stdout.write(`explore: mock latitude ${latitude.join(',')} (seed ${latitudeSeed})\n`);
  const mock: MockHandle = await startMock({ faults, smsChannel: config.smsChannel, latitude, latitudeSeed });
  const users = userSetsOf(mock.users)[0]!;
  return {
    target: { baseUrl: new URL(mock.url), users, smsInjectUrl: new URL(mock.smsInjectUrl), mockUrl: mock.url },
    close: () => mock.close(),
  };
}

/** "agent Accept(#0),inbound SMS /*replayPath="…"*\/": the commands that ran, and the replay path. */
export function parseCommands(text: string): { commands: string[]; replayPath: string | undefined } {
  const replayPath = /\/\*replayPath="([^"]*)"\*\//.exec(text)?.[1];
  const list = text.replace(/\s*\/\*replayPath="[^"]*"\*\/\s*$/, '').trim();
  return { commands: list === '' ? [] : list.split(','), replayPath };
}

export async function explore(config: Config, target: Target, options: ExploreOptions): Promise<ExploreOutcome> {
  const started = performance.now();
  const nonStrict: Finding[] = [];
  let last: World | undefined;
  let sequences = 0;
  // A harness error (the target unreachable, a CometD session lost) says nothing about the server:
  // it ends the exploration as it is, with no shrinking and no further sequence.
  let broken: { error: HarnessError; commands: string } | undefined;
  let firstFailureMs: number | undefined;

  const property = (replayPath: string | undefined) =>
    fc.asyncProperty(sequencesOf(options.area, { maxCommands: options.maxCommands, replayPath }), async (commands) => {
      if (broken) return;
      const world = new World(config, target, options.strict, options.area);
      last = world;
      sequences += 1;
      let failure: unknown;
      try {
        await world.start();
        await fc.asyncModelRun(() => ({ model: emptyModel(), real: world }), commands);
      } catch (error) {
        failure = error;
      }
      const problems = await world.stop().catch((error: unknown) => [`teardown failed: ${(error as Error).message}`]);
      if (problems.length > 0) world.log.push(`teardown: ${problems.join('; ')}`);
      if (failure instanceof HarnessError && !options.replay) {
        broken = { error: failure, commands: String(commands) };
        return;
      }
      if (failure) {
        firstFailureMs ??= Math.round(performance.now() - started);
        throw failure;
      }
      if (problems.length > 0) throw new HarnessError('CLEANUP_FAILED', `teardown could not undo everything the sequence created:\n${problems.join('\n')}`);
      nonStrict.push(...world.nonStrict);
    });

  const common = { plugins: [fc.interruptAfterTimeLimit(options.budgetMs)] };
  const details = options.replay
    ? await fc.check(property(options.replay.replayPath), { ...common, seed: options.replay.seed, path: options.replay.path, numRuns: 1, endOnFailure: !options.shrink })
    : await fc.check(property(undefined), { ...common, seed: options.seed, numRuns: options.runs });

  const outcome: ExploreOutcome = {
    failed: details.failed,
    interrupted: details.interrupted,
    sequences,
    shrinks: details.numShrinks,
    seed: details.seed,
    path: details.counterexamplePath ?? undefined,
    replayPath: undefined,
    commands: [],
    error: undefined,
    conversation: undefined,
    nonStrict,
    elapsedMs: 0,
    firstFailureMs,
  };
  if (details.failed && details.counterexample) {
    const parsed = parseCommands(String((details.counterexample as unknown[])[0]));
    outcome.commands = parsed.commands;
    outcome.replayPath = parsed.replayPath ?? options.replay?.replayPath;
    outcome.error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    if (options.replay) {
      if (!options.shrink) outcome.conversation = last?.conversation();
    } else if (outcome.path) {
      if (details.interrupted) {
        // The budget ran out while shrinking: shrinking goes on from there, bounded by the budget again.
        const further = await explore(config, target, { ...options, replay: { seed: outcome.seed, path: outcome.path, replayPath: outcome.replayPath }, shrink: true });
        if (further.failed) {
          Object.assign(outcome, { path: further.path, replayPath: further.replayPath, commands: further.commands, error: further.error });
          outcome.sequences += further.sequences;
          outcome.shrinks += further.shrinks;
        }
      }
      // The shrunk sequence once more, by seed and path: its conversation is what the report shows.
      const again = await explore(config, target, { ...options, budgetMs: Math.max(options.budgetMs, 60_000), replay: { seed: outcome.seed, path: outcome.path!, replayPath: outcome.replayPath } });
      outcome.conversation = again.failed ? again.conversation : `(the shrunk sequence passed when run again: the failure may depend on timing)\n${again.conversation ?? ''}`;
    }
  }
  if (broken && !outcome.failed) {
    Object.assign(outcome, { failed: true, error: broken.error.message, commands: parseCommands(broken.commands).commands, conversation: last?.conversation() });
  }
  outcome.elapsedMs = Math.round(performance.now() - started);
  return outcome;
}

/**
 * One given sequence against the target, with the same set-up, judging and teardown as an
 * exploration: what a failing sequence throws, or undefined when it passed.
 */
export async function runSequence(config: Config, target: Target, commands: Cmd[], strict = false, area: Area = 'all'): Promise<{ error: Error | undefined; world: World }> {
  const world = new World(config, target, strict, area);
  let error: Error | undefined;
  try {
    await world.start();
    await fc.asyncModelRun(() => ({ model: emptyModel(), real: world }), commands);
  } catch (failure) {
    error = failure as Error;
  }
  const problems = await world.stop();
  if (!error && problems.length > 0) error = new HarnessError('CLEANUP_FAILED', problems.join('\n'));
  return { error, world };
}
