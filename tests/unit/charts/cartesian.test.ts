import type { BarSeriesOption, EChartsOption } from 'echarts';
import { describe, expect, it } from 'vitest';
import { cartesianOption } from '../../../web/src/charts/options/cartesian';
import { pivot } from '../../../web/src/charts/pivot';
import { format, measureName, row, texts } from './fixtures';
import { renderSvg } from './render';

const byYear = pivot(
  [
    row({ YEAR: '2020' }, { PARTICIPANTS: 60, REINTEGRATED: 18, REINTEGRATION_RATE: 0.3 }),
    row({ YEAR: '2021' }, { PARTICIPANTS: 'suppressed', REINTEGRATED: 'suppressed', REINTEGRATION_RATE: 'suppressed' }),
  ],
  { measures: ['PARTICIPANTS', 'REINTEGRATED', 'REINTEGRATION_RATE'], category: 'YEAR', measureName, totalLabel: 'Total' },
);

function seriesOf(option: EChartsOption): BarSeriesOption[] {
  return option.series as BarSeriesOption[];
}

function tooltipAt(option: EChartsOption, dataIndex: number): string {
  const tooltip = option.tooltip as { formatter: (params: unknown) => string };
  const params = seriesOf(option).map((_, seriesIndex) => ({ seriesIndex, dataIndex, marker: '' }));
  return tooltip.formatter(params);
}

describe('cartesianOption', () => {
  const option = cartesianOption(byYear, { type: 'bar', format, texts });

  it('draws categories and one series per measure', () => {
    expect((option.xAxis as { data: string[] }).data).toEqual(['label of 2020', 'label of 2021']);
    expect(seriesOf(option).map((s) => s.name)).toEqual(['name of PARTICIPANTS', 'name of REINTEGRATED', 'name of REINTEGRATION_RATE']);
  });

  it('draws a rate as a percentage on its own axis', () => {
    const rate = seriesOf(option)[2];
    expect(rate.yAxisIndex).toBe(1);
    expect((rate.data as { value: number }[])[0].value).toBe(30);
    expect((option.yAxis as { max?: number }[])[1].max).toBe(100);
  });

  it('leaves a suppressed cell without a bar, never zero', () => {
    for (const s of seriesOf(option)) {
      expect((s.data as { value: number | null; suppressed: boolean }[])[1]).toEqual({ value: null, suppressed: true });
    }
  });

  it('says "suppressed" in the tooltip and the ARIA description', () => {
    expect(tooltipAt(option, 1)).toContain('name of PARTICIPANTS: <b>suppressed</b>');
    expect(tooltipAt(option, 0)).toContain('name of REINTEGRATION_RATE: <b>30%</b>');
    const description = (option.aria as { label: { description: string } }).label.description;
    expect(description).toBe(
      'Test chart. name of PARTICIPANTS — label of 2020: 60; label of 2021: suppressed. ' +
        'name of REINTEGRATED — label of 2020: 18; label of 2021: suppressed. ' +
        'name of REINTEGRATION_RATE — label of 2020: 30%; label of 2021: suppressed.',
    );
  });

  it('escapes labels from the API in tooltips', () => {
    const p = pivot([row({ INSTITUTION: '<b>' }, { PARTICIPANTS: 5 })], {
      measures: ['PARTICIPANTS'],
      category: 'INSTITUTION',
      measureName,
      totalLabel: 'Total',
    });
    expect(tooltipAt(cartesianOption(p, { type: 'bar', format, texts }), 0)).toContain('label of &#60;b&#62;');
  });

  it('stacks count series but never rates', () => {
    const stacked = cartesianOption(byYear, { type: 'bar', stacked: true, format, texts });
    expect(seriesOf(stacked).map((s) => s.stack)).toEqual(['PARTICIPANTS', 'REINTEGRATED', undefined]);
  });

  it('puts categories down the side when horizontal', () => {
    const horizontal = cartesianOption(byYear, { type: 'bar', horizontal: true, format, texts });
    expect((horizontal.yAxis as { type: string }).type).toBe('category');
    expect(seriesOf(horizontal)[2].xAxisIndex).toBe(1);
  });

  it('renders lines with gaps at suppressed points', () => {
    const line = cartesianOption(byYear, { type: 'line', format, texts });
    const lines = line.series as { type?: string; connectNulls?: boolean }[];
    expect(lines.every((s) => s.type === 'line' && s.connectNulls === false)).toBe(true);
    expect(renderSvg(line)).toContain('<svg');
  });

  it('renders with the registered parts, also when empty', () => {
    expect(renderSvg(option)).toContain('<svg');
    const empty = cartesianOption(
      pivot([], { measures: ['PARTICIPANTS'], category: 'YEAR', measureName, totalLabel: 'Total' }),
      { type: 'bar', format, texts },
    );
    expect(empty.series).toEqual([]);
    expect(renderSvg(empty)).toContain('<svg');
  });
});
