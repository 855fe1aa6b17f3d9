import fc from 'fast-check';
import type { AggregateInput, Dimension, Measure } from '../../server/schema/generated/resolvers-types';
import { DIMENSIONS, MEASURES } from '../../server/analytics/model';

/** Random valid AggregateInputs over the demo data's codes, for property tests. */

const PARTICIPATION: Measure[] = ['PARTICIPANTS', 'NEW_PARTICIPANTS', 'REINTEGRATED', 'REINTEGRATION_RATE'];
const CONSULTATION: Measure[] = ['CONSULTATIONS', 'CONSULTED_PERSONS', 'CONSULTATION_SITES'];

const date = fc
  .integer({ min: Date.UTC(2016, 10, 1), max: Date.UTC(2024, 1, 1) })
  .map((ms) => new Date(ms - (ms % 86_400_000)).toISOString().slice(0, 10));

const someOf = <T>(values: T[], max = 3) => fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: max });

export const aggregateInput: fc.Arbitrary<AggregateInput> = fc
  .record({
    fact: fc.constantFrom('participation', 'consultation', 'both'),
    pick: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
    dims: fc.uniqueArray(fc.constantFrom(...(Object.keys(DIMENSIONS) as Dimension[])), { maxLength: 3 }),
    period: fc.tuple(date, date),
    regions: fc.option(someOf(['RIGA', 'LATGALE', '0031000', 'LV-107', '0001000', '0038000', '0055000']), { nil: undefined }),
    programmes: fc.option(someOf(['DIVERSITY', 'EX_PRISONERS']), { nil: undefined }),
    institutions: fc.option(someOf(['SIF', 'VERTE', 'NVA', 'IEVP']), { nil: undefined }),
    genders: fc.option(someOf(['F', 'M', 'X']), { nil: undefined }),
    stages: fc.option(someOf(['PRE_VOCATIONAL', 'PRE_RELEASE']), { nil: undefined }),
    targetGroups: fc.option(someOf(['DISCRIMINATION_RISK', 'AGE_50_PLUS', 'SINGLE_PARENT', 'DISABILITY']), { nil: undefined }),
    boundaries: fc.constantFrom('CURRENT', 'AS_RECORDED'),
  })
  .map(({ fact, pick, dims, period, regions, programmes, institutions, genders, stages, targetGroups, boundaries }) => {
    const pool = fact === 'participation' ? PARTICIPATION : fact === 'consultation' ? CONSULTATION : [...PARTICIPATION, ...CONSULTATION];
    let measures = pool.filter((_, i) => pick[i]);
    if (measures.length === 0) measures = [pool[0]];
    const facts = new Set(measures.map((m) => MEASURES[m].fact));
    const applies = (d: Dimension) => [...facts].every((f) => DIMENSIONS[d].columns[f]);
    let seenTime = false;
    const dimensions = dims.filter((d) => {
      if (!applies(d)) return false;
      if (DIMENSIONS[d].grain) {
        if (seenTime) return false;
        seenTime = true;
      }
      return true;
    });
    const [from, to] = period[0] <= period[1] ? period : [period[1], period[0]];
    const onlyParticipation = !facts.has('consultation');
    const onlyConsultation = !facts.has('participation');
    return {
      measures,
      dimensions,
      boundaries,
      filter: {
        from,
        to,
        regions,
        programmes,
        institutions,
        genders: onlyParticipation ? genders : undefined,
        targetGroups: onlyParticipation ? targetGroups : undefined,
        stages: onlyConsultation ? stages : undefined,
      },
    } as AggregateInput;
  });
