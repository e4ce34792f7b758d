import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { HELP } from './help';
import { checkSummary } from '../reports/lib/render-check-summary';
import { agentStep, CheckFailed, escape, expectedFrom, type Expected } from '../reports/lib/report-expected';
import { serve } from '../reports/lib/static-server';

/**
 * `npm run report:check`: the generated Allure report as a person sees it. Serves
 * reports/allure-report on 127.0.0.1, opens it in headless Chromium (Debian's package, never a
 * browser downloaded by Playwright), and checks that the tree shows every suite and test of the
 * run and that a test opens with its steps and attachments. Two screenshots land under reports/.
 * The expectations come from the same run's Playwright JSON report (reports/results.json).
 *
 * The single-file report (allure-report.html) is opened from disk the same way, and with --summary
 * a certification bundle's summary.html (reports/lib/render-check-summary.ts). --help lists the options.
 *
 * Exit status: 0 the report renders; 1 it does not (the message says what is missing);
 * 2 the check cannot run (no report, no results); 3 Chromium is not installed.
 */

const ROOT = resolve(__dirname, '..');
const EXIT = { ok: 0, broken: 1, cannotRun: 2, noChromium: 3 } as const;
const WAIT_MS = 15_000;
/** Loading a page (the single file inlines megabytes of data): generous, for loaded CI machines. */
const SINGLE_FILE_WAIT_MS = 90_000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const { values } = parseArgs({
  options: {
    report: { type: 'string', default: resolve(ROOT, 'reports/allure-report') },
    results: { type: 'string', default: resolve(ROOT, 'reports/results.json') },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    out: { type: 'string', default: resolve(ROOT, 'reports') },
    single: { type: 'string', default: resolve(ROOT, 'reports/allure-report.html') },
    summary: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(HELP['report:check']);
  process.exit(0);
}

class CannotRun extends Error {}

const say = (line: string) => process.stdout.write(`report check: ${line}\n`);

// ---------------------------------------------------------------------------------------------

/** Waits for something the report must show; its absence is the report's failure, said plainly. */
async function shows(locator: Locator, what: string, timeout = WAIT_MS): Promise<void> {
  try {
    await locator.first().waitFor({ timeout });
  } catch {
    throw new CheckFailed(`${what} did not appear within ${timeout} ms`);
  }
}

async function expandTree(page: Page): Promise<void> {
  await shows(page.getByTestId('tree-section'), 'the tree of suites');
  // A collapsed group is a section not followed by its content; open them one by one, bounded.
  const collapsed = page.locator('[data-testid="tree-section"]:not(:has(+ [data-testid="tree-content"]))');
  for (let i = 0; i < 500; i += 1) {
    if ((await collapsed.count()) === 0) return;
    await collapsed.first().getByTestId('tree-section-title').click({ timeout: WAIT_MS });
  }
  throw new CheckFailed('the tree did not finish expanding after 500 clicks');
}

async function checkTree(page: Page, expected: Expected): Promise<void> {
  await expandTree(page);
  const groups = await page.getByTestId('tree-section-title').allInnerTexts();
  const leaves = await page.getByTestId('tree-leaf-title').allInnerTexts();
  const missingSuites = expected.suites.filter((s) => !groups.includes(s));
  const missingTests = expected.tests.filter((t) => !leaves.includes(t));
  if (missingSuites.length > 0 || missingTests.length > 0) {
    throw new CheckFailed(
      `the tree lacks ${missingSuites.length} suite(s) and ${missingTests.length} test(s) of the run` +
        (missingSuites.length ? `; suites: ${missingSuites.join(', ')}` : '') +
        (missingTests.length ? `; tests: ${missingTests.slice(0, 5).join(' | ')}${missingTests.length > 5 ? ' …' : ''}` : ''),
    );
  }
  say(`the tree shows all ${expected.suites.length} suites (${expected.suites.slice(0, 4).join(', ')}, …) and ${leaves.length} tests`);
}

async function checkTest(page: Page, expected: Expected): Promise<string[]> {
  const { title } = expected.sample;
  await page.getByTestId('tree-leaf-title').filter({ hasText: new RegExp(`^${escape(title)}$`) }).first().click({ timeout: WAIT_MS });
  await shows(page.getByTestId('test-result-info-title').filter({ hasText: title }), `the page of the test "${title}"`);
  const steps = page.getByTestId('test-result-step-title');
  await shows(steps, `the steps of "${title}"`);
  const firstAgentStep = steps.filter({ hasText: agentStep(expected.sample.agent) }).first();
  if ((await firstAgentStep.count()) === 0) throw new CheckFailed(`"${title}" opens without a step of the agent's ("agent ${expected.sample.agent}: …")`);
  const stepName = await firstAgentStep.innerText();
  if (stepName !== expected.sample.step) {
    throw new CheckFailed(
      `"${title}" shows the step "${stepName}" where this run's ${relative(ROOT, values.results)} has "${expected.sample.step}": ` +
        'the report is not of the same run (a stale report?); regenerate it with npm run conformance',
    );
  }
  // The HTTP log and the transcript are attached by the agent fixture, after the test body.
  await firstAgentStep.click({ timeout: WAIT_MS });
  for (const step of [/^After Hooks$/, /^Fixture "agent"$/]) {
    await shows(steps.filter({ hasText: step }), `the step ${step.source} of "${title}"`);
    await steps.filter({ hasText: step }).first().click({ timeout: WAIT_MS });
  }
  const attachments: string[] = [];
  for (const name of ['http-agent.json', 'notifications-agent.json']) {
    await shows(page.getByTestId('test-result-attachment-header').filter({ hasText: name }), `the attachment ${name} of "${title}" (After Hooks › Fixture "agent")`);
    attachments.push(name);
  }
  say(`"${title}" opens with its steps (e.g. "${stepName.slice(0, 60)}…", as in this run's results) and attachments ${attachments.join(', ')}`);
  return attachments;
}


async function main(): Promise<number> {
  const reportDir = resolve(values.report);
  if (!existsSync(resolve(reportDir, 'index.html'))) {
    process.stderr.write(`report check: no report at ${relative(ROOT, reportDir)}/index.html; generate it first with: npm run conformance -- --mock\n`);
    return EXIT.cannotRun;
  }
  if (!existsSync(values.results)) {
    process.stderr.write(`report check: no ${relative(ROOT, values.results)} (the run's Playwright JSON report) to say what the report should show; run: npm run conformance -- --mock\n`);
    return EXIT.cannotRun;
  }
  if (!existsSync(values.chromium)) {
    process.stderr.write(
      `report check: Chromium is not installed at ${values.chromium}. Install Debian's package (as root):\n` +
        '  apt-get update && apt-get install -y --no-install-recommends chromium\n' +
        'or point to another build with --chromium /path/to/chromium. (Do not download a browser through Playwright.)\n',
    );
    return EXIT.noChromium;
  }
  const expected = expectedFrom(values.results);
  const { url, server, missing } = await serve(reportDir);
  const blocked = new Set<string>();
  const pageErrors: string[] = [];
  let browser: Browser | undefined;
  try {
    try {
      browser = await chromium.launch({ executablePath: values.chromium, args: CHROMIUM_ARGS, headless: true });
    } catch (error) {
      throw new CannotRun(`Chromium at ${values.chromium} did not start: ${(error as Error).message.split('\n')[0]}`);
    }
    const context = await browser.newContext({ viewport: { width: 1400, height: 3000 } });
    // Only the report's own files: it also asks for Google's tag manager, which a check must not load.
    await context.route('**/*', (route) => {
      const target = route.request().url();
      if (target.startsWith(`${url}/`)) return route.continue();
      blocked.add(new URL(target).host);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // A loaded machine can take long to start Chromium on the page; the checks after it keep their bounds.
    await page.goto(`${url}/index.html`, { timeout: SINGLE_FILE_WAIT_MS });
    // Whatever goes wrong, a picture of what the page showed at that moment.
    const shotOnFailure = async (error: unknown) => {
      const shot = resolve(values.out, 'allure-report-screenshot.png');
      await page.screenshot({ path: shot }).catch(() => undefined);
      if (error instanceof CheckFailed) error.message += ` (what the page showed: ${relative(process.cwd(), shot)})`;
      throw error;
    };
    await run(page, expected).catch(shotOnFailure);
    if (pageErrors.length > 0) throw new CheckFailed(`the page threw: ${pageErrors.join('; ')}`);
    await checkOtherPages(browser, expected);
    if (blocked.size > 0) say(`requests outside the report were blocked: ${[...blocked].join(', ')}`);
    if (missing.length > 0) say(`files the report asked for and does not have (harmless, the views rendered): ${[...new Set(missing)].join(', ')}`);
    say('the report renders');
    return EXIT.ok;
  } finally {
    await browser?.close();
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
}

/** The single-file report opened from disk, and a bundle's summary.html when asked for. */
async function checkOtherPages(browser: Browser, expected: Expected): Promise<void> {
  if (existsSync(values.single)) {
    // From disk and offline: the point of this file is that it needs no server.
    const context = await browser.newContext({ viewport: { width: 1400, height: 3000 }, offline: true });
    try {
      const page = await context.newPage();
      // Several megabytes of inlined data to parse: a slower start than the served report's.
      await page.goto(pathToFileURL(values.single).href, { timeout: SINGLE_FILE_WAIT_MS, waitUntil: 'commit' });
      await shows(page.getByTestId('tree-section'), 'the tree of the single-file report', SINGLE_FILE_WAIT_MS);
      await checkTree(page, expected).catch((error: unknown) => {
        if (error instanceof CheckFailed) error.message = `the single-file report ${relative(process.cwd(), values.single)}, opened from disk: ${error.message}`;
        throw error;
      });
      say(`the single-file report ${relative(process.cwd(), values.single)} opens from disk with the same tree`);
    } finally {
      await context.close();
    }
  } else {
    say(`no single-file report at ${relative(process.cwd(), values.single)}; not checked`);
  }
  if (values.summary) {
    const { problems, notes } = await checkSummary(browser, resolve(process.env.INIT_CWD ?? process.cwd(), values.summary), resolve(values.out, 'summary-screenshot.png'));
    for (const note of notes) say(note);
    if (problems.length > 0) throw new CheckFailed(problems.join('; '));
  }
}

/** The two checks, each followed by its screenshot. */
async function run(page: Page, expected: Expected): Promise<void> {
  await checkTree(page, expected);
  const overview = resolve(values.out, 'allure-report-screenshot.png');
  await page.getByTestId('report-header').scrollIntoViewIfNeeded();
  await page.screenshot({ path: overview });
  say(`screenshot of the tree: ${relative(process.cwd(), overview)}`);

  await checkTest(page, expected);
  const stepsShot = resolve(values.out, 'allure-report-test-steps.png');
  // From the test's title down to the end of its steps, so that the picture says which test it is.
  await page.getByTestId('test-result-info-title').scrollIntoViewIfNeeded();
  const top = await page.getByTestId('test-result-info-title').boundingBox();
  const bottom = await page.getByTestId('test-result-steps-root').boundingBox();
  if (!top || !bottom) throw new CheckFailed('the test view has no visible title or steps to photograph');
  const x = Math.min(top.x, bottom.x) - 16;
  await page.screenshot({
    path: stepsShot,
    clip: { x, y: top.y - 16, width: Math.max(top.x + top.width, bottom.x + bottom.width) - x + 16, height: bottom.y + bottom.height - top.y + 32 },
  });
  say(`screenshot of the test's steps: ${relative(process.cwd(), stepsShot)}`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CheckFailed) {
      process.stderr.write(`report check: FAILED: ${error.message}\n`);
      process.exit(EXIT.broken);
    }
    if (error instanceof CannotRun) {
      process.stderr.write(`report check: could not run: ${error.message}\n`);
      process.exit(EXIT.cannotRun);
    }
    process.stderr.write(`report check: FAILED: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(EXIT.broken);
  },
);
