import { test } from '@playwright/test';
import * as allure from 'allure-js-commons';
import type { Feature } from './config';
import { redactText } from './redact';
import { PAGES, type Page, type PageKey } from '../catalogue/pages';
import { basisOf, inferredReason, type RequirementId } from '../catalogue/requirements';

/**
 * Every test's metadata, in Playwright's own places: tags for the features it needs, annotations
 * for its stable id, page, requirements and any inference it rests on. The fixtures turn these
 * into Allure labels and links, and into "not applicable" when a feature is not claimed.
 */

export interface TestMeta {
  /** Stable id: history, known failures and the self-check key on it, not on the title. */
  id: string;
  page: PageKey;
  requirements: RequirementId[];
  /** The features the test needs; by default its page's (the catalogue), else none. */
  features?: readonly Feature[];
  /**
   * The reading a check of this test rests on, where the catalogue does not already say it: a test
   * whose requirements are all inferred takes the catalogue's reasons without being told.
   */
  inferred?: string;
}

/**
 * The inference a test rests on: its own `inferred`, else, when every requirement it names that is
 * judged (not open) is inferred, the catalogue's reasons for them. Undefined for a strict test.
 */
export function inferenceOf(m: Pick<TestMeta, 'requirements' | 'inferred'>): string | undefined {
  if (m.inferred) return m.inferred;
  const judged = m.requirements.filter((r) => basisOf(r) !== 'open');
  if (judged.length === 0 || judged.some((r) => basisOf(r) !== 'inferred')) return undefined;
  return [...new Set(judged.map((r) => inferredReason(r)!))].join(' ');
}

export interface TestDetails {
  tag: string[];
  annotation: { type: string; description: string }[];
}

/** Annotation types of the form allure.label.NAME become Allure labels as they are. */
export const ANNOTATION = {
  id: 'allure.label.gwsId',
  page: 'allure.label.docPage',
  requirement: 'allure.label.requirement',
  inferred: 'allure.label.inferred',
  /** One per requirement: `ID: basis` (stated, printed, inferred or open). */
  basis: 'allure.label.basis',
  /** The user names (never passwords) a test ran as: which worker's set it had. */
  users: 'allure.label.gwsUsers',
  /** The version the target reported; the run's report environment takes it from here. */
  version: 'allure.label.gwsVersion',
  /** Something recorded, not asserted (the documentation is silent on it); a step in Allure. */
  observed: 'observed',
} as const;

/**
 * Records a fact the documentation does not pin down (e.g. the HTTP status of an error reply):
 * in the report (a step in Allure, an annotation in the JSON report), never a verdict.
 */
export async function observe(what: string, value: string | number): Promise<void> {
  const description = redactText(`${what}: ${value}`);
  test.info().annotations.push({ type: ANNOTATION.observed, description });
  await allure.logStep(`observed: ${description}`);
}

/** The version the target reported: a label of the test, and the report environment's gws.version. */
export async function recordTargetVersion(version: string): Promise<void> {
  test.info().annotations.push({ type: ANNOTATION.version, description: version });
  await allure.label('gwsVersion', version);
}

/** The features a test needs: its own, else its page's. */
export function featuresOf(m: Pick<TestMeta, 'page' | 'features'>): readonly Feature[] {
  const page: Page = PAGES[m.page];
  return m.features ?? page.features ?? [];
}

export function meta(m: TestMeta): TestDetails {
  const inferred = inferenceOf(m);
  return {
    tag: featuresOf(m).map((f) => `@${f}`),
    annotation: [
      { type: ANNOTATION.id, description: m.id },
      { type: ANNOTATION.page, description: PAGES[m.page].url },
      ...m.requirements.map((r) => ({ type: ANNOTATION.requirement, description: r })),
      ...m.requirements.map((r) => ({ type: ANNOTATION.basis, description: `${r}: ${basisOf(r)}` })),
      ...(inferred ? [{ type: ANNOTATION.inferred, description: inferred }] : []),
    ],
  };
}

/** Reads the metadata back from a test's annotations and tags. */
export function readMeta(annotations: { type: string; description?: string }[], tags: string[]) {
  const of = (type: string) => annotations.filter((a) => a.type === type).map((a) => a.description ?? '');
  const pageUrl = of(ANNOTATION.page)[0];
  const pageKey = (Object.keys(PAGES) as PageKey[]).find((k) => PAGES[k].url === pageUrl);
  return {
    id: of(ANNOTATION.id)[0],
    page: pageKey ? PAGES[pageKey] : undefined,
    requirements: of(ANNOTATION.requirement),
    inferred: of(ANNOTATION.inferred)[0],
    basis: Object.fromEntries(of(ANNOTATION.basis).map((d) => d.split(': ') as [string, string])),
    features: tags.map((t) => t.replace(/^@/, '')),
  };
}
