import { describe, expect, it } from 'vitest';
import { chartValue, describe as describeChart, escapeHtml } from '../../../web/src/charts/format';
import { pivot } from '../../../web/src/charts/pivot';
import { format, measureName, row, texts } from './fixtures';

describe('chart formats', () => {
  it('draws rates as percentages and keeps counts', () => {
    expect(chartValue(0.3, 'REINTEGRATION_RATE')).toBe(30);
    expect(chartValue(0.12345, 'REINTEGRATION_RATE')).toBe(12.3);
    expect(chartValue(3577, 'CONSULTED_PERSONS')).toBe(3577);
    expect(chartValue(null, 'PARTICIPANTS')).toBeNull();
  });

  it('describes long charts up to a limit and points to the table for the rest', () => {
    const rows = Array.from({ length: 70 }, (_, i) => row({ MONTH: `2020-${String(i).padStart(2, '0')}` }, { PARTICIPANTS: i }));
    const text = describeChart(pivot(rows, { measures: ['PARTICIPANTS'], category: 'MONTH', measureName, totalLabel: 'Total' }), format, texts);
    expect(text.startsWith('Test chart. name of PARTICIPANTS — ')).toBe(true);
    expect(text.endsWith('10 more')).toBe(true);
  });

  it('escapes HTML', () => {
    expect(escapeHtml('Biedrība "Apvienība <Verte>" & co')).toBe('Biedrība &#34;Apvienība &#60;Verte&#62;&#34; &#38; co');
  });
});
