import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { loadConfig } from '../helpers/config';
import { conform, parseArgs, REPORTS } from './conformance';
import { HELP, helpRequested } from './help';
import { filesContaining, MANIFEST, writeManifest } from '../reports/lib/bundle';
import { rerunSection } from '../reports/lib/flaky';
import type { RunRecord } from '../reports/lib/record';
import { toHtml, toMarkdown, type Section } from '../reports/lib/render';
import { selectionOf } from '../reports/lib/selection';
import { countsText, verdictWord } from '../reports/lib/verdict-text';

/**
 * `npm run certify [-- --partial] [--strict] [--known-failures FILE] [playwright args]`: a certification run for the
 * features in GWS_FEATURES, written to reports/certification/<timestamp>/: summary.md and
 * summary.html for a person, results.json for machines, JUnit, the Allure results and report, and
 * MANIFEST.sha256 over every file. The bundle is scanned for the configured passwords last.
 *
 * A selection of part of the suites (--grep, files, --shard, --last-failed…) is refused unless
 * `--partial` is given; the bundle then says "PARTIAL" on the first line of each summary. An
 * incomplete run (a claimed feature none of whose tests ran) is never sealed.
 */

function summary(record: RunRecord): Section[] {
  const { info } = record;
  const line = (t: RunRecord['tests'][number]) => [t.id, t.title, t.verdict, t.code ?? '', t.inferred ?? ''];
  const page = (url: string | undefined, text: string) => (url ? `[${text}](${url})` : text);
  const setup = record.setup;
  return [
    {
      title: 'Run',
      table: {
        head: ['', ''],
        rows: [
          ['verdict', verdictWord(record)],
          ['scope', record.scope === 'partial' ? `partial: ${setup.selection.partial.join(', ')}` : 'whole: every test of the suites was selected'],
          ['target', info.target.url],
          ['server version', info.target.serverVersion],
          ['harness', `gws-conformance ${info.harness.version}, commit ${info.harness.commit}, Node ${info.harness.node}`],
          ['features claimed', info.features.join(', ')],
          ['started', info.startedAt],
          ['tests', countsText(record)],
          ['run', setup ? `${setup.workers} workers, ${setup.userSets} user sets, test timeout ${setup.timeouts.testMs} ms${setup.strict ? ', strict (non-strict failures fail)' : ''}` : ''],
          ['settings', `notification timeout ${info.settings.notificationTimeoutMs} ms, quiet window ${info.settings.quietWindowMs} ms, CometD ${info.settings.cometdTransport}, SMS channel ${info.settings.smsChannel}, SMS injection ${info.settings.smsInjection ? 'configured' : 'not configured'}`],
        ],
      },
    },
    {
      title: 'Verdict per operation',
      table: {
        head: ['API section', 'operation (documentation page)', 'verdict', 'tests', 'passed', 'failed', 'non-strict', 'not applicable'],
        rows: record.operations.map((o) => [o.section, page(o.page, o.operation), o.verdict, String(o.tests), String(o.counts.passed), String(o.counts.failed + o.counts['harness-error']), String(o.counts['non-strict'] ?? 0), String(o.counts['not-applicable'])]),
      },
    },
    {
      title: 'Verdict per requirement',
      table: {
        head: ['requirement', 'level', 'statement', 'verdict', 'tests'],
        rows: record.requirements.map((r) => [page(r.page, r.id), r.level, r.statement, r.verdict, r.tests.join('\n') || `untested: ${r.untested ?? ''}`]),
      },
    },
    {
      title: 'Failures',
      table: { head: ['test', 'title', 'verdict', 'code', 'message'], rows: record.tests.filter((t) => t.verdict === 'failed' || t.verdict === 'harness-error').map((t) => [page(t.page, t.id), t.title, t.verdict, t.code ?? '', t.message ?? '']) },
    },
    {
      title: 'Non-strict failures',
      text: `Checks resting on a reading of the documentation that the server does not share: ${setup?.strict ? 'failing, as this run is strict' : 'warnings; a strict run (--strict) counts them as failures'}.`,
      table: { head: ['test', 'title', 'code', 'message'], rows: record.tests.filter((t) => t.verdict === 'non-strict').map((t) => [page(t.page, t.id), t.title, t.code ?? '', t.message ?? '']) },
    },
    rerunSection(record),
    { title: 'Not applicable', table: { head: ['test', 'title', 'reason'], rows: record.notApplicable.map((n) => [n.id, n.title, n.reason]) } },
    {
      title: 'Checks that rest on an inference',
      text: 'These read the documentation where it is cut off or silent; a failure here differs from our reading of the documentation, not from a printed statement.',
      table: { head: ['test', 'title', 'verdict', 'code', 'inference'], rows: record.tests.filter((t) => t.inferred).map(line) },
    },
    {
      title: 'Known failures',
      table: {
        head: ['test', 'verdict', 'expected failure', 'reason', 'link', 'expires'],
        rows: record.tests.filter((t) => t.known).map((t) => [t.id, t.known!.differs ? 'failed (differs from the entry)' : t.verdict, [t.known!.code, t.known!.match].filter(Boolean).join(' ') || 'any', t.known!.reason, t.known!.link ?? '', t.known!.expires ?? '']),
      },
    },
  ];
}

