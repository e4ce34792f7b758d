import { expect, test } from '@playwright/test';
import { loadConfig } from '../../helpers/config';
import type { FaultName } from '../../mock/faults';
import { SEQUENCE_FAULTS } from '../../mock/sms/faults/sequence';
import type { VOICE_FAULTS } from '../../mock/voice/faults';
import { openTarget, parseCommands, runSequence } from '../../explore/run';
import { Arm, Cancel, Intrude, NewChat, SwitchTo, type Cmd } from '../../explore/sms-commands';
import * as voice from '../../explore/voice-commands';

/**
 * The exploration's model and commands against the embedded mock: the shortest sequence that
 * reveals each sequence-only fault passes on the clean mock and fails, with the documented reason,
 * with the fault on. (That `npm run explore` finds each one by itself is measured by the script.)
 */

const config = loadConfig({ GWS_NOTIFICATION_TIMEOUT_MS: '1500', GWS_QUIET_WINDOW_MS: '300' });

type SequenceFault = keyof typeof SEQUENCE_FAULTS | Extract<keyof typeof VOICE_FAULTS, `voice.sequence.${string}`>;

const SEQUENCES: Record<SequenceFault, { commands: () => Cmd[]; reason: RegExp }> = {
  'sms.sequence.next-chat-rearm-kept': {
    commands: () => [new Arm('Monitor', undefined), new Cancel(), new Arm('Coach', 'NextChat'), new NewChat(), new NewChat()],
    reason: /\[nonconformance:UNEXPECTED_NOTIFICATION\]/,
  },
  'sms.sequence.switch-revives-cancelled': {
    commands: () => [new Arm('Monitor', undefined), new NewChat(), new Cancel(), new SwitchTo(0, 'BargeIn'), new NewChat()],
    reason: /\[nonconformance:UNEXPECTED_NOTIFICATION\]/,
  },
  'sms.sequence.intrude-first-armed-mode': {
    commands: () => [new NewChat(), new Arm('Monitor', undefined), new Cancel(), new Arm('Coach', undefined), new Intrude(0, undefined)],
    reason: /\[nonconformance:NOTIFICATION_CONTRADICTS\][\s\S]*supervisorMode is "Monitor", expected "Coach"/,
  },
  'sms.sequence.intrude-after-cancel': {
    commands: () => [new Arm('BargeIn', undefined), new Cancel(), new NewChat(), new Intrude(0, undefined)],
    reason: /\[nonconformance:UNEXPECTED_STATUS_CODE\][\s\S]*expected a refusal[\s\S]*SMS-INTRUDE-NO-MODE/,
  },
  'sms.sequence.switch-changes-arm': {
    commands: () => [new Arm('Monitor', undefined), new NewChat(), new SwitchTo(0, 'BargeIn'), new NewChat()],
    reason: /\[nonconformance:NOTIFICATION_CONTRADICTS\][\s\S]*visibility "All", expected "Supervisors"/,
  },
  'voice.sequence.next-call-rearm-kept': {
    commands: () => [
      new voice.Monitor('ListenIn', undefined, 'NextCall'),
      new voice.CancelMonitoring(),
      new voice.Monitor('ListenIn', undefined, 'NextCall'),
      new voice.Call(),
      new voice.Hangup('caller'),
      new voice.Call(),
    ],
    reason: /\[nonconformance:UNEXPECTED_NOTIFICATION\][\s\S]*a new call of the supervisor's[\s\S]*VOICE-MODE-NEXTCALL/,
  },
};

for (const [fault, { commands, reason }] of Object.entries(SEQUENCES) as [FaultName, (typeof SEQUENCES)[keyof typeof SEQUENCES]][]) {
  test(`the sequence that reveals ${fault} passes on the clean mock and fails with it on`, async () => {
    for (const faults of [[], [fault]] as FaultName[][]) {
      const opened = await openTarget(config, faults);
      try {
        const { error, world } = await runSequence(config, opened.target, commands());
        if (faults.length === 0) expect(error?.message, world.conversation()).toBeUndefined();
        else expect(error?.message ?? '(it passed)', world.conversation()).toMatch(reason);
      } finally {
        await opened.close();
      }
    }
  });
}

test('a re-arm rests on a reading: what breaks only through it is non-strict, and stops the sequence', async () => {
  const opened = await openTarget(config, ['sms.sequence.intrude-first-armed-mode']);
  try {
    const { error, world } = await runSequence(config, opened.target, [new NewChat(), new Arm('Monitor', undefined), new Arm('Coach', undefined), new Intrude(0, undefined)]);
    expect(error, world.conversation()).toBeUndefined();
    expect(world.nonStrict).toHaveLength(1);
    expect(world.nonStrict[0]!.message).toMatch(/\[nonstrict:NOTIFICATION_CONTRADICTS\][\s\S]*replaces it/);
  } finally {
    await opened.close();
  }
});

test('the commands of a counterexample and its replay path are read back from fast-check’s text', () => {
  expect(parseCommands('Monitor(NextChat),inbound SMS accepted,Intrude(#0 Coach) /*replayPath="CDA:F"*/')).toEqual({
    commands: ['Monitor(NextChat)', 'inbound SMS accepted', 'Intrude(#0 Coach)'],
    replayPath: 'CDA:F',
  });
});
