/**
 * A documentation page the suites cite. A test names a page by key; the page gives the Allure
 * epic (the API section), feature (the operation) and the link.
 */
export interface Page {
  section: 'SMS Session API' | 'Voice API' | 'Platform' | 'Target contract';
  operation: string;
  url: string;
}
