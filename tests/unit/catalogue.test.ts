import { expect, test } from '@playwright/test';
import { ANNOTATION, meta, readMeta } from '../../helpers/meta';
import { basisOf, gradeOf, inferredReason, isJudged, openReason, REQUIREMENTS, type RequirementId } from '../../catalogue/requirements';

/** Every requirement says what it rests on, and the tests' grading follows from the catalogue. */

const IDS = Object.keys(REQUIREMENTS) as RequirementId[];

test('every requirement names its basis, and an inferred or open one its reason', () => {
  for (const id of IDS) {
    const r = REQUIREMENTS[id];
    expect(['stated', 'printed', 'inferred', 'open'], id).toContain(r.basis);
    if (r.basis === 'inferred' || r.basis === 'open') expect(r.reason?.trim().length ?? 0, `${id} gives its reason`).toBeGreaterThan(20);
    else expect(r.reason, `${id} is ${r.basis}: no reason to give`).toBeUndefined();
  }
  expect(IDS.filter((id) => basisOf(id) === 'open').length).toBeGreaterThan(0);
});

test('the reports read an inferred requirement\'s reason as `inferred`, and nothing else carries one', () => {
  for (const id of IDS) {
    expect(REQUIREMENTS[id].inferred, id).toBe(basisOf(id) === 'inferred' ? REQUIREMENTS[id].reason : undefined);
    expect(inferredReason(id), id).toBe(REQUIREMENTS[id].inferred);
    expect(openReason(id) !== undefined, id).toBe(!isJudged(id));
  }
  expect(() => basisOf('NO-SUCH-REQUIREMENT')).toThrow(/unknown requirement NO-SUCH-REQUIREMENT/);
});

test('a check is non-strict only when every judged requirement it rests on is inferred; one on open requirements alone is no verdict', () => {
  expect(basisOf('SMS-COACH-VISIBILITY')).toBe('inferred');
  expect(gradeOf('SMS-COACH-VISIBILITY')).toEqual({ inferred: inferredReason('SMS-COACH-VISIBILITY') });
  expect(gradeOf('SMS-COACH-VISIBILITY', 'SMS-SWITCH-REPLY')).toEqual({});
  expect(gradeOf('SMS-COACH-VISIBILITY', 'SMS-CANCEL-NOT-ACTIVE')).toEqual({ inferred: inferredReason('SMS-COACH-VISIBILITY') });
  expect(() => gradeOf('SMS-CANCEL-NOT-ACTIVE')).toThrow(/must be an observation/);
});

const annotationsOf = (details: ReturnType<typeof meta>) => details.annotation;

test('meta derives a test\'s inference from the catalogue: all inferred → the reasons; any stated or printed → strict', () => {
  const inferredOnly = annotationsOf(meta({ id: 'x.a', page: 'sms.accept', requirements: ['SMS-SWITCH-SAME-MODE'], features: [] }));
  expect(inferredOnly).toContainEqual({ type: ANNOTATION.inferred, description: inferredReason('SMS-SWITCH-SAME-MODE') });
  expect(inferredOnly).toContainEqual({ type: ANNOTATION.basis, description: 'SMS-SWITCH-SAME-MODE: inferred' });

  const mixed = annotationsOf(meta({ id: 'x.b', page: 'sms.accept', requirements: ['SMS-SWITCH-SAME-MODE', 'SMS-ACCEPT-REPLY'], features: [] }));
  expect(mixed.filter((a) => a.type === ANNOTATION.inferred)).toEqual([]);

  const told = annotationsOf(meta({ id: 'x.c', page: 'sms.accept', requirements: ['SMS-ACCEPT-REPLY'], features: [], inferred: 'a reading of the test' }));
  expect(told).toContainEqual({ type: ANNOTATION.inferred, description: 'a reading of the test' });

  const read = readMeta(inferredOnly, []);
  expect(read.inferred).toBe(inferredReason('SMS-SWITCH-SAME-MODE'));
  expect(read.basis).toEqual({ 'SMS-SWITCH-SAME-MODE': 'inferred' });
});
