import { describe, expect, it } from 'vitest';
import { chartSpec } from '../../../web/src/charts/catalog';
import { defaultView, parseView } from '../../../web/src/model/view';
import { dimensionsFor, maxDimensions } from '../../../web/src/model/semantics';

const ids = [
  'participants-by-year',
  'esf-results',
  'consultations-by-year',
  'regions-map',
  'regions-ranking',
  'regions-compare',
  'target-groups',
  'target-group-outcomes',
  'gender',
  'age-bands',
  'prison-sites',
  'site-activity',
  'consultations-by-stage',
  'consultations-by-format',
  'participants-by-institution',
  'explorer',
];

describe('the chart catalog', () => {
  const view = parseView({ compare: '0001000,0002000', programme: 'DIVERSITY', from: '2021-01-01', to: '2021-12-31' });

  it.each(ids)('%s asks a query the API can answer, with the global filters', (id) => {
    const spec = chartSpec(id)!;
    const query = spec.query(view)!;
    expect(query.measures.length).toBeGreaterThan(0);
    const dimensions = query.dimensions ?? [];
    expect(dimensions.length).toBeLessThanOrEqual(maxDimensions);
    const possible = dimensionsFor(query.measures);
    for (const d of dimensions) expect(possible).toContain(d);
    expect(query.filter).toMatchObject({ programmes: ['DIVERSITY'], from: '2021-01-01', to: '2021-12-31' });
  });

  it('knows no chart by another name', () => {
    expect(chartSpec('nope')).toBeUndefined();
    expect(chartSpec('toString')).toBeUndefined();
  });

  it('compares only when two regions are chosen, and then replaces the region filter with them', () => {
    const compare = chartSpec('regions-compare')!;
    expect(compare.query({ ...defaultView, compare: ['0001000'] })).toBeNull();
    expect(compare.query({ ...defaultView, regions: ['LATGALE'], compare: ['0001000', '0002000'] })?.filter?.regions).toEqual(['0001000', '0002000']);
  });

  it('follows the level and measure chosen on the Regions page', () => {
    const ranking = chartSpec('regions-ranking')!;
    expect(ranking.query({ ...defaultView, level: 'planning', measure: 'REINTEGRATION_RATE' })).toMatchObject({
      measures: ['REINTEGRATION_RATE'],
      dimensions: ['PLANNING_REGION'],
    });
  });
});
