import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { loadConfig } from '../helpers/config';
import { conform, parseArgs } from '../scripts/conformance';
import { filesContaining, MANIFEST, writeManifest } from './lib/bundle';
import { rerunSection } from './lib/flaky';
import type { RunRecord } from './lib/record';
import { toHtml, toMarkdown, type Section } from './lib/render';
import { ROOT } from './lib/run-info';

/**
 * `npm run certify [-- --known-failures FILE] [playwright args]`: a certification run for the
 * features in GWS_FEATURES, written to reports/certification/<timestamp>/: summary.md and
 * summary.html for a person, results.json for machines, JUnit, the Allure results and report, and
 * MANIFEST.sha256 over every file. The bundle is scanned for the configured passwords last.
 */

function summary(record: RunRecord): Section[] {
  const { info, counts } = record;
  const line = (t: RunRecord['tests'][number]) => [t.id, t.title, t.verdict, t.code ?? '', t.inferred ?? ''];
  return [
    {
      title: 'Run',
      table: {
        head: ['', ''],
        rows: [
          ['verdict', record.verdict],
          ['target', info.target.url],
          ['server version', info.target.serverVersion],
          ['harness', `gws-conformance ${info.harness.version}, commit ${info.harness.commit}, Node ${info.harness.node}`],
          ['features claimed', info.features.join(', ')],
          ['started', info.startedAt],
          ['tests', `${counts.passed} passed, ${counts.failed} failed, ${counts['known-failure']} known failures, ${counts['harness-error']} harness errors, ${counts['not-applicable']} not applicable`],
          ['settings', `notification timeout ${info.settings.notificationTimeoutMs} ms, quiet window ${info.settings.quietWindowMs} ms, CometD ${info.settings.cometdTransport}, SMS channel ${info.settings.smsChannel}, SMS injection ${info.settings.smsInjection ? 'configured' : 'not configured'}`],
        ],
      },
    },
    {
      title: 'Verdict per operation',
      table: {
        head: ['API section', 'operation', 'verdict', 'tests', 'passed', 'failed', 'not applicable', 'page'],
        rows: record.operations.map((o) => [o.section, o.operation, o.verdict, String(o.tests), String(o.counts.passed), String(o.counts.failed + o.counts['harness-error']), String(o.counts['not-applicable']), o.page]),
      },
    },
    {
      title: 'Verdict per requirement',
      table: {
        head: ['requirement', 'level', 'statement', 'verdict', 'tests'],
        rows: record.requirements.map((r) => [r.id, r.level, r.statement, r.verdict, r.tests.join('\n') || `untested: ${r.untested ?? ''}`]),
      },
    },
    {
      title: 'Failures',
      table: { head: ['test', 'title', 'verdict', 'code', 'message'], rows: record.tests.filter((t) => t.verdict === 'failed' || t.verdict === 'harness-error').map((t) => [t.id, t.title, t.verdict, t.code ?? '', t.message ?? '']) },
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
      table: { head: ['test', 'verdict', 'reason', 'link', 'expires'], rows: record.tests.filter((t) => t.known).map((t) => [t.id, t.verdict, t.known!.reason, t.known!.link ?? '', t.known!.expires ?? '']) },
    },
  ];
}

async function main(): Promise<number> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const bundle = resolve(ROOT, 'reports/certification', stamp);
  mkdirSync(bundle, { recursive: true });
  const options = { ...parseArgs(process.argv.slice(2)), allureResults: resolve(bundle, 'allure-results'), allureReport: resolve(bundle, 'allure-report') };
  const record = await conform(options);

  writeFileSync(resolve(bundle, 'results.json'), JSON.stringify(record, null, 2));
  const title = `GWS conformance certification: ${record.info.target.url}`;
  writeFileSync(resolve(bundle, 'summary.md'), toMarkdown(title, summary(record)));
  writeFileSync(resolve(bundle, 'summary.html'), toHtml(title, summary(record)));
  const junit = resolve(ROOT, 'reports/junit.xml');
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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`certify: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
