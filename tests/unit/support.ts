import { loadConfig, type Config } from '../../helpers/config';
import { GwsUser } from '../../helpers/gws/user';
import { silentReporter } from '../../helpers/gws/reporter';
import type { FaultName } from '../../mock/faults';
import { startMock, type MockHandle, type MockOptions } from '../../mock/server';

/** Shared set-up of the harness's own tests: a mock, a configuration for it, logged-in users. */

export function mockConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ GWS_NOTIFICATION_TIMEOUT_MS: '2000', GWS_QUIET_WINDOW_MS: '200', ...overrides });
}

export async function withMock<T>(options: MockOptions, body: (mock: MockHandle) => Promise<T>): Promise<T> {
  const mock = await startMock(options);
  try {
    return await body(mock);
  } finally {
    await mock.close();
  }
}

export function userOf(mock: MockHandle, role: 'agent' | 'supervisor' | 'caller', set = 1, config = mockConfig()): GwsUser {
  const user = mock.users.find((u) => u.role === role && u.set === set)!;
  return new GwsUser({
    config,
    baseUrl: new URL(mock.url),
    role,
    credentials: { username: user.userName, password: user.password },
    reporter: silentReporter,
  });
}

export const faults = (...names: FaultName[]) => names;

/** Awaits something that must fail, and says how long it took to. */
export async function failure(promise: PromiseLike<unknown>): Promise<{ error: Error; ms: number }> {
  const started = performance.now();
  try {
    await promise;
  } catch (error) {
    return { error: error as Error, ms: performance.now() - started };
  }
  throw new Error('expected a failure');
}
