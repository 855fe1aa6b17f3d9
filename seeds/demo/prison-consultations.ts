import { dayOf, isoOf, yearOf } from './dates';
import { evenlyPicked } from './even-spread';
import type { ConsultationFact } from './facts';
import { personKey } from './person-keys';
import { SITES_BY_YEAR, SITE_CHOICE_BY_YEAR } from './prison-sites';
import { type Random, randomStream, weighted } from './random';

/*
 * NVA's consultations of prisoners in programme EX_PRISONERS, as source 004 reports them
 * (NVA_CONSULTED_*): 3577 persons by the start of December 2023, 1623 consulted before vocational
 * education and 1954 before release, no one in both stages. Each person is consulted one to six times,
 * at one prison and within one calendar year, so the set of sites in each year is exactly the published
 * one (prison-sites.ts). Consultations run from January 2017 (none in December 2016) to 2023-11-28,
 * clear of the 2023-12-01 cut-off.
 */

export const CONSULTED_PERSONS = 3577;
const PRE_VOCATIONAL_PERSONS = 1623;
const MAX_PER_PERSON = 6;
/** The most consultations this core can hold at a plausible one to six per person. */
export const PRISONER_CONSULTATIONS_CAPACITY = 15_000;

/** Persons consulted for the first time, by year: a dip in 2020 (pandemic), growth once all nine sites joined. */
const FIRST_YEAR_OF_PERSON = weighted([
  [2017, 11],
  [2018, 14],
  [2019, 14],
  [2020, 12],
  [2021, 14],
  [2022, 15],
  [2023, 20],
]);
const LAST_DAY = dayOf('2023-11-28');
/** A person's consultations fall within this many days of the first. */
const SPREAD_DAYS = 150;

/** The days consultations can fall on in each year: clear of the holidays, and of the 2023 cut-off. */
const YEAR_WINDOWS: ReadonlyMap<number, { from: number; to: number }> = new Map(
  [...SITES_BY_YEAR.keys()].map((year) => [year, { from: dayOf(`${year}-01-09`), to: Math.min(dayOf(`${year}-12-20`), LAST_DAY) }]),
);

/** Every site of every year gets a person of its own first, so no published site is missing at any scale. */
const SITE_ANCHORS = [...SITES_BY_YEAR].flatMap(([year, sites]) => sites.map((site) => ({ year, site })));

/**
 * How many consultations each person has, adding up to `total` exactly: one plus a binomial share of up
 * to five more, matched to the wanted mean, then balanced one consultation at a time at random persons.
 */
function consultationsPerPerson(seed: number, total: number): number[] {
  const loadRandom = randomStream(seed, 'prisoner-load');
  const moreChance = (total / CONSULTED_PERSONS - 1) / (MAX_PER_PERSON - 1);
  const counts = Array.from({ length: CONSULTED_PERSONS }, (_, p) => {
    const rng = loadRandom(p);
    let count = 1;
    for (let k = 1; k < MAX_PER_PERSON; k++) if (rng.chance(moreChance)) count += 1;
    return count;
  });
  const balance = loadRandom(CONSULTED_PERSONS);
  for (let gap = total - counts.reduce((a, b) => a + b, 0); gap !== 0; ) {
    const p = balance.int(0, CONSULTED_PERSONS - 1);
    if (gap > 0 && counts[p] < MAX_PER_PERSON) {
      counts[p] += 1;
      gap -= 1;
    } else if (gap < 0 && counts[p] > 1) {
      counts[p] -= 1;
      gap += 1;
    }
  }
  return counts;
}

/** `total` lies in [CONSULTED_PERSONS, PRISONER_CONSULTATIONS_CAPACITY]; the demo plan sees to it. */
export function* prisonerConsultations(seed: number, total: number): Generator<ConsultationFact> {
  const counts = consultationsPerPerson(seed, total);
  const personRandom = randomStream(seed, 'prisoner');
  let n = 0;
  for (let p = 0; p < CONSULTED_PERSONS; p++) {
    const rng = personRandom(p);
    const year = SITE_ANCHORS[p]?.year ?? rng.pick(FIRST_YEAR_OF_PERSON);
    const site = SITE_ANCHORS[p]?.site ?? rng.pick(SITE_CHOICE_BY_YEAR.get(year)!);
    const stage = evenlyPicked(p, PRE_VOCATIONAL_PERSONS, CONSULTED_PERSONS) ? 'PRE_VOCATIONAL' : 'PRE_RELEASE';
    const key = personKey(seed, 'prisoner', p);
    for (const day of consultationDays(rng, year, counts[p])) {
      n += 1;
      yield {
        recordId: `NVA-${String(n).padStart(7, '0')}`,
        personKey: key,
        programme: 'EX_PRISONERS',
        institution: 'NVA',
        site,
        date: isoOf(day),
        stage,
        format: rng.chance(stage === 'PRE_VOCATIONAL' ? 0.45 : 0.25) ? 'GROUP' : 'INDIVIDUAL',
        mode: rng.chance(onlineShare(day)) ? 'ONLINE' : 'IN_PERSON',
      };
    }
  }
}

/** Sorted days of one person's consultations, all within their year. */
export function consultationDays(rng: Random, year: number, count: number): number[] {
  const window = YEAR_WINDOWS.get(year)!;
  const first = rng.int(window.from, window.to);
  const last = Math.min(first + SPREAD_DAYS, window.to);
  const days = [first];
  while (days.length < count) days.push(rng.int(first, last));
  return days.sort((a, b) => a - b);
}

/** Consultations moved online with the pandemic and partly stayed there. */
export function onlineShare(day: number): number {
  return yearOf(day) >= 2020 ? 0.3 : 0.02;
}
