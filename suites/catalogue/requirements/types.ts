import type { PageKey } from '../pages';

/**
 * A row of the requirements catalogue: one testable statement of a documentation page, in our
 * words. `inferred` marks a statement the harness reads into the documentation rather than one it
 * prints; reports list those apart.
 */
export interface Requirement {
  page: PageKey;
  level: 'MUST' | 'SHOULD';
  statement: string;
  inferred?: string;
  /** Why no test checks this statement (a requirement without a test must say why). */
  untested?: string;
}
