import { type Random, type Weighted, weighted } from './random';

/*
 * The generator computes with day numbers (days since 1970-01-01) and writes ISO 'yyyy-mm-dd' strings,
 * as the schema stores them. Formatting goes through a table: a million rows would otherwise spend
 * seconds in Date#toISOString.
 */

const MS_PER_DAY = 86_400_000;

export function dayOf(iso: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(ms)) throw new Error(`Not an ISO date: ${iso}`);
  return ms / MS_PER_DAY;
}

const FIRST_DAY = dayOf('2010-01-01');
const LAST_DAY = dayOf('2030-12-31');
const isoTable = Array.from({ length: LAST_DAY - FIRST_DAY + 1 }, (_, i) =>
  new Date((FIRST_DAY + i) * MS_PER_DAY).toISOString().slice(0, 10),
);

export function isoOf(day: number): string {
  const iso = isoTable[day - FIRST_DAY];
  if (iso === undefined) throw new Error(`Day ${day} is outside the generator's calendar`);
  return iso;
}

export function yearOf(day: number): number {
  return Number(isoOf(day).slice(0, 4));
}

/** A period of days, both ends inclusive, with the share of records that fall into it. */
export interface DateWindow {
  from: string;
  to: string;
  weight: number;
}

/** Draws a day: first a window by weight, then a day uniformly inside it. */
export class DateSampler {
  private readonly windows: Weighted<{ from: number; to: number }>;

  constructor(windows: DateWindow[]) {
    this.windows = weighted(windows.map((w) => [{ from: dayOf(w.from), to: dayOf(w.to) }, w.weight] as const));
  }

  draw(rng: Random): number {
    const { from, to } = rng.pick(this.windows);
    return rng.int(from, to);
  }
}
