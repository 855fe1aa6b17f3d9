import type { EChartsOption, ScatterSeriesOption } from 'echarts';
import { describe, expect, it } from 'vitest';
import { registerBoundaryMap } from '../../../web/src/charts/registry';
import {
  boundaryMapOption,
  classBreaks,
  placeRegions,
  pointMapOption,
  type RegionPoint,
} from '../../../web/src/charts/options/regionMap';
import { pivot } from '../../../web/src/charts/pivot';
import { format, measureName, row, texts } from './fixtures';
import { renderSvg } from './render';

const points: RegionPoint[] = [
  { code: '0001000', name: 'Rīga', lat: 56.949, lon: 24.106, planningRegion: 'RIGA' },
  { code: '0031000', name: 'Jēkabpils novads', lat: 56.5, lon: 25.9, planningRegion: 'ZEMGALE' },
  { code: '0003000', name: 'Jelgava', lat: 56.652, lon: 23.721, planningRegion: 'ZEMGALE' },
];

const byMunicipality = pivot(
  [row({ MUNICIPALITY: '0001000' }, { PARTICIPANTS: 120 }), row({ MUNICIPALITY: '0031000' }, { PARTICIPANTS: 'suppressed' })],
  { measures: ['PARTICIPANTS'], category: 'MUNICIPALITY', measureName, totalLabel: 'Total' },
);

const options = { measure: 'PARTICIPANTS' as const, format, texts };

function dataOf(option: EChartsOption, id: string): { name: string; value: number[] }[] {
  const series = (option.series as ScatterSeriesOption[]).find((s) => s.id === id);
  return (series?.data ?? []) as { name: string; value: number[] }[];
}

describe('placeRegions', () => {
  it('gives each municipality its own value, suppressed or missing', () => {
    const placed = placeRegions(points, byMunicipality, 'municipality');
    expect(placed.map((r) => r.cell)).toEqual([
      { value: 120, suppressed: false },
      { value: null, suppressed: true },
      { value: null, suppressed: false },
    ]);
  });

  it("gives each municipality its planning region's value at that level", () => {
    const byRegion = pivot([row({ PLANNING_REGION: 'ZEMGALE' }, { PARTICIPANTS: 40 })], {
      measures: ['PARTICIPANTS'],
      category: 'PLANNING_REGION',
      measureName,
      totalLabel: 'Total',
    });
    const placed = placeRegions(points, byRegion, 'planning');
    expect(placed.map((r) => [r.code, r.cell.value, r.area])).toEqual([
      ['0001000', null, null],
      ['0031000', 40, 'label of ZEMGALE'],
      ['0003000', 40, 'label of ZEMGALE'],
    ]);
  });
});

describe('pointMapOption', () => {
  const option = pointMapOption(placeRegions(points, byMunicipality, 'municipality'), byMunicipality, options);

  it('colours municipalities with a value by it, and keeps suppressed and missing ones apart', () => {
    expect(dataOf(option, 'values').map((d) => [d.name, d.value[2]])).toEqual([['0001000', 120]]);
    expect(dataOf(option, 'suppressed').map((d) => d.name)).toEqual(['0031000']);
    expect(dataOf(option, 'missing').map((d) => d.name)).toEqual(['0003000']);
    expect(option.visualMap).toMatchObject({ type: 'piecewise', seriesIndex: 0, dimension: 2, pieces: [{ gte: 120, lte: 120, label: '120' }] });
  });

  it('places points by longitude and latitude, west to east and south to north', () => {
    const all = [...dataOf(option, 'values'), ...dataOf(option, 'suppressed'), ...dataOf(option, 'missing')];
    const x = Object.fromEntries(all.map((d) => [d.name, d.value[0]]));
    const y = Object.fromEntries(all.map((d) => [d.name, d.value[1]]));
    expect(x['0003000']).toBeLessThan(x['0001000']);
    expect(x['0001000']).toBeLessThan(x['0031000']);
    expect(y['0031000']).toBeLessThan(y['0001000']);
  });

  it('names suppressed municipalities in the tooltip', () => {
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ name: '0031000' })).toBe('<b>Jēkabpils novads</b><br>suppressed');
    expect(formatter({ name: '0001000' })).toBe('<b>Rīga</b><br>120');
  });

  it('renders, also with no data at all', () => {
    expect(renderSvg(option)).toContain('<svg');
    const empty = pivot([], { measures: ['PARTICIPANTS'], category: 'MUNICIPALITY', measureName, totalLabel: 'Total' });
    expect(renderSvg(pointMapOption(placeRegions(points, empty, 'municipality'), empty, options))).toContain('<svg');
  });

  it('scales rates to 100 %', () => {
    const rates = pivot([row({ MUNICIPALITY: '0001000' }, { REINTEGRATION_RATE: 0.25 })], {
      measures: ['REINTEGRATION_RATE'],
      category: 'MUNICIPALITY',
      measureName,
      totalLabel: 'Total',
    });
    const rateOption = pointMapOption(placeRegions(points, rates, 'municipality'), rates, { ...options, measure: 'REINTEGRATION_RATE' });
    expect(dataOf(rateOption, 'values')[0].value[2]).toBe(25);
    expect((rateOption.visualMap as { pieces: { label: string }[] }).pieces[0].label).toBe('25%');
  });
});

describe('classBreaks', () => {
  it('puts class limits at quantiles, so one outlier does not flatten the rest', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1000];
    expect(classBreaks(values)).toEqual([1, 3, 5, 7, 9, 1000]);
  });

  it('gives fewer classes when values repeat, and none without values', () => {
    expect(classBreaks([40, 40, 40, 7])).toEqual([7, 40]);
    expect(classBreaks([])).toEqual([]);
  });
});

describe('boundaryMapOption', () => {
  it('fills areas by ATVK code and hatches suppressed ones', async () => {
    const square = (x: number, code: string) => ({
      type: 'Feature',
      properties: { atvk_code: code },
      geometry: { type: 'Polygon', coordinates: [[[x, 56], [x + 1, 56], [x + 1, 57], [x, 57], [x, 56]]] },
    });
    await registerBoundaryMap('test-municipalities', {
      type: 'FeatureCollection',
      features: [square(23, '0003000'), square(24, '0001000'), square(25, '0031000')],
    } as never);
    const option = boundaryMapOption('test-municipalities', placeRegions(points, byMunicipality, 'municipality'), byMunicipality, options);
    const data = (option.series as { data: { name: string; value?: number; itemStyle?: { decal?: unknown } }[] }[])[0].data;
    expect(data.find((d) => d.name === '0001000')?.value).toBe(120);
    expect(data.find((d) => d.name === '0031000')?.itemStyle?.decal).toBeDefined();
    expect(renderSvg(option)).toContain('<path');
  });
});
