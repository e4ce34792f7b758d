/**
 * Where the harness writes its report steps and attachments: Playwright's test.step and attach in
 * the suites, nothing at all in the tools that drive users without a report.
 */

export interface Reporter {
  step<T>(title: string, body: () => Promise<T>): Promise<T>;
  attach(name: string, body: string, contentType: string): Promise<void>;
}

export const silentReporter: Reporter = {
  step: (_title, body) => body(),
  attach: async () => undefined,
};
