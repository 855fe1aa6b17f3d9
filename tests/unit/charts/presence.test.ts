import { describe, expect, it } from 'vitest';
import { presenceOption } from '../../../web/src/charts/options/presence';
import { pivot } from '../../../web/src/charts/pivot';
import { format, measureName, row, texts } from './fixtures';
import { renderSvg } from './render';

describe('presenceOption', () => {
  const p = pivot(
    [
      row({ YEAR: '2017', SITE: 'BRA' }, { CONSULTATIONS: 40 }),
      row({ YEAR: '2018', SITE: 'LIE' }, { CONSULTATIONS: 'suppressed' }),
      row({ YEAR: '2018', SITE: 'BRA' }, { CONSULTATIONS: 0 }),
    ],
    { measures: ['CONSULTATIONS'], category: 'YEAR', seriesBy: ['SITE'], measureName, totalLabel: 'Total' },
  );
  const option = presenceOption(p, { format, texts });
  const data = (option.series as { data: { value: number[]; itemStyle: { color: string } }[] }[])[0].data;

  it('puts a dot where a site was active, sites down the side', () => {
    expect((option.yAxis as { data: string[] }).data).toEqual(['label of BRA', 'label of LIE']);
    expect(data.map((d) => d.value.slice(0, 2))).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('draws a suppressed count as activity (a hollow dot), not as nothing', () => {
    expect(data[1].itemStyle.color).toBe('#ffffff');
  });

  it('renders', () => {
    expect(renderSvg(option)).toContain('<svg');
  });
});
