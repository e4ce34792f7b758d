import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Files of a bundle: listing, the SHA-256 manifest, and the final scan for leaked secrets. */

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(path) : statSync(path).isFile() ? [path] : [];
    })
    .sort();
}

export const MANIFEST = 'MANIFEST.sha256';

/** `sha256sum -c MANIFEST.sha256` verifies the bundle. */
export function writeManifest(dir: string): number {
  const lines = filesUnder(dir)
    .filter((file) => relative(dir, file) !== MANIFEST)
    .map((file) => `${createHash('sha256').update(readFileSync(file)).digest('hex')}  ${relative(dir, file).replace(/\\/g, '/')}`);
  writeFileSync(join(dir, MANIFEST), `${lines.join('\n')}\n`);
  return lines.length;
}

/** The files in which any of the secrets appears (the secrets themselves are never printed). */
export function filesContaining(dir: string, secrets: string[]): string[] {
  const needles = secrets.filter((s) => s.length >= 4).map((s) => Buffer.from(s, 'utf8'));
  if (needles.length === 0) return [];
  return filesUnder(dir)
    .filter((file) => {
      const content = readFileSync(file);
      return needles.some((needle) => content.includes(needle));
    })
    .map((file) => relative(dir, file));
}
