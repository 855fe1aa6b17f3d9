import { describe, expect, it } from 'vitest';
import type { Measure } from '../../server/schema/generated/resolvers-types';
import { applyDisclosureControl, countSuppressed, type Table } from '../../server/analytics/suppression';

const cell = (value: number | null) => ({ value, suppressed: false });
function table(measure: Measure, rows: [string[], number][], total: number): Table {
  return { rows: rows.map(([key, v]) => ({ key, cells: { [measure]: cell(v) } })), totals: { [measure]: cell(total) } };
}
const values = (t: Table, m: Measure) => t.rows.map((r) => r.cells[m]!.value);

describe('disclosure control', () => {
  it('hides counts from 1 to 4 and, complementarily, the next smallest cell of the line', () => {
    const t = table('CONSULTATIONS', [[['A'], 3], [['B'], 10], [['C'], 7], [['D'], 0]], 20);
    applyDisclosureControl(t, ['CONSULTATIONS'], 5);
    expect(values(t, 'CONSULTATIONS')).toEqual([null, 10, null, 0]);
    expect(t.totals.CONSULTATIONS).toEqual({ value: 20, suppressed: false });
    expect(countSuppressed(t, ['CONSULTATIONS'])).toBe(2);
  });

  it('hides the total when it is the only other way to recover a hidden cell', () => {
    const t = table('CONSULTATIONS', [[['A'], 3], [['B'], 0]], 3);
    applyDisclosureControl(t, ['CONSULTATIONS'], 5);
    expect(t.totals.CONSULTATIONS!.suppressed).toBe(true);
    const u = table('CONSULTATIONS', [[['A'], 4]], 12);
    applyDisclosureControl(u, ['CONSULTATIONS'], 5);
    expect(u.totals.CONSULTATIONS).toEqual({ value: null, suppressed: true });
  });

  it('protects every line of a two-dimensional table', () => {
    // A 2 × 2 table with one small cell: its row, its column and the total each need a second hidden cell.
    const t = table('NEW_PARTICIPANTS', [[['2020', 'F'], 2], [['2020', 'M'], 30], [['2021', 'F'], 40], [['2021', 'M'], 50]], 122);
    applyDisclosureControl(t, ['NEW_PARTICIPANTS'], 5);
    const hidden = t.rows.filter((r) => r.cells.NEW_PARTICIPANTS!.suppressed).map((r) => r.key.join(' '));
    expect(hidden).toEqual(['2020 F', '2020 M', '2021 F', '2021 M']);
  });

  it('never hides zeros or site counts', () => {
    const t = table('CONSULTATION_SITES', [[['2017'], 2], [['2018'], 0]], 2);
    applyDisclosureControl(t, ['CONSULTATION_SITES'], 5);
    expect(values(t, 'CONSULTATION_SITES')).toEqual([2, 0]);
  });

  it('hides a rate with fewer than 10 in its denominator, or whose numerator is hidden', () => {
    const t: Table = {
      rows: [
        { key: ['A'], cells: { PARTICIPANTS: cell(8), REINTEGRATED: cell(6), REINTEGRATION_RATE: cell(0.75) } },
        { key: ['B'], cells: { PARTICIPANTS: cell(60), REINTEGRATED: cell(3), REINTEGRATION_RATE: cell(0.05) } },
        { key: ['C'], cells: { PARTICIPANTS: cell(60), REINTEGRATED: cell(18), REINTEGRATION_RATE: cell(0.3) } },
      ],
      totals: { PARTICIPANTS: cell(128), REINTEGRATED: cell(27), REINTEGRATION_RATE: cell(27 / 128) },
    };
    applyDisclosureControl(t, ['PARTICIPANTS', 'REINTEGRATED', 'REINTEGRATION_RATE'], 5);
    expect(values(t, 'REINTEGRATION_RATE')).toEqual([null, null, 0.3]);
    expect(t.totals.REINTEGRATION_RATE!.value).toBeCloseTo(27 / 128);
  });
});
