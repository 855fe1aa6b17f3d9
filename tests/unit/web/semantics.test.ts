import { describe, expect, it } from 'vitest';
import { dimensionsFor, filterApplies } from '../../../web/src/model/semantics';

describe('which breakdowns and filters fit the chosen measures', () => {
  it('offers person breakdowns for participation and consultation ones for consultations', () => {
    expect(dimensionsFor(['PARTICIPANTS'])).toEqual(expect.arrayContaining(['GENDER', 'TARGET_GROUP', 'MUNICIPALITY']));
    expect(dimensionsFor(['PARTICIPANTS'])).not.toContain('CONSULTATION_STAGE');
    expect(dimensionsFor(['CONSULTATIONS'])).toEqual(expect.arrayContaining(['SITE', 'CONSULTATION_STAGE', 'MUNICIPALITY']));
    expect(dimensionsFor(['CONSULTATIONS'])).not.toContain('GENDER');
  });

  it('offers only the shared ones when both kinds are chosen', () => {
    expect(dimensionsFor(['PARTICIPANTS', 'CONSULTED_PERSONS'])).toEqual([
      'YEAR',
      'QUARTER',
      'MONTH',
      'MUNICIPALITY',
      'PLANNING_REGION',
      'INSTITUTION',
      'PROGRAMME',
      'DATASET',
    ]);
  });

  it('applies a filter only where the measures have it', () => {
    expect(filterApplies('genders', ['PARTICIPANTS', 'REINTEGRATION_RATE'])).toBe(true);
    expect(filterApplies('genders', ['PARTICIPANTS', 'CONSULTATIONS'])).toBe(false);
    expect(filterApplies('stages', ['CONSULTED_PERSONS'])).toBe(true);
    expect(filterApplies('programmes', ['PARTICIPANTS', 'CONSULTATIONS'])).toBe(true);
  });
});
