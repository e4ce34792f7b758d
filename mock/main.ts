import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseFaults } from './faults';
import { latitudeHelp, parseLatitude, parseLatitudeSeed } from './latitude';
import { startMock } from './server';
import { defaultUsers, DEFAULT_USER_SETS, userSetsOf } from './users';

/** `npm run mock`: the embedded GWS simulator on its own, for people and other clients. */

const SHOWN_SETS = 8;

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: process.env.GWS_MOCK_PORT ?? '0' },
    faults: { type: 'string', default: process.env.GWS_MOCK_FAULTS ?? '' },
    'no-csrf': { type: 'boolean', default: false },
    latitude: { type: 'string', default: process.env.GWS_MOCK_LATITUDE ?? '' },
    'latitude-seed': { type: 'string', default: process.env.GWS_MOCK_LATITUDE_SEED ?? '' },
    sets: { type: 'string', default: String(DEFAULT_USER_SETS) },
    'tls-key': { type: 'string' },
    'tls-cert': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    'Usage: npm run mock -- [--port 0] [--host 127.0.0.1] [--faults name,...] [--latitude name,...|all] [--latitude-seed N] [--no-csrf] [--sets 8] [--tls-key key.pem --tls-cert cert.pem]\n' +
      '  --port 0 (the default) picks a free port; the URL is printed. Fault names: GET /mock/faults on a running mock.\n' +
      '  --sets N creates N sets of test users (agentN, supervisorN, callerN), e.g. for a load test.\n' +
      '  --latitude (env GWS_MOCK_LATITUDE) switches on conformant variations where the documentation leaves room;\n' +
      '  "all" combines them. Their choices follow --latitude-seed (env GWS_MOCK_LATITUDE_SEED; printed, replayable):\n' +
      `${latitudeHelp()}\n`,
  );
  process.exit(0);
}

async function main(): Promise<void> {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  const setCount = Number(values.sets);
  if (!Number.isInteger(setCount) || setCount < 1 || setCount > 1000) throw new Error(`--sets must be 1-1000, got ${values.sets}`);
  const mock = await startMock({
    host: values.host,
    port,
    users: defaultUsers(setCount),
    faults: parseFaults(values.faults),
    latitude: parseLatitude(values.latitude),
    latitudeSeed: parseLatitudeSeed(values['latitude-seed']),
    csrf: !values['no-csrf'],
    tls: values['tls-key'] && values['tls-cert'] ? { key: readFileSync(values['tls-key']), cert: readFileSync(values['tls-cert']) } : undefined,
  });
  const sets = userSetsOf(mock.users);
  const lines = [
    `GWS mock listening on ${mock.url}`,
    `  REST API:       ${mock.url}/api/v2   (HTTP Basic; CSRF ${mock.state.settings.csrf ? 'on' : 'off'})`,
    `  notifications:  ${mock.url}/api/v2/notifications   (CometD long-polling, subscribe /v2/me/*)`,
    `  SMS injector:   POST ${mock.smsInjectUrl}  {"agent","from","nickname","text"}`,
    `  state:          GET ${mock.url}/mock/state   faults: GET ${mock.url}/mock/faults`,
    `  latitude:       ${mock.state.latitude.describe()}`,
    mock.state.faults.size ? `  faults ON:      ${[...mock.state.faults].join(', ')}` : '  faults:         none',
    '',
    'Test users (these are the mock\'s own, not secrets):',
    ...sets.slice(0, SHOWN_SETS).map((s, i) =>
      `  set ${i + 1}: agent ${s.agent.username} / ${s.agent.password}   supervisor ${s.supervisor.username} / ${s.supervisor.password}   caller ${s.caller.username} / ${s.caller.password}`,
    ),
    ...(sets.length > SHOWN_SETS ? [`  ... sets ${SHOWN_SETS + 1} to ${sets.length} follow the same pattern (agentN / agentN-secret)`] : []),
    '',
    `Example: curl -u ${sets[0]!.agent.username}:${sets[0]!.agent.password} ${mock.url}/api/v2/me`,
    'Ctrl-C stops it.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => {
    void mock.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`gws mock: ${(error as Error).message}\n`);
  process.exit(2);
});
