import type { Feature } from '../../helpers/config';

/**
 * A documentation page the suites cite. A test names a page by key; the page gives the Allure
 * epic (the API section), feature (the operation) and the link, and the GWS features a test of
 * the page needs unless the test names its own (a platform page's tests use either API).
 */
export interface Page {
  section: 'SMS Session API' | 'Voice API' | 'Platform' | 'Target contract';
  operation: string;
  url: string;
  features?: readonly Feature[];
}
