/** `--help` (or `-h`) on every command: the usage text on stdout; the caller then exits 0. */
export function helpRequested(args: readonly string[], usage: string): boolean {
  if (!args.includes('--help') && !args.includes('-h')) return false;
  process.stdout.write(usage.endsWith('\n') ? usage : `${usage}\n`);
  return true;
}
