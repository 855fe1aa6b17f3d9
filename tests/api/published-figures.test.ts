import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases';
import { readMetrics } from '../helpers/metrics';
import { gql, startTestServer, type TestServer } from '../helpers/server';

const AGGREGATE = `query ($q: AggregateInput!, $lang: Lang) {
  aggregate(query: $q, lang: $lang) {
    totals { measure value suppressed }
    rows { dimensions { dimension code label } measures { measure value suppressed } }
    sources { id }
    synthetic
  }
}`;

describe.each(testDatabases())('published figures through HTTP on $id', ({ id }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ engine: id });
  });
  afterAll(() => server?.close());

  const aggregate = async (q: unknown, lang = 'EN') => {
    const { status, body } = await gql(server.baseUrl, AGGREGATE, { q, lang });
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    return body.data.aggregate;
  };
  const total = (result: { totals: { measure: string; value: number | null }[] }, measure: string) =>
    result.totals.find((t) => t.measure === measure)?.value;

  const verte = { from: '2020-09-01', to: '2021-05-01', institutions: ['VERTE'] };

  // First in this file: nothing may have asked for a figure yet.
  it('are computed as the server opens, so the first visitor does not wait for them', async () => {
    const computations = async () => (await readMetrics(server.baseUrl)).im_published_figures_computations_total;
    for (let waited = 0; (await computations()) === 0 && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(await computations()).toBe(1);
    const { body } = await gql(server.baseUrl, '{ publishedFigures { id computedValue matches } }');
    expect(body.data.publishedFigures.find((f: { id: string }) => f.id === 'VERTE_2021_PARTICIPANTS')).toEqual({ id: 'VERTE_2021_PARTICIPANTS', computedValue: 60, matches: true });
    expect(await computations()).toBe(1);
  });

  it.each([
    ['the current municipality 0031000', ['0031000']],
    ['the historic municipality LV-107', ['LV-107']],
    ['its pre-2021 ATVK code 0561800', ['0561800']],
    ['the planning region ZEMGALE', ['ZEMGALE']],
  ])('Verte: 60 participants, 18 reintegrated, rate 0.3, filtered by %s', async (_label, regions) => {
    const result = await aggregate({ measures: ['PARTICIPANTS', 'REINTEGRATED', 'REINTEGRATION_RATE'], filter: { ...verte, regions } });
    expect(total(result, 'PARTICIPANTS')).toBe(60);
    expect(total(result, 'REINTEGRATED')).toBe(18);
    expect(total(result, 'REINTEGRATION_RATE')).toBeCloseTo(0.3, 12);
    expect(result.synthetic).toBe(true);
    expect(result.sources.map((s: { id: string }) => s.id).sort()).toEqual(['VERTE_2021_PARTICIPANTS', 'VERTE_2021_REINTEGRATED']);
  });

  it('data recorded under LV-107 rolls up to 0031000, or stays LV-107 as recorded', async () => {
    const q = { measures: ['PARTICIPANTS'], dimensions: ['MUNICIPALITY'], filter: verte };
    const current = await aggregate(q, 'LV');
    expect(current.rows.map((r: any) => [r.dimensions[0].code, r.measures[0].value])).toEqual([['0031000', 60]]);
    expect(current.rows[0].dimensions[0].label).toBe('Jēkabpils novads');
    const recorded = await aggregate({ ...q, boundaries: 'AS_RECORDED' }, 'LV');
    expect(recorded.rows.map((r: any) => [r.dimensions[0].code, r.dimensions[0].label, r.measures[0].value])).toEqual([['LV-107', 'Viesītes novads', 60]]);
  });

  it('3577 persons consulted by NVA, 1623 before vocational education and 1954 before release', async () => {
    const result = await aggregate({
      measures: ['CONSULTED_PERSONS'],
      dimensions: ['CONSULTATION_STAGE'],
      filter: { programmes: ['EX_PRISONERS'], institutions: ['NVA'], from: '2016-12-01', to: '2023-12-01' },
    });
    expect(total(result, 'CONSULTED_PERSONS')).toBe(3577);
    const byStage = Object.fromEntries(result.rows.map((r: any) => [r.dimensions[0].code, r.measures[0].value]));
    expect(byStage).toEqual({ PRE_VOCATIONAL: 1623, PRE_RELEASE: 1954 });
    expect(result.sources.map((s: { id: string }) => s.id).sort()).toEqual([
      'NVA_CONSULTED_PRE_RELEASE',
      'NVA_CONSULTED_PRE_VOCATIONAL',
      'NVA_CONSULTED_TOTAL',
    ]);
  });

  it('consultation sites: 6 in 2017, 7 in each year 2018–2022, 9 in 2023', async () => {
    const result = await aggregate({
      measures: ['CONSULTATION_SITES'],
      dimensions: ['YEAR'],
      filter: { programmes: ['EX_PRISONERS'], institutions: ['NVA'], from: '2017-01-01', to: '2023-12-01' },
    });
    const byYear = Object.fromEntries(result.rows.map((r: any) => [r.dimensions[0].code, r.measures[0].value]));
    expect(byYear).toEqual({ '2017': 6, '2018': 7, '2019': 7, '2020': 7, '2021': 7, '2022': 7, '2023': 9 });
  });

  it('more than 2000 people supported by DIVERSITY by 2021-05-01', async () => {
    const result = await aggregate({ measures: ['PARTICIPANTS'], filter: { institutions: ['SIF'], programmes: ['DIVERSITY'], from: '2018-01-01', to: '2021-05-01' } });
    expect(total(result, 'PARTICIPANTS')).toBeGreaterThan(2000);
    expect(result.sources.map((s: { id: string }) => s.id)).toEqual(['DIVERSITY_TOTAL_2021']);
  });

  it('publishedFigures: every figure computed from the data and matching', async () => {
    const { body } = await gql(server.baseUrl, '{ publishedFigures { id value qualifier computedValue matches quote source query } }');
    const figures = body.data.publishedFigures;
    expect(figures).toHaveLength(9);
    for (const f of figures) expect({ id: f.id, matches: f.matches }).toEqual({ id: f.id, matches: true });
    const verteReintegrated = figures.find((f: any) => f.id === 'VERTE_2021_REINTEGRATED');
    expect(verteReintegrated.computedValue).toBe(18);
    expect(verteReintegrated.quote).toContain('no kuriem 18 atkal izdevies iekļauties');
    expect(JSON.parse(verteReintegrated.query)).toMatchObject({ measures: ['REINTEGRATED'], filter: { institutions: ['VERTE'], regions: ['LV-107'] } });
  });
});
