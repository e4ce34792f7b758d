import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from '@playwright/test';

/**
 * The certification bundle's summary.html as a person opens it from disk, on a laptop screen
 * (1366×768): it shows the run's verdict, it does not overflow sideways, and it links to the
 * documentation page of every operation the bundle's results.json lists.
 */

export const LAPTOP = { width: 1366, height: 768 };

interface BundleRecord {
  verdict: string;
  operations?: { operation: string; page: string }[];
}

/** summary.html and results.json of a bundle, from the bundle's folder or the summary's path. */
export function bundleFiles(path: string): { summary: string; results: string } {
  const dir = existsSync(path) && statSync(path).isDirectory() ? path : resolve(path, '..');
  return { summary: resolve(dir, 'summary.html'), results: resolve(dir, 'results.json') };
}

/** Problems found, none when the page is right; a screenshot of it is saved to `shot`. */
export async function checkSummary(browser: Browser, path: string, shot: string): Promise<{ problems: string[]; notes: string[] }> {
  const { summary, results } = bundleFiles(path);
  if (!existsSync(summary) || !existsSync(results)) {
    return { problems: [`no summary.html and results.json in ${relative(process.cwd(), resolve(summary, '..'))}: make a bundle with npm run certify`], notes: [] };
  }
  const record = JSON.parse(readFileSync(results, 'utf8')) as BundleRecord;
  // The page is a file on its own, opened offline: nothing may be fetched from elsewhere.
  const context = await browser.newContext({ viewport: LAPTOP, offline: true });
  const fetched = new Set<string>();
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('file:') && !url.startsWith('data:')) fetched.add(url.slice(0, 80));
  });
  const problems: string[] = [];
  const notes: string[] = [];
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(summary).href, { timeout: 15_000, waitUntil: 'domcontentloaded' });
    const text = await page.locator('body').innerText({ timeout: 15_000 });
    if (!text.includes(record.verdict)) problems.push(`summary.html does not show the run's verdict "${record.verdict}"`);
    const width = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, view: window.innerWidth })')) as { scroll: number; view: number };
    if (width.scroll > width.view + 1) problems.push(`summary.html is ${width.scroll} px wide on a ${LAPTOP.width}×${LAPTOP.height} screen: it overflows sideways`);
    const hrefs = new Set((await page.evaluate('[...document.querySelectorAll("a[href]")].map((a) => a.href)')) as string[]);
    // Operations of the harness's own contract (the SMS injector) have no documentation page.
    const pages = [...new Set((record.operations ?? []).map((o) => o.page))].filter((page) => /^https?:\/\//.test(page));
    const unlinked = pages.filter((url) => !hrefs.has(url) && !hrefs.has(new URL(url).href));
    if (unlinked.length > 0) problems.push(`summary.html does not link ${unlinked.length} of the ${pages.length} documentation pages of its operations, e.g. ${unlinked.slice(0, 3).join(', ')}`);
    else notes.push(`summary.html links all ${pages.length} documentation pages of its operations`);
    if (fetched.size > 0) problems.push(`summary.html asks for files outside itself: ${[...fetched].join(', ')}`);
    await page.screenshot({ path: shot, fullPage: true });
    if (problems.length === 0) notes.push(`summary.html fits ${LAPTOP.width}×${LAPTOP.height} and shows the verdict "${record.verdict}"`);
    notes.push(`screenshot of summary.html: ${relative(process.cwd(), shot)}`);
  } finally {
    await context.close();
  }
  return { problems, notes };
}
