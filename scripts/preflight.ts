import { loadConfigOrExit, type Config } from '../helpers/config';
import { formatProblems, runPreflight, type PreflightResult } from '../helpers/preflight';
import { startMock } from '../mock/server';
import { userSetsOf } from '../mock/users';
import { helpRequested } from './help';

/**
 * `npm run preflight`: the checks of helpers/preflight.ts on their own, against the configured
 * target (or, without GWS_BASE_URL, against an embedded mock started for the purpose).
 * `npm run conformance` makes the same checks before the first test against a real target.
 */

export const PREFLIGHT_HELP = `Usage: npm run preflight [-- --help]

Checks, in seconds and before any test, that the configured target can be tested:
  - it answers GET /api/v2/diagnostics/version (GWS_BASE_URL, TLS settings);
  - every configured user logs in with statusCode 0 (GWS_<ROLE>_USERNAME/PASSWORD or GWS_USERS_FILE),
    has a device when api-voice is claimed (GWS_FEATURES), starts a contact-center session with
    voice and GWS_SMS_CHANNEL and is Ready on both, and handshakes and subscribes over CometD;
  - the SMS injector (GWS_SMS_INJECT_URL) delivers an SMS the first agent is offered.
Everything it creates is undone (the SMS is rejected, the session ended). Every problem is printed,
one line each, starting with the variable to fix. Without GWS_BASE_URL an embedded mock is checked.
npm run conformance runs the same checks first against a real target (GWS_PREFLIGHT=off skips them).

Exit status: 0 the target can be tested; 2 a problem was found (or the configuration is invalid).
`;

/** Prints the result; true when the target can be tested. */
export function printPreflight(result: PreflightResult, out: NodeJS.WritableStream = process.stdout): boolean {
  if (result.problems.length === 0) {
    out.write(`preflight: ok in ${result.durationMs} ms: ${result.passed.length} checks passed\n`);
    return true;
  }
  out.write(`preflight: ${result.problems.length} problem(s) found in ${result.durationMs} ms; fix these before a run:\n`);
  for (const line of formatProblems(result.problems)) out.write(`  ${line}\n`);
  return false;
}

/** Against a configured (real) target: the checks, printed; the process ends with 2 on any problem. */
export async function preflightOrExit(config: Config): Promise<void> {
  if (!config.baseUrl || /^(off|false|0|no)$/i.test(process.env.GWS_PREFLIGHT ?? '')) return;
  const result = await runPreflight(config, {
    baseUrl: config.baseUrl,
    userSets: config.userSets,
    smsInjectUrl: config.smsInjectUrl,
    usersFromFile: config.setVariables.includes('GWS_USERS_FILE'),
  });
  if (!printPreflight(result, result.problems.length ? process.stderr : process.stdout)) {
    process.stderr.write('gws-conformance: COULD NOT RUN: the preflight found the problems above; no test was started (exit 2)\n');
    process.exit(2);
  }
}

async function main(): Promise<number> {
  const config = loadConfigOrExit();
  if (config.baseUrl) {
    const result = await runPreflight(config, {
      baseUrl: config.baseUrl,
      userSets: config.userSets,
      smsInjectUrl: config.smsInjectUrl,
      usersFromFile: config.setVariables.includes('GWS_USERS_FILE'),
    });
    process.stdout.write(`preflight: target ${config.baseUrl.href}\n`);
    for (const line of result.passed) process.stdout.write(`  ok: ${line}\n`);
    return printPreflight(result) ? 0 : 2;
  }
  const mock = await startMock({ smsChannel: config.smsChannel });
  try {
    const result = await runPreflight(config, {
      baseUrl: new URL(mock.url),
      userSets: userSetsOf(mock.users).slice(0, 1),
      smsInjectUrl: new URL(mock.smsInjectUrl),
      usersFromFile: false,
    });
    process.stdout.write(`preflight: no GWS_BASE_URL, so an embedded mock at ${mock.url}\n`);
    for (const line of result.passed) process.stdout.write(`  ok: ${line}\n`);
    return printPreflight(result) ? 0 : 2;
  } finally {
    await mock.close();
  }
}

if (require.main === module) {
  if (helpRequested(process.argv.slice(2), PREFLIGHT_HELP)) process.exit(0);
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`preflight: ${(error as Error).message}\n`);
      process.exit(2);
    },
  );
}
