import type { EChartsOption, MapSeriesOption, ScatterSeriesOption, VisualMapComponentOption } from 'echarts';
import type { Measure } from '../../gql/graphql';
import { isRate } from '../../model/semantics';
import type { RegionLevel } from '../../model/view';
import { cellText, chartValue, describe, escapeHtml, sequential, type ChartTexts, type ValueFormat } from '../format';
import { noData, type Cell, type Pivot } from '../pivot';

/** A municipality's centre point from the reference data. */
export interface RegionPoint {
  code: string;
  name: string;
  lat: number;
  lon: number;
  planningRegion: string | null;
}

/** A municipality with the value it is coloured by (its own, or its planning region's). */
export interface PlacedRegion extends RegionPoint {
  cell: Cell;
  /** The planning region whose value colours it, at planning-region level. */
  area: string | null;
}

export interface MapOptions {
  measure: Measure;
  format: ValueFormat;
  texts: ChartTexts;
}

/** Colours each municipality by its own value, or at planning-region level by its region's value. */
export function placeRegions(points: readonly RegionPoint[], p: Pivot, level: RegionLevel): PlacedRegion[] {
  const series = p.series[0];
  const byCode = new Map(p.categories.map((c, i) => [c.code, { label: c.label, cell: series?.cells[i] ?? noData }]));
  return points.map((point) => {
    const key = level === 'planning' ? point.planningRegion : point.code;
    const found = key === null ? undefined : byCode.get(key);
    return { ...point, cell: found?.cell ?? noData, area: level === 'planning' ? (found?.label ?? null) : null };
  });
}

/** Class limits at quantiles, so one large city does not wash every other municipality out. */
export function classBreaks(values: readonly number[], classes = sequential.length): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return [];
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const limits = Array.from({ length: classes }, (_, i) => at(i / classes));
  return [...new Set([...limits, sorted[sorted.length - 1]])];
}

function scale(placed: readonly PlacedRegion[], o: MapOptions, dimension?: number): VisualMapComponentOption {
  const values = placed.map((r) => chartValue(r.cell.value, o.measure)).filter((v): v is number => v !== null);
  const limits = classBreaks(values);
  // Drawn values of rates are percentages; their labels go through the rate format, which wants fractions.
  const label = (v: number) => o.format(isRate(o.measure) ? v / 100 : v, o.measure);
  const pieces =
    limits.length === 1
      ? [{ gte: limits[0], lte: limits[0], label: label(limits[0]) }]
      : limits.slice(0, -1).map((low, i) => {
          const high = limits[i + 1];
          const last = i === limits.length - 2;
          return { gte: low, ...(last ? { lte: high } : { lt: high }), label: `${label(low)} – ${label(high)}` };
        });
  // Spread the sequential colours over however many classes there are.
  const colour = (i: number) => sequential[pieces.length === 1 ? sequential.length - 1 : Math.round((i * (sequential.length - 1)) / (pieces.length - 1))];
  return {
    type: 'piecewise',
    seriesIndex: 0,
    dimension,
    pieces: pieces.map((piece, i) => ({ ...piece, color: colour(i) })),
    orient: 'horizontal',
    left: 'center',
    bottom: 0,
    itemGap: 6,
    textStyle: { fontSize: 11 },
    selectedMode: false,
  };
}

function tooltipText(r: PlacedRegion, o: MapOptions): string {
  const area = r.area === null ? '' : ` (${escapeHtml(r.area)})`;
  return `<b>${escapeHtml(r.name)}</b>${area}<br>${escapeHtml(cellText(r.cell, o.measure, o.format, o.texts))}`;
}

// Latvia spans about 56.9° N; one degree of longitude there is this many degrees of latitude long.
const lonScale = Math.cos((56.9 * Math.PI) / 180);

/*
 * The default map: each municipality as a dot at its centre point on plain value axes (no boundary
 * file needed). Suppressed municipalities are hollow grey rings, those without data small grey dots,
 * so neither is ever mistaken for a low value.
 */
