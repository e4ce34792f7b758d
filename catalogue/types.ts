import type { Feature } from '../helpers/config';
import type { Basis } from '../helpers/errors';

export type { Basis } from '../helpers/errors';

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


interface RequirementCommon<P extends string> {
  /** The page the statement is on: a key of the catalogue's pages. */
  page: P;
  level: 'MUST' | 'SHOULD';
  statement: string;
  /** Why no test checks this statement (a requirement without a test must say why). */
  untested?: string;
}

/**
 * A row of the requirements catalogue: one testable statement of a documentation page, in our
 * words, with what it rests on (DESIGN.md, "Basis of every requirement"):
 * - `stated`: a sentence of the page says it;
 * - `printed`: every documented sample shows it (a sequence, a member, a value);
 * - `inferred`: a reading the pages support but do not say; `reason` names the reading. A broken
 *   inferred requirement is non-strict;
 * - `open`: the pages leave it open; `reason` says what they leave open. What a server does there
 *   is observed and recorded, never judged.
 */
export type Requirement<P extends string = string> = RequirementCommon<P> &
  ({ basis: 'stated' | 'printed'; reason?: undefined } | { basis: 'inferred' | 'open'; reason: string });

/** The bases under which a broken requirement is a failure, not a warning or an observation. */
export const STRICT_BASES: readonly Basis[] = ['stated', 'printed'];
