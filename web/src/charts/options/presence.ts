import type { EChartsOption } from 'echarts';
import { cellText, describe, escapeHtml, palette, type ChartTexts, type ValueFormat } from '../format';
import type { Pivot } from '../pivot';

export interface PresenceOptions {
  format: ValueFormat;
  texts: ChartTexts;
}

/*
 * Which sites were active in which period: a dot where there is at least one event, sized by the count.
 * A suppressed count is still activity (one to four events), so it is drawn as a hollow dot, not left out.
 * Expects a pivot with periods as categories and one series per site.
 */
export function presenceOption(p: Pivot, o: PresenceOptions): EChartsOption {
  const values = p.series.flatMap((s) => s.cells.map((c) => c.value ?? 0));
  const max = Math.max(1, ...values);
  const size = (value: number) => 8 + 22 * Math.sqrt(value / max);
  const active: { value: [number, number, number]; suppressed: boolean }[] = [];
  p.series.forEach((s, row) => {
    s.cells.forEach((c, col) => {
      if (c.suppressed) active.push({ value: [col, row, 0], suppressed: true });
      else if (c.value) active.push({ value: [col, row, c.value], suppressed: false });
    });
  });
  return {
    aria: { enabled: true, label: { description: describe(p, o.format, o.texts) } },
    animation: false,
    grid: { left: 8, right: 16, top: 16, bottom: 8, outerBoundsMode: 'same' },
    xAxis: { type: 'category', data: p.categories.map((c) => c.label), splitLine: { show: true } },
    yAxis: { type: 'category', data: p.series.map((s) => s.name), inverse: true, axisLabel: { width: 160, overflow: 'truncate' } },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (param: unknown) => {
        const [col, row] = ((param as { value?: number[] }).value ?? []) as number[];
        const s = p.series[row];
        if (!s) return '';
        return `<b>${escapeHtml(s.name)}</b>, ${escapeHtml(p.categories[col].label)}<br>${escapeHtml(cellText(s.cells[col], s.measure, o.format, o.texts))}`;
      },
    },
    series: [
      {
        type: 'scatter',
        data: active.map((a) => ({
          value: a.value,
          symbolSize: a.suppressed ? size(0) : size(a.value[2]),
          itemStyle: a.suppressed ? { color: '#ffffff', borderColor: palette[0], borderWidth: 2 } : { color: palette[0] },
        })),
      },
    ],
  };
}
