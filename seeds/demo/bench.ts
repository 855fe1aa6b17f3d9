import type { DemoContext } from './context';
import { DateSampler, isoOf } from './dates';
import { endEpisode, episodeExitDay } from './episodes';
import type { ConsultationFact, ParticipationFact } from './facts';
import { personKey } from './person-keys';
import { consultationDays, onlineShare } from './prison-consultations';
import { SITE_CHOICE_BY_YEAR } from './prison-sites';
import { randomStream } from './random';

/*
 * Volume for benchmarks beyond what the real programmes plausibly hold goes to a programme that is
 * invented and says so. It is operated and delivered by IEVP, so no published figure (all of them
 * DIVERSITY/SIF/VERTE or EX_PRISONERS/NVA) can count any of it, yet it spreads over the same
 * municipalities, target groups, prisons and years 2017-2023 as the real data, so queries over it
 * behave like queries over the real data.
 */

export const BENCH_PROGRAMME = {
  code: 'SYNTHETIC_BENCH',
  name_lv: 'Sintētiska slodzes testa programma (izdomāta, nav reāla)',
  name_en: 'Synthetic benchmark programme (invented, not real)',
  project_no: null,
  operator_code: 'IEVP',
  start_date: '2017-01-01',
  end_date: '2023-12-31',
  synthetic: true,
  note: 'Invented by the demo-data generator to hold benchmark volume; no such programme exists.',
} as const;

const BENCH_INSTITUTION = 'IEVP';

const ENTRY = new DateSampler(
  [2017, 2018, 2019, 2020, 2021, 2022, 2023].map((year) => ({
    from: `${year}-01-09`,
    to: year === 2023 ? '2023-11-30' : `${year}-12-20`,
    weight: 1,
  })),
);

export function* benchEpisodes({ seed, profiles, municipalities }: DemoContext, count: number): Generator<ParticipationFact> {
  const episodeRandom = randomStream(seed, 'bench-episode');
  for (let i = 0; i < count; i++) {
    const rng = episodeRandom(i);
    const profile = profiles.draw(rng);
    const entryDay = ENTRY.draw(rng);
    yield {
      recordId: `BENCH-P-${String(i + 1).padStart(8, '0')}`,
      personKey: personKey(seed, 'bench-participant', i),
      programme: BENCH_PROGRAMME.code,
      institution: BENCH_INSTITUTION,
      region: rng.pick(municipalities.byPopulation),
      entryDate: isoOf(entryDay),
      ...endEpisode(rng, entryDay, episodeExitDay(rng, entryDay)),
      gender: profile.gender,
      ageBand: profile.ageBand,
      targetGroups: profile.targetGroups,
    };
  }
}

/** `count` consultations of persons seen one to six times each, at prisons open in the year. */
export function* benchConsultations(seed: number, count: number): Generator<ConsultationFact> {
  const personRandom = randomStream(seed, 'bench-consulted');
  let n = 0;
  for (let p = 0; n < count; p++) {
    const rng = personRandom(p);
    const year = rng.int(2017, 2023);
    const site = rng.pick(SITE_CHOICE_BY_YEAR.get(year)!);
    const stage = rng.chance(0.45) ? 'PRE_VOCATIONAL' : 'PRE_RELEASE';
    const key = personKey(seed, 'bench-consulted', p);
    for (const day of consultationDays(rng, year, Math.min(rng.int(1, 6), count - n))) {
      n += 1;
      yield {
        recordId: `BENCH-C-${String(n).padStart(8, '0')}`,
        personKey: key,
        programme: BENCH_PROGRAMME.code,
        institution: BENCH_INSTITUTION,
        site,
        date: isoOf(day),
        stage,
        format: rng.chance(0.35) ? 'GROUP' : 'INDIVIDUAL',
        mode: rng.chance(onlineShare(day)) ? 'ONLINE' : 'IN_PERSON',
      };
    }
  }
}
