import type { ChartTexts, ValueFormat } from '../../../web/src/charts/format';
import type { ApiRow } from '../../../web/src/charts/pivot';
import type { Dimension, Measure } from '../../../web/src/gql/graphql';

type Value = number | null | 'suppressed';

/** One API row: dimension codes (labels are "label of <code>") and measure values. */
export function row(dimensions: Partial<Record<Dimension, string>>, measures: Partial<Record<Measure, Value>>): ApiRow {
  return {
    dimensions: Object.entries(dimensions).map(([dimension, code]) => ({
      dimension: dimension as Dimension,
      code: code as string,
      label: `label of ${code}`,
    })),
    measures: Object.entries(measures).map(([measure, value]) => ({
      measure: measure as Measure,
      value: value === 'suppressed' ? null : (value as number | null),
      suppressed: value === 'suppressed',
    })),
  };
}

export const format: ValueFormat = (value, measure) =>
  measure === 'REINTEGRATION_RATE' ? `${Math.round(value * 100)}%` : String(value);

export const texts: ChartTexts = {
  title: 'Test chart',
  suppressed: 'suppressed',
  noData: 'no data',
  more: (count) => `${count} more`,
};

export const measureName = (m: Measure) => `name of ${m}`;
