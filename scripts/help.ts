/** `--help` (or `-h`) on every command: the usage text on stdout; the caller then exits 0. */
export function helpRequested(args: readonly string[], usage: string): boolean {
  if (!args.includes('--help') && !args.includes('-h')) return false;
  process.stdout.write(usage.endsWith('\n') ? usage : `${usage}\n`);
  return true;
}

/** The usage of the commands whose entry points parse their arguments by hand. */
export const HELP = {
  selfcheck: `Usage: npm run selfcheck [-- --help]

Proves the suites can fail: runs them against the clean embedded mock (every test must pass),
then, with each fault switch of the mock on, the suite that must catch it (each test the fault
names must fail with a non-conformance). Any configured target is ignored. Takes no options.
Writes reports/selfcheck/summary.md.

Exit status: 0 the clean mock passed and every fault was caught; 1 a fault was missed or the
clean mock failed; 2 the self-check could not run.
`,
  certify: `Usage: npm run certify -- [--mock] [--known-failures FILE] [Playwright arguments]

A conformance run (the options of npm run conformance, --help there) for the features in
GWS_FEATURES, sealed as a bundle in reports/certification/<timestamp>/: summary.md, summary.html,
results.json (the run record), junit.xml, the Allure results and report, MANIFEST.sha256
(check it with sha256sum -c MANIFEST.sha256). The bundle is scanned for the configured passwords.

Exit status: 0 conformant; 1 non-conformant; 2 could not run, or a password was found in the bundle.
`,
  compare: `Usage: npm run compare -- <run.json> <run.json> [more...] | <folder>

Compares any number of run records (reports/run.json of any run, or a bundle's results.json; a
folder is searched for them), ordered by start time. Writes reports/comparison/comparison.md and
comparison.html: a matrix of every run side by side (requirements by operation, the verdict per
run, changes marked), then the last run against the one before: new failures, fixes, still
failing, newly not applicable, changes in the shape of notifications, latency per operation.

Exit status: 0 no new failure; 1 the last run has new failures; 2 the last run became unable to
run, or an input is missing or unusable.
`,
  validate: `Usage: npm run validate -- <file-or-folder> [...]

Checks JSON notifications captured from any server against the harness's schemas: a CometD
message with its envelope or the bare data object, one per file or a JSON array; folders are
searched for .json files. The schema is chosen by messageType and notificationType.

Exit status: 0 every message is valid; 1 a message is invalid or has no schema; 2 no input was
given or an input cannot be read.
`,
  coverage: `Usage: npm run coverage [-- --check]

Requirements coverage from the tests' own metadata: reports/coverage.md and coverage.html, each
requirement with its tests and, when reports/run.json exists, their verdicts.
  --check   only check (npm run lint runs it): a test naming an unknown requirement, a duplicate
            test id, a requirement with no test and no stated reason

Exit status: 0 no problem; 1 a problem was found; 2 the tests could not be listed.
`,
  'report:check': `Usage: npm run report:check -- [--report DIR] [--results FILE] [--single FILE] [--summary BUNDLE] [--out DIR] [--chromium PATH]

Opens the reports of a run in headless Chromium (Debian's package) as a person sees them:
  --report DIR      the served Allure report (default reports/allure-report): every suite and test of
                    the run in the tree, a test of the agent's with its steps and attachments
  --results FILE    the run's Playwright JSON report, which says what must be shown (reports/results.json);
                    the users are read from it, so a run against any target is checked alike
  --single FILE     the single-file Allure report, opened from disk (default reports/allure-report.html;
                    skipped with a note when absent)
  --summary BUNDLE  also a certification bundle's summary.html (the folder or the file): the verdict,
                    no sideways overflow on a 1366x768 screen, a link to each operation's page
  --out DIR         where the screenshots go (default reports/)
  --chromium PATH   the browser (default /usr/bin/chromium)

Exit status: 0 the pages render; 1 a page does not (the message says what is missing); 2 the check
cannot run (no report, no results); 3 Chromium is not installed.
`,
} as const;
