import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Child processes of the scripts: Playwright and the Allure CLI, from this project's own install. */

const require = createRequire(__filename);

export const PLAYWRIGHT_CLI = require.resolve('@playwright/test/cli');
/** Runs a TypeScript entry point (the harness's own end-to-end tests run `scripts/conformance.ts` with it). */
export const TSX_CLI = require.resolve('tsx/cli');
/** The allure package exports no resolvable path for its bin: it is taken from the project's install. */
export const ALLURE_CLI = join(__dirname, '..', '..', 'node_modules', 'allure', 'cli.js');

export function run(
  cli: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; quiet?: boolean } = {},
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: options.env ?? process.env,
      stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}
