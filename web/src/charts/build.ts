import type { EChartsOption } from 'echarts';
import type { Measure } from '../gql/graphql';
import type { RegionLevel } from '../model/view';
import type { Draw } from './catalog';
import type { ChartTexts, ValueFormat } from './format';
import { cartesianOption } from './options/cartesian';
import { presenceOption } from './options/presence';
import { boundaryMapOption, placeRegions, pointMapOption, type RegionPoint } from './options/regionMap';
import { ranked, type Pivot } from './pivot';

export interface Drawing {
  draw: Draw;
  horizontal: boolean;
  format: ValueFormat;
  texts: ChartTexts;
  /** For maps: the municipalities' centre points, and the name of a registered boundary map if there is one. */
  map?: { points: readonly RegionPoint[]; boundaries: string | null; level: RegionLevel; measure: Measure };
}

export interface Drawn {
  /** What the chart shows, in its order: the data table lists exactly this. */
  pivot: Pivot;
  option: EChartsOption;
  /** Pixels; null for maps, which keep their aspect ratio in CSS. */
  height: number | null;
}

/** The ECharts option for a pivot, by the chart's kind of drawing. Ranked charts put the largest first. */
export function drawChart(raw: Pivot, d: Drawing): Drawn {
  const p = d.draw === 'ranking' ? ranked(raw) : raw;
  return { pivot: p, option: optionFor(p, d), height: chartHeight(p, d) };
}

function optionFor(p: Pivot, d: Drawing): EChartsOption {
  const { format, texts } = d;
  switch (d.draw) {
    case 'bar':
      return cartesianOption(p, { type: 'bar', horizontal: d.horizontal, format, texts });
    case 'stacked':
      return cartesianOption(p, { type: 'bar', stacked: true, horizontal: d.horizontal, format, texts });
    case 'line':
      return cartesianOption(p, { type: 'line', format, texts });
    case 'ranking':
      return cartesianOption(p, { type: 'bar', horizontal: true, format, texts });
    case 'presence':
      return presenceOption(p, { format, texts });
    case 'map': {
      if (!d.map) throw new Error('a map needs its region points');
      const placed = placeRegions(d.map.points, p, d.map.level);
      const o = { measure: d.map.measure, format, texts };
      return d.map.boundaries ? boundaryMapOption(d.map.boundaries, placed, p, o) : pointMapOption(placed, p, o);
    }
  }
}

/* Charts with categories down the side grow with them. */
function chartHeight(p: Pivot, d: Pick<Drawing, 'draw' | 'horizontal'>): number | null {
  if (d.draw === 'map') return null;
  if (d.draw === 'presence') return Math.max(200, p.series.length * 34 + 70);
  if (d.draw === 'ranking' || d.horizontal) {
    const perCategory = d.draw === 'stacked' || p.series.length === 1 ? 34 : 16 + 14 * p.series.length;
    return Math.max(200, p.categories.length * perCategory + 90);
  }
  return 320;
}