async function main(): Promise<number> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const bundle = resolve(REPORTS, 'certification', stamp);
  const args = process.argv.slice(2);
  const partialAllowed = args.includes('--partial');
  const selection = selectionOf(args.filter((a) => a !== '--partial' && a !== '--mock' && a !== '--strict'));
  if (selection.partial.length && !partialAllowed) {
    process.stderr.write(
      `certify: refused: the selection covers part of the suites (${selection.partial.join(', ')}); a certification covers every claimed feature.\n` +
        '  Run it without a selection, or give --partial to seal a bundle that says PARTIAL on its first line.\n',
    );
    return 2;
  }
  mkdirSync(bundle, { recursive: true });
  const options = { ...parseArgs(args.filter((a) => a !== '--partial')), allureResults: resolve(bundle, 'allure-results'), allureReport: resolve(bundle, 'allure-report') };
  const record = await conform(options);
  if (record.verdict === 'incomplete') {
    rmSync(bundle, { recursive: true, force: true });
    process.stderr.write(`certify: refused to seal: the run is incomplete (${record.incomplete.map((i) => `${i.feature}: ${i.reason}; check ${i.variable}`).join('; ')})\n`);
    return 2;
  }

  writeFileSync(resolve(bundle, 'results.json'), JSON.stringify(record, null, 2));
  const title = `${record.scope === 'partial' ? `PARTIAL certification (${record.setup.selection.partial.join(', ')}), not a whole one` : 'GWS conformance certification'}: ${record.info.target.url}`;
  writeFileSync(resolve(bundle, 'summary.md'), toMarkdown(title, summary(record)));
  writeFileSync(resolve(bundle, 'summary.html'), toHtml(title, summary(record)));
  const junit = resolve(REPORTS, 'junit.xml');
  if (existsSync(junit)) copyFileSync(junit, resolve(bundle, 'junit.xml'));

  const config = loadConfig();
  const secrets = config.userSets.flatMap((set) => Object.values(set).flatMap((c) => [c.password, Buffer.from(`${c.username}:${c.password}`).toString('base64')]));
  const leaked = filesContaining(bundle, secrets);
  if (leaked.length) {
    process.stderr.write(`certify: a configured password appears in ${leaked.join(', ')}; the bundle must not be shared\n`);
    return 2;
  }
  const files = writeManifest(bundle);
  process.stdout.write(`\nCertification bundle: ${relative(process.cwd(), bundle)}/ (summary.md, summary.html, results.json, ${files} files in ${MANIFEST})\n`);
  return record.exitStatus;
}

if (helpRequested(process.argv.slice(2), HELP.certify)) process.exit(0);
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`certify: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
