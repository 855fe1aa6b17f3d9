import type { Dimension, Measure } from '../gql/graphql';
import { timeDimensions } from '../model/semantics';

/*
 * The API answers in long form (one row per combination of dimension codes). A chart and its table
 * both read the same pivot — categories along one axis, one series per measure and per combination of
 * the other dimensions — so the table alternative always holds the numbers the chart draws.
 */

export interface Cell {
  /** Null when suppressed or when the API returned no row for this combination. */
  value: number | null;
  suppressed: boolean;
}

export interface Category {
  code: string;
  label: string;
}

export interface Series {
  key: string;
  name: string;
  measure: Measure;
  /** One cell per category, in the categories' order. */
  cells: Cell[];
}

export interface Pivot {
  categories: Category[];
  series: Series[];
}

export interface ApiRow {
  readonly dimensions: readonly { readonly dimension: Dimension; readonly code: string; readonly label: string }[];
  readonly measures: readonly { readonly measure: Measure; readonly value?: number | null; readonly suppressed: boolean }[];
}

export interface PivotSpec {
  measures: readonly Measure[];
  /** The dimension along the category axis; without one, the pivot has one category named `totalLabel`. */
  category?: Dimension;
  /** Each combination of these dimensions' codes becomes a series (per measure). */
  seriesBy?: readonly Dimension[];
  measureName(measure: Measure): string;
  totalLabel: string;
}

export const noData: Cell = { value: null, suppressed: false };

function codeOf(row: ApiRow, dimension: Dimension): { code: string; label: string } {
  const found = row.dimensions.find((d) => d.dimension === dimension);
  return found ? { code: found.code, label: found.label } : { code: '', label: '' };
}

export function pivot(rows: readonly ApiRow[], spec: PivotSpec): Pivot {
  const seriesBy = spec.seriesBy ?? [];
  const categories = new Map<string, Category>();
  const groups = new Map<string, string>();
  const cells = new Map<string, Cell>();

  for (const row of rows) {
    const category = spec.category ? codeOf(row, spec.category) : { code: '', label: spec.totalLabel };
    if (!categories.has(category.code)) categories.set(category.code, category);
    const parts = seriesBy.map((d) => codeOf(row, d));
    const groupKey = parts.map((p) => p.code).join('|');
    if (!groups.has(groupKey)) groups.set(groupKey, parts.map((p) => p.label).join(' · '));
    for (const m of row.measures) {
      cells.set(`${m.measure}\n${groupKey}\n${category.code}`, { value: m.value ?? null, suppressed: m.suppressed });
    }
  }

  const ordered = [...categories.values()];
  // Time reads left to right; other dimensions keep the order the API (or its orderBy) gave.
  if (spec.category && timeDimensions.includes(spec.category)) ordered.sort((a, b) => a.code.localeCompare(b.code));

  const series: Series[] = [];
  for (const measure of spec.measures) {
    for (const [groupKey, groupLabel] of groups) {
      const name =
        seriesBy.length === 0
          ? spec.measureName(measure)
          : spec.measures.length === 1
            ? groupLabel
            : `${spec.measureName(measure)} · ${groupLabel}`;
      series.push({
        key: groupKey ? `${measure}|${groupKey}` : measure,
        name,
        measure,
        cells: ordered.map((c) => cells.get(`${measure}\n${groupKey}\n${c.code}`) ?? noData),
      });
    }
  }
  return { categories: ordered, series };
}

/** True when nothing at all would be drawn or listed: no value and no suppressed cell. */
export function isEmpty(p: Pivot): boolean {
  return !p.series.some((s) => s.cells.some((c) => c.value !== null || c.suppressed));
}

/** Categories sorted by the first series, largest first; suppressed and missing cells go last. */
export function ranked(p: Pivot): Pivot {
  const lead = p.series[0];
  if (!lead) return p;
  const valueAt = (i: number) => lead.cells[i].value;
  const order = p.categories
    .map((_, i) => i)
    .sort((a, b) => {
      const va = valueAt(a);
      const vb = valueAt(b);
      if (va === null || vb === null) return (va === null ? 1 : 0) - (vb === null ? 1 : 0);
      return vb - va;
    });
  return {
    categories: order.map((i) => p.categories[i]),
    series: p.series.map((s) => ({ ...s, cells: order.map((i) => s.cells[i]) })),
  };
}
