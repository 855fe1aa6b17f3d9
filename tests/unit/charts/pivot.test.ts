import { describe, expect, it } from 'vitest';
import { isEmpty, pivot, ranked } from '../../../web/src/charts/pivot';
import { measureName, row } from './fixtures';

describe('pivot', () => {
  it('puts the first dimension on the category axis and sorts time', () => {
    const p = pivot([row({ YEAR: '2022' }, { PARTICIPANTS: 7 }), row({ YEAR: '2021' }, { PARTICIPANTS: 5 })], {
      measures: ['PARTICIPANTS'],
      category: 'YEAR',
      measureName,
      totalLabel: 'Total',
    });
    expect(p.categories.map((c) => c.code)).toEqual(['2021', '2022']);
    expect(p.series).toEqual([
      {
        key: 'PARTICIPANTS',
        name: 'name of PARTICIPANTS',
        measure: 'PARTICIPANTS',
        cells: [
          { value: 5, suppressed: false },
          { value: 7, suppressed: false },
        ],
      },
    ]);
  });

  it('keeps the API order of other dimensions', () => {
    const p = pivot([row({ MUNICIPALITY: 'B' }, { PARTICIPANTS: 9 }), row({ MUNICIPALITY: 'A' }, { PARTICIPANTS: 3 })], {
      measures: ['PARTICIPANTS'],
      category: 'MUNICIPALITY',
      measureName,
      totalLabel: 'Total',
    });
    expect(p.categories.map((c) => c.label)).toEqual(['label of B', 'label of A']);
  });

  it('makes one series per combination of the other dimensions, and marks missing cells as no data', () => {
    const p = pivot(
      [
        row({ YEAR: '2021', GENDER: 'F' }, { PARTICIPANTS: 10 }),
        row({ YEAR: '2021', GENDER: 'M' }, { PARTICIPANTS: 'suppressed' }),
        row({ YEAR: '2022', GENDER: 'F' }, { PARTICIPANTS: 12 }),
      ],
      { measures: ['PARTICIPANTS'], category: 'YEAR', seriesBy: ['GENDER'], measureName, totalLabel: 'Total' },
    );
    expect(p.series.map((s) => s.name)).toEqual(['label of F', 'label of M']);
    expect(p.series[1].cells).toEqual([
      { value: null, suppressed: true },
      { value: null, suppressed: false },
    ]);
  });

  it('names series by measure and group when there are several measures', () => {
    const p = pivot([row({ YEAR: '2021', GENDER: 'F' }, { PARTICIPANTS: 10, REINTEGRATED: 4 })], {
      measures: ['PARTICIPANTS', 'REINTEGRATED'],
      category: 'YEAR',
      seriesBy: ['GENDER'],
      measureName,
      totalLabel: 'Total',
    });
    expect(p.series.map((s) => s.name)).toEqual(['name of PARTICIPANTS · label of F', 'name of REINTEGRATED · label of F']);
  });

  it('has one category for a query without dimensions', () => {
    const p = pivot([row({}, { PARTICIPANTS: 60, REINTEGRATED: 18 })], {
      measures: ['PARTICIPANTS', 'REINTEGRATED'],
      measureName,
      totalLabel: 'Total',
    });
    expect(p.categories).toEqual([{ code: '', label: 'Total' }]);
    expect(p.series.map((s) => s.cells[0].value)).toEqual([60, 18]);
  });

  it('is empty without rows, but not when every cell is suppressed', () => {
    const spec = { measures: ['PARTICIPANTS'] as const, category: 'YEAR' as const, measureName, totalLabel: 'Total' };
    expect(isEmpty(pivot([], spec))).toBe(true);
    expect(isEmpty(pivot([row({ YEAR: '2021' }, { PARTICIPANTS: 'suppressed' })], spec))).toBe(false);
  });

  it('ranks by the first series, suppressed and missing last', () => {
    const p = ranked(
      pivot(
        [
          row({ MUNICIPALITY: 'A' }, { PARTICIPANTS: 3 }),
          row({ MUNICIPALITY: 'B' }, { PARTICIPANTS: 'suppressed' }),
          row({ MUNICIPALITY: 'C' }, { PARTICIPANTS: 30 }),
          row({ MUNICIPALITY: 'D' }, { PARTICIPANTS: 12 }),
        ],
        { measures: ['PARTICIPANTS'], category: 'MUNICIPALITY', measureName, totalLabel: 'Total' },
      ),
    );
    expect(p.categories.map((c) => c.code)).toEqual(['C', 'D', 'A', 'B']);
    expect(p.series[0].cells.map((c) => c.value)).toEqual([30, 12, 3, null]);
  });
});
