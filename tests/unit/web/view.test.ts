import { describe, expect, it } from 'vitest';
import { defaultView, parseView, serializeView, viewFilter, viewOfQuery } from '../../../web/src/model/view';

describe('the view in the URL', () => {
  it('round-trips through the query string', () => {
    const view = {
      ...defaultView,
      lang: 'lv' as const,
      programmes: ['DIVERSITY'],
      regions: ['LATGALE'],
      from: '2021-01-01',
      to: '2021-12-31',
      genders: ['F'],
      stages: ['PRE_RELEASE'],
      measure: 'REINTEGRATION_RATE' as const,
      level: 'planning' as const,
      compare: ['LATGALE', 'RIGA'],
      measures: ['PARTICIPANTS' as const, 'REINTEGRATED' as const],
      dimensions: ['YEAR' as const, 'GENDER' as const],
      chart: 'line' as const,
    };
    const query = serializeView(view);
    expect(query).toEqual({
      lang: 'lv',
      programme: 'DIVERSITY',
      region: 'LATGALE',
      from: '2021-01-01',
      to: '2021-12-31',
      gender: 'F',
      stage: 'PRE_RELEASE',
      measure: 'REINTEGRATION_RATE',
      level: 'planning',
      compare: 'LATGALE,RIGA',
      measures: 'PARTICIPANTS,REINTEGRATED',
      dims: 'YEAR,GENDER',
      chart: 'line',
    });
    expect(parseView(query)).toEqual(view);
  });

  it('leaves defaults out of links, but always names the language', () => {
    expect(serializeView({ ...defaultView, lang: 'en' })).toEqual({ lang: 'en' });
  });

  it('keeps "no breakdown" apart from the default breakdown', () => {
    expect(parseView({ dims: '' }).dimensions).toEqual([]);
    expect(parseView({}).dimensions).toEqual(['YEAR']);
    expect(serializeView({ ...defaultView, dimensions: [] }).dims).toBe('');
  });

  it('drops what does not make sense instead of failing', () => {
    const view = parseView({
      lang: 'de',
      from: '2021-13-45',
      to: 'yesterday',
      measures: 'PARTICIPANTS,DROP_TABLE',
      dims: 'YEAR,GENDER,AGE_BAND,OUTCOME,PROGRAMME,NOPE',
      region: '<script>,0031000',
      chart: 'pie',
      compare: 'A,B,C,D,E',
    });
    expect(view).toMatchObject({
      lang: 'en',
      from: null,
      to: null,
      measures: ['PARTICIPANTS'],
      dimensions: ['YEAR', 'GENDER', 'AGE_BAND', 'OUTCOME'],
      regions: ['0031000'],
      chart: 'bar',
      compare: ['A', 'B', 'C', 'D'],
    });
  });

  it('gives pages only the global filters, and the Explorer all of them', () => {
    const view = parseView({ programme: 'DIVERSITY', region: 'LATGALE', from: '2021-01-01', gender: 'F', asOf: '2024-01-01T00:00:00Z' });
    expect(viewFilter(view, 'global')).toEqual({ programmes: ['DIVERSITY'], regions: ['LATGALE'], from: '2021-01-01' });
    expect(viewFilter(view, 'explorer')).toEqual({
      programmes: ['DIVERSITY'],
      regions: ['LATGALE'],
      genders: ['F'],
      from: '2021-01-01',
      asOf: '2024-01-01T00:00:00Z',
    });
  });

  it("opens an aggregate query (a published figure's, an export's permalink) as an Explorer view", () => {
    const view = viewOfQuery({
      measures: ['CONSULTED_PERSONS'],
      filter: { programmes: ['EX_PRISONERS'], institutions: ['NVA'], stages: ['PRE_RELEASE'], from: '2016-12-01', to: '2023-12-01' },
    });
    expect(view).toMatchObject({
      measures: ['CONSULTED_PERSONS'],
      dimensions: [],
      programmes: ['EX_PRISONERS'],
      institutions: ['NVA'],
      stages: ['PRE_RELEASE'],
      from: '2016-12-01',
      to: '2023-12-01',
      boundaries: 'CURRENT',
    });
    expect(viewFilter({ ...defaultView, ...view }, 'explorer')).toEqual({
      programmes: ['EX_PRISONERS'],
      institutions: ['NVA'],
      stages: ['PRE_RELEASE'],
      from: '2016-12-01',
      to: '2023-12-01',
    });
  });
});
