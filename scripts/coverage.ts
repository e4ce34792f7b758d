import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TARGET_VARIABLES } from '../helpers/config';
import { readMeta } from '../helpers/meta';
import { readOutcomes, type JsonReport } from '../reports/lib/results';
import { HELP, helpRequested } from './help';
import { PLAYWRIGHT_CLI, run } from '../reports/lib/run';
import { PAGES } from '../catalogue/pages';
import { REQUIREMENTS } from '../catalogue/requirements';
import type { RunRecord } from '../reports/lib/record';
import { toHtml, toMarkdown } from '../reports/lib/render';
import { ROOT } from '../reports/lib/run-info';

/**
 * Requirements coverage, computed from the tests' own metadata.
 *   npm run coverage            reports/coverage.md and .html: each requirement with its tests and,
 *                               when reports/run.json exists, their verdicts
 *   npm run coverage -- --check fails on a test naming an unknown requirement, on a duplicate test
 *                               id, on a requirement that has no test and no stated reason, and on
 *                               an inferred or open requirement without its reason
 * Each requirement shows its basis: stated, printed, inferred or open (with the reason).
 */

interface ListedTest {
  id: string | undefined;
  title: string;
  file: string;
  requirements: string[];
}

async function listTests(): Promise<ListedTest[]> {
  const env = { ...process.env };
  for (const name of TARGET_VARIABLES) env[name] = '';
  const { code, output } = await run(PLAYWRIGHT_CLI, ['test', '--list', '--reporter=json'], { env, quiet: true });
  const start = output.indexOf('{');
  if (code !== 0 || start < 0) throw new Error(`listing the tests failed (exit ${code}):\n${output.slice(0, 2000)}`);
  const report = JSON.parse(output.slice(start, output.lastIndexOf('}') + 1)) as JsonReport;
  return readOutcomes(report).map((o) => {
    const m = readMeta(o.annotations, o.tags);
    return { id: m.id, title: o.title, file: o.file, requirements: m.requirements };
  });
}

/** How many requirements rest on each basis, e.g. "40 stated, 30 printed, 12 inferred, 3 open". */
function basisCounts(): string {
  const counts = new Map<string, number>();
  for (const r of Object.values(REQUIREMENTS)) counts.set(r.basis, (counts.get(r.basis) ?? 0) + 1);
  return ['stated', 'printed', 'inferred', 'open'].map((b) => `${counts.get(b) ?? 0} ${b}`).join(', ');
}

function check(tests: ListedTest[]): string[] {
  const problems: string[] = [];
  const ids = new Map<string, ListedTest>();
  for (const t of tests) {
    if (!t.id) {
      problems.push(`${t.file}: "${t.title}" has no stable id: give it meta({ id, ... })`);
      continue;
    }
    const twin = ids.get(t.id);
    if (twin) problems.push(`test id ${t.id} is used twice: "${twin.title}" and "${t.title}"; ids must be unique`);
    ids.set(t.id, t);
    for (const r of t.requirements) {
      if (!(r in REQUIREMENTS)) problems.push(`${t.id} names requirement ${r}, which is not in the catalogue: add the row to its area's file in catalogue/ or fix the id`);
    }
  }
  for (const [id, r] of Object.entries(REQUIREMENTS)) {
    const covered = tests.some((t) => t.requirements.includes(id));
    const reason = r.untested;
    if ((r.basis === 'inferred' || r.basis === 'open') && !r.reason?.trim()) problems.push(`requirement ${id} is ${r.basis} but gives no reason: write the reading (inferred) or what the pages leave open (open)`);
    if (!covered && !reason) problems.push(`requirement ${id} has no test: add a test naming it, or give the row an "untested" reason`);
    if (covered && reason) problems.push(`requirement ${id} has tests but still carries an "untested" reason: remove the reason`);
  }
  return problems;
}

async function main(): Promise<number> {
  const tests = await listTests();
  const problems = check(tests);
  if (process.argv.includes('--check')) {
    if (problems.length) {
      process.stderr.write(`requirements coverage: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
      return 1;
    }
    process.stdout.write(`requirements coverage: ${Object.keys(REQUIREMENTS).length} requirements (${basisCounts()}), ${tests.length} tests, every requirement covered or explained\n`);
    return 0;
  }
  const recordFile = resolve(ROOT, 'reports/run.json');
  const record = existsSync(recordFile) ? (JSON.parse(readFileSync(recordFile, 'utf8')) as RunRecord) : undefined;
  const verdictOf = (id: string) => record?.tests.find((t) => t.id === id)?.verdict ?? 'not run';
  const rows = Object.entries(REQUIREMENTS).map(([id, r]) => {
    const mine = tests.filter((t) => t.requirements.includes(id));
    const reqVerdict = record?.requirements.find((x) => x.id === id)?.verdict ?? (mine.length ? 'not run' : 'untested');
    return [
      id,
      r.level,
      `${PAGES[r.page].section}: ${PAGES[r.page].operation}`,
      r.basis,
      r.statement + (r.reason ? ` (${r.basis}: ${r.reason})` : ''),
      mine.length ? mine.map((t) => `${t.id}: ${verdictOf(t.id!)}`).join('\n') : `no test: ${r.untested ?? 'MISSING REASON'}`,
      reqVerdict,
    ];
  });
  const sections = [
    {
      title: 'Summary',
      text: `${Object.keys(REQUIREMENTS).length} requirements (${basisCounts()}), ${tests.length} tests${record ? `, verdicts from the run of ${record.info.startedAt} against ${record.info.target.url}` : ', no run recorded yet (npm run conformance writes reports/run.json)'}.`,
    },
    { title: 'Requirements', table: { head: ['id', 'level', 'page', 'basis', 'statement', 'tests', 'verdict'], rows } },
    ...(problems.length ? [{ title: 'Problems', list: problems }] : []),
  ];
  const out = resolve(ROOT, 'reports');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, 'coverage.md'), toMarkdown('Requirements coverage', sections));
  writeFileSync(resolve(out, 'coverage.html'), toHtml('Requirements coverage', sections));
  process.stdout.write('requirements coverage: reports/coverage.md, reports/coverage.html\n');
  return problems.length ? 1 : 0;
}

if (helpRequested(process.argv.slice(2), HELP.coverage)) process.exit(0);
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`requirements coverage: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
