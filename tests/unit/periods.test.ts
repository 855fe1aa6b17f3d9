import { describe, expect, it } from 'vitest';
import { buckets, isIsoDate, timeLabel } from '../../server/analytics/periods';

describe('period buckets', () => {
  it('clips years to the period', () => {
    expect(buckets('2020-09-01', '2021-05-01', 'year')).toEqual([
      { code: '2020', start: '2020-09-01', end: '2020-12-31' },
      { code: '2021', start: '2021-01-01', end: '2021-05-01' },
    ]);
  });

  it('starts quarters and months at the bucket holding `from`', () => {
    expect(buckets('2021-05-15', '2021-08-03', 'quarter')).toEqual([
      { code: '2021-Q2', start: '2021-05-15', end: '2021-06-30' },
      { code: '2021-Q3', start: '2021-07-01', end: '2021-08-03' },
    ]);
    expect(buckets('2020-12-20', '2021-02-10', 'month').map((b) => [b.code, b.start, b.end])).toEqual([
      ['2020-12', '2020-12-20', '2020-12-31'],
      ['2021-01', '2021-01-01', '2021-01-31'],
      ['2021-02', '2021-02-01', '2021-02-10'],
    ]);
  });

  it('knows leap years and month ends', () => {
    expect(buckets('2024-02-01', '2024-02-29', 'month')).toEqual([{ code: '2024-02', start: '2024-02-01', end: '2024-02-29' }]);
    expect(buckets('2023-01-01', '2023-12-31', 'quarter').map((b) => b.end)).toEqual(['2023-03-31', '2023-06-30', '2023-09-30', '2023-12-31']);
  });

  it('is one bucket for the whole period without a grain', () => {
    expect(buckets('2018-01-01', '2021-05-01', undefined)).toEqual([{ code: 'ALL', start: '2018-01-01', end: '2021-05-01' }]);
  });

  it('accepts only real ISO dates', () => {
    expect(isIsoDate('2021-05-01')).toBe(true);
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('2021-5-1')).toBe(false);
    expect(isIsoDate("2021-05-01' OR 1=1")).toBe(false);
  });

  it('labels buckets in Latvian and English', () => {
    expect(timeLabel('2021-Q2', 'EN')).toBe('2021 Q2');
    expect(timeLabel('2021-Q2', 'LV')).toBe('2021. g. 2. cet.');
    expect(timeLabel('2021-05', 'LV')).toBe('2021. g. maijs');
    expect(timeLabel('2021-05', 'EN')).toBe('May 2021');
    expect(timeLabel('2021', 'LV')).toBe('2021');
  });
});
