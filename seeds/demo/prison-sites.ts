import { type Weighted, weighted } from './random';

/*
 * Where NVA's career consultants worked, year by year, as published_figures.csv places the source's
 * "first year / continuation / later" (NVA_SITES_*): six prisons in 2017; the same seven in each of
 * 2018-2022 (Brasa no longer, Liepāja and Valmiera added); all nine in 2023.
 */
const FIRST_YEAR = ['DAU', 'JEK', 'BRA', 'ILG', 'JEL', 'RCC'];
const CONTINUATION = ['DAU', 'JEK', 'ILG', 'JEL', 'RCC', 'LIE', 'VAL'];
const LATER = [...CONTINUATION, 'CES', 'OLA'];

export const SITES_BY_YEAR: ReadonlyMap<number, string[]> = new Map([
  [2017, FIRST_YEAR],
  [2018, CONTINUATION],
  [2019, CONTINUATION],
  [2020, CONTINUATION],
  [2021, CONTINUATION],
  [2022, CONTINUATION],
  [2023, LATER],
]);

/** Rough relative size of each prison's population, for how often it hosts a consultation. */
const PRISON_SIZE: Record<string, number> = { RCC: 5, DAU: 4, JEL: 3, OLA: 3, JEK: 2, ILG: 2, BRA: 2, LIE: 2, VAL: 2, CES: 1 };

export const SITE_CHOICE_BY_YEAR: ReadonlyMap<number, Weighted<string>> = new Map(
  [...SITES_BY_YEAR].map(([year, sites]) => [year, weighted(sites.map((site) => [site, PRISON_SIZE[site]] as const))]),
);
