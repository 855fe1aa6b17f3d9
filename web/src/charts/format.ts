import type { Measure } from '../gql/graphql';
import { isRate } from '../model/semantics';
import type { Cell, Pivot } from './pivot';

/** How the app writes a value of a measure in the current locale (counts grouped, rates as percent). */
export type ValueFormat = (value: number, measure: Measure) => string;

/** The words option builders put into charts, already translated. */
export interface ChartTexts {
  /** The chart's title, for its ARIA description and downloaded images. */
  title: string;
  suppressed: string;
  noData: string;
  /** "… and 12 more values in the data table." */
  more(count: number): string;
}

/*
 * Colour-blind-safe qualitative colours (Okabe & Ito), without the yellow that is unreadable on white.
 */
export const palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#999933'];

export const sequential = ['#deebf7', '#9ecae1', '#4292c6', '#08519c', '#08306b'];

/** Rates are fractions in the API; charts draw them as percentages so axis and data read alike. */
export function chartValue(value: number | null, measure: Measure): number | null {
  if (value === null) return null;
  return isRate(measure) ? Math.round(value * 1000) / 10 : value;
}

export function cellText(cell: Cell, measure: Measure, format: ValueFormat, texts: Pick<ChartTexts, 'suppressed' | 'noData'>): string {
  if (cell.suppressed) return texts.suppressed;
  if (cell.value === null) return texts.noData;
  return format(cell.value, measure);
}

const maxDescribed = 60;

/**
 * The ARIA description of a chart: its title and every value it draws, in the locale's formats,
 * suppressed cells named as such. Very long charts point to the data table for the rest.
 */
export function describe(p: Pivot, format: ValueFormat, texts: ChartTexts): string {
  const parts: string[] = [];
  let told = 0;
  let untold = 0;
  for (const series of p.series) {
    const values: string[] = [];
    series.cells.forEach((cell, i) => {
      if (cell.value === null && !cell.suppressed) return;
      if (told >= maxDescribed) {
        untold++;
        return;
      }
      told++;
      values.push(`${p.categories[i].label}: ${cellText(cell, series.measure, format, texts)}`);
    });
    if (values.length) parts.push(`${series.name} — ${values.join('; ')}.`);
  }
  if (untold) parts.push(texts.more(untold));
  return [`${texts.title}.`, ...parts].join(' ');
}

/** Names and labels come from the API and end up in tooltip HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
