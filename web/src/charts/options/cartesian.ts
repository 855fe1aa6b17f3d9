import type { EChartsOption, BarSeriesOption, LineSeriesOption, TooltipComponentOption } from 'echarts';
import { isRate } from '../../model/semantics';
import { cellText, chartValue, describe, escapeHtml, palette, type ChartTexts, type ValueFormat } from '../format';
import type { Pivot } from '../pivot';

export interface CartesianOptions {
  type: 'bar' | 'line';
  /** Stack count series on each other (rates never stack). */
  stacked?: boolean;
  /** Categories down the side: for long names such as municipalities. */
  horizontal?: boolean;
  format: ValueFormat;
  texts: ChartTexts;
}

interface Datum {
  value: number | null;
  suppressed: boolean;
}

interface TooltipParam {
  marker?: unknown;
  seriesName?: string;
  seriesIndex?: number;
  name?: string;
  data?: unknown;
  dataIndex?: number;
}

/*
 * Bars, stacked bars and lines over one category axis. A suppressed cell has no bar or point (it is not
 * zero); the tooltip and the table say "suppressed". Counts and rates in one chart get two value axes.
 */
export function cartesianOption(p: Pivot, o: CartesianOptions): EChartsOption {
  const hasRate = p.series.some((s) => isRate(s.measure));
  const hasCount = p.series.some((s) => !isRate(s.measure));
  const twoAxes = hasRate && hasCount;
  const axisOf = (rate: boolean) => (twoAxes && rate ? 1 : 0);

  const series = p.series.map((s): BarSeriesOption | LineSeriesOption => {
    const rate = isRate(s.measure);
    const data: Datum[] = s.cells.map((c) => ({ value: chartValue(c.value, s.measure), suppressed: c.suppressed }));
    const common = {
      id: s.key,
      name: s.name,
      data,
      [o.horizontal ? 'xAxisIndex' : 'yAxisIndex']: axisOf(rate),
    };
    if (o.type === 'line') {
      return { ...common, type: 'line', connectNulls: false, symbolSize: 7, showAllSymbol: true };
    }
    return { ...common, type: 'bar', stack: o.stacked && !rate ? s.measure : undefined, barMaxWidth: 48 };
  });

  // One value axis, or counts on the first and rates (in percent) on the second; labels in the locale's format.
  const countMeasure = p.series.find((s) => !isRate(s.measure))?.measure;
  const rateMeasure = p.series.find((s) => isRate(s.measure))?.measure;
  const axisIsRate = twoAxes ? [false, true] : [hasRate];
  const valueAxes = axisIsRate.map((rate) => ({
    type: 'value' as const,
    min: 0,
    max: rate ? 100 : undefined,
    axisLabel: {
      formatter: (v: number) =>
        rate && rateMeasure ? o.format(v / 100, rateMeasure) : countMeasure ? o.format(v, countMeasure) : String(v),
    },
    splitLine: { show: !(rate && twoAxes) },
  }));

  const categoryAxis = {
    type: 'category' as const,
    data: p.categories.map((c) => c.label),
    inverse: o.horizontal,
    // Long names (target groups, institutions) wrap onto a second line rather than lose their end.
    axisLabel: o.horizontal ? { width: 170, overflow: 'break' as const, lineHeight: 13 } : { hideOverlap: true },
    axisTick: { alignWithLabel: true },
  };

  const tooltip: TooltipComponentOption = {
    trigger: 'axis',
    confine: true,
    axisPointer: { type: o.type === 'bar' ? 'shadow' : 'line' },
    formatter: (params: unknown) => {
      const list = (Array.isArray(params) ? params : [params]) as TooltipParam[];
      const index = list[0]?.dataIndex ?? 0;
      const lines = list.map((param) => {
        const s = p.series[param.seriesIndex ?? 0];
        const text = cellText(s.cells[index], s.measure, o.format, o.texts);
        return `${typeof param.marker === 'string' ? param.marker : ''}${escapeHtml(s.name)}: <b>${escapeHtml(text)}</b>`;
      });
      return [`<b>${escapeHtml(p.categories[index]?.label ?? '')}</b>`, ...lines].join('<br>');
    },
  };

  return {
    color: palette,
    aria: { enabled: true, label: { description: describe(p, o.format, o.texts) } },
    animation: false,
    legend: p.series.length > 1 ? { type: 'scroll', bottom: 0 } : { show: false },
    grid: { left: 8, right: 16, top: 16, bottom: p.series.length > 1 ? 40 : 8, outerBoundsMode: 'same' },
    tooltip,
    xAxis: o.horizontal ? valueAxes : categoryAxis,
    yAxis: o.horizontal ? categoryAxis : valueAxes,
    series,
  };
}
