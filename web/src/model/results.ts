import type { Cell } from '../charts/pivot';
import type { Measure } from '../gql/graphql';

interface MeasureCell {
  readonly measure: Measure;
  readonly value?: number | null;
  readonly suppressed: boolean;
}

interface Result {
  readonly totals: readonly MeasureCell[];
  readonly rows: readonly { readonly dimensions: readonly { readonly code: string }[]; readonly measures: readonly MeasureCell[] }[];
}

function cellOf(list: readonly MeasureCell[] | undefined, measure: Measure): Cell {
  const found = list?.find((m) => m.measure === measure);
  return { value: found?.value ?? null, suppressed: found?.suppressed ?? false };
}

/** A total of an aggregate answer (computed by the API over the whole filter, not summed). */
export function totalOf(result: Result, measure: Measure): Cell {
  return cellOf(result.totals, measure);
}

/** The cell of the row whose first dimension has this code. */
export function rowOf(result: Result, code: string, measure: Measure): Cell {
  return cellOf(result.rows.find((r) => r.dimensions[0]?.code === code)?.measures, measure);
}
