import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Agent, request } from 'undici';
import { apiUrl, type Config } from '../../helpers/config';
import { MOCK_VERSION } from '../../mock/routes';

/** Facts about a run that no test records: the harness's version and commit, the target, the server version. */

export const ROOT = resolve(__dirname, '..', '..');

export interface RunInfo {
  startedAt: string;
  harness: { version: string; commit: string; node: string };
  target: { url: string; embedded: boolean; serverVersion: string };
  features: string[];
  settings: { notificationTimeoutMs: number; quietWindowMs: number; cometdTransport: string; smsChannel: string; smsInjection: boolean };
}

export function harnessVersion(): { version: string; commit: string; node: string } {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string };
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    if (dirty) commit += '+local-changes';
  } catch {
    // not a git checkout: the version alone identifies the harness
  }
  return { version: pkg.version, commit, node: process.version };
}

/**
 * GET /api/v2/diagnostics/version, which the documentation calls without credentials. Against
 * the embedded mock (one per worker) the mock's own version is known without asking.
 */
export async function serverVersion(config: Config): Promise<string> {
  if (!config.baseUrl) return MOCK_VERSION;
  const dispatcher = new Agent({ connect: { ca: config.tls.ca, rejectUnauthorized: !config.tls.insecure }, headersTimeout: config.notificationTimeoutMs, bodyTimeout: config.notificationTimeoutMs });
  try {
    const response = await request(apiUrl(config.baseUrl, '/diagnostics/version'), { dispatcher, headers: { accept: 'application/json' } });
    const text = await response.body.text();
    try {
      const body = JSON.parse(text) as { statusCode?: unknown; version?: unknown };
      if (typeof body.version === 'string') return body.version;
      return `unknown (HTTP ${response.statusCode}, statusCode ${String(body.statusCode)})`;
    } catch {
      return `unknown (HTTP ${response.statusCode}, not JSON)`;
    }
  } catch (error) {
    return `unknown (${(error as Error).message})`;
  } finally {
    await dispatcher.close();
  }
}

export async function collectRunInfo(config: Config, startedAt: Date): Promise<RunInfo> {
  return {
    startedAt: startedAt.toISOString(),
    harness: harnessVersion(),
    target: {
      url: config.baseUrl ? `${config.baseUrl.origin}${config.baseUrl.pathname.replace(/\/$/, '')}` : 'embedded mock',
      embedded: !config.baseUrl,
      serverVersion: await serverVersion(config),
    },
    features: [...config.features],
    settings: {
      notificationTimeoutMs: config.notificationTimeoutMs,
      quietWindowMs: config.quietWindowMs,
      cometdTransport: config.cometdTransport,
      smsChannel: config.smsChannel,
      smsInjection: Boolean(config.smsInjectUrl) || !config.baseUrl,
    },
  };
}