export function pointMapOption(placed: readonly PlacedRegion[], p: Pivot, o: MapOptions): EChartsOption {
  const datum = (r: PlacedRegion) => ({
    name: r.code,
    value: [r.lon * lonScale, r.lat, chartValue(r.cell.value, o.measure) ?? 0],
  });
  const withValue = placed.filter((r) => r.cell.value !== null);
  const suppressed = placed.filter((r) => r.cell.suppressed);
  const missing = placed.filter((r) => r.cell.value === null && !r.cell.suppressed);
  const lookup = new Map(placed.map((r) => [r.code, r]));
  const base: ScatterSeriesOption = { type: 'scatter', symbol: 'circle', emphasis: { scale: 1.4 } };
  const series: ScatterSeriesOption[] = [
    { ...base, id: 'values', name: o.texts.title, data: withValue.map(datum), symbolSize: 18, itemStyle: { borderColor: '#334', borderWidth: 0.6 } },
    {
      ...base,
      id: 'suppressed',
      name: o.texts.suppressed,
      data: suppressed.map(datum),
      symbolSize: 16,
      itemStyle: { color: '#ffffff', borderColor: '#666', borderWidth: 2, borderType: 'dashed' },
    },
    { ...base, id: 'missing', name: o.texts.noData, data: missing.map(datum), symbolSize: 8, itemStyle: { color: '#c8c8c8' } },
  ];
  const lons = placed.map((r) => r.lon * lonScale);
  const lats = placed.map((r) => r.lat);
  const pad = 0.12;
  const axis = (values: number[]) => ({
    type: 'value' as const,
    show: false,
    min: Math.min(...values) - pad,
    max: Math.max(...values) + pad,
  });
  return {
    aria: { enabled: true, label: { description: describe(p, o.format, o.texts) } },
    animation: false,
    grid: { left: 8, right: 8, top: 8, bottom: 48 },
    xAxis: placed.length ? axis(lons) : { type: 'value', show: false },
    yAxis: placed.length ? axis(lats) : { type: 'value', show: false },
    // Points are [x, y, value]: colour by the third.
    visualMap: scale(placed, o, 2),
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (param: unknown) => {
        const region = lookup.get((param as { name?: string }).name ?? '');
        return region ? tooltipText(region, o) : '';
      },
    },
    series,
  };
}

/** The property of a boundary GeoJSON feature that holds its municipality's ATVK code. */
export const boundaryCodeProperty = 'atvk_code';

/*
 * With an official boundary file (web/public/geo/municipalities.geojson) the same values fill the
 * municipalities' areas. Suppressed areas are hatched grey: visibly withheld, not pale.
 */
export function boundaryMapOption(mapName: string, placed: readonly PlacedRegion[], p: Pivot, o: MapOptions): EChartsOption {
  const lookup = new Map(placed.map((r) => [r.code, r]));
  const series: MapSeriesOption = {
    type: 'map',
    map: mapName,
    nameProperty: boundaryCodeProperty,
    roam: false,
    aspectScale: lonScale,
    label: { show: false },
    emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd166' } },
    data: placed.map((r) => ({
      name: r.code,
      value: chartValue(r.cell.value, o.measure) ?? undefined,
      itemStyle: r.cell.suppressed
        ? {
            areaColor: '#d9d9d9',
            decal: { symbol: 'rect', color: 'rgba(0,0,0,0.35)', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4 },
          }
        : r.cell.value === null
          ? { areaColor: '#f0f0f0' }
          : undefined,
    })),
  };
  return {
    aria: { enabled: true, label: { description: describe(p, o.format, o.texts) } },
    animation: false,
    visualMap: scale(placed, o),
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (param: unknown) => {
        const region = lookup.get((param as { name?: string }).name ?? '');
        return region ? tooltipText(region, o) : '';
      },
    },
    series: [{ ...series, top: 8, bottom: 48 }],
  };
}
