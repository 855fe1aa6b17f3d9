import { DateSampler, dayOf, isoOf } from './dates';
import { closedOutcome, EPISODE_DAYS, endEpisode, episodeExitDay } from './episodes';
import type { Outcome, ParticipationFact } from './facts';
import type { DemoContext } from './context';
import { personKey } from './person-keys';
import { evenlyPicked, pickedBefore } from './even-spread';
import { type Random, randomStream, weighted } from './random';

/*
 * Apvienība Verte in Viesītes novads, as source 000 reports it (VERTE_2021_PARTICIPANTS and
 * VERTE_2021_REINTEGRATED): 60 people supported between 2020-09-01 and 2021-05-01, one episode each,
 * 18 of them back in employment or education within that period. The cohort is recorded with the code
 * valid at the time, LV-107; every date keeps a few days clear of the period's ends, so the figures do
 * not hinge on whether a boundary counts. Verte's later work, after the 2021 reform, is recorded in
 * Jēkabpils novads and lies wholly after the period.
 */

export const VERTE_COHORT = 60;
const REINTEGRATED_IN_PERIOD = 18;
/** Cohort members who found work or study only after the article: a plausible overall rate of ~37%. */
const REINTEGRATED_LATER = 4;
export const VERTE_LATER_EPISODES = 40;

const VIESITE_HISTORIC = 'LV-107';
const JEKABPILS_NOVADS = '0031000';

/** Intake mostly in the autumn of 2020, some in early 2021. */
const COHORT_ENTRY = new DateSampler([
  { from: '2020-09-07', to: '2020-12-18', weight: 3 },
  { from: '2021-01-11', to: '2021-02-26', weight: 1 },
]);
const LAST_OUTCOME_IN_PERIOD = dayOf('2021-04-23');
const LATER_OUTCOMES = { from: dayOf('2021-05-10'), to: dayOf('2021-06-25') };
const LATER_ENTRY = new DateSampler([{ from: '2021-07-12', to: '2023-06-30', weight: 1 }]);

const REINTEGRATION = weighted<Outcome>([
  ['EMPLOYMENT', 2],
  ['EDUCATION', 1],
]);

export function* verteEpisodes({ seed, profiles }: DemoContext): Generator<ParticipationFact> {
  const episodeRandom = randomStream(seed, 'verte-episode');
  for (let k = 0; k < VERTE_COHORT + VERTE_LATER_EPISODES; k++) {
    const rng = episodeRandom(k);
    const profile = profiles.draw(rng);
    const inCohort = k < VERTE_COHORT;
    const entryDay = (inCohort ? COHORT_ENTRY : LATER_ENTRY).draw(rng);
    yield {
      recordId: `VERTE-${String(k + 1).padStart(4, '0')}`,
      personKey: personKey(seed, 'verte', k),
      programme: 'DIVERSITY',
      institution: 'VERTE',
      region: inCohort ? VIESITE_HISTORIC : JEKABPILS_NOVADS,
      entryDate: isoOf(entryDay),
      ...(inCohort ? cohortEnd(k, entryDay, rng) : endEpisode(rng, entryDay, episodeExitDay(rng, entryDay))),
      gender: profile.gender,
      ageBand: profile.ageBand,
      targetGroups: profile.targetGroups,
    };
  }
}

function cohortEnd(k: number, entryDay: number, rng: Random) {
  const lastDay = (latest: number) => entryDay + rng.int(EPISODE_DAYS.min, Math.min(EPISODE_DAYS.max, latest - entryDay));
  if (evenlyPicked(k, REINTEGRATED_IN_PERIOD, VERTE_COHORT)) {
    const exitDay = lastDay(LAST_OUTCOME_IN_PERIOD);
    return { exitDate: isoOf(exitDay), ...closedOutcome(rng, rng.pick(REINTEGRATION), entryDay, exitDay) };
  }
  const rest = k - pickedBefore(k, REINTEGRATED_IN_PERIOD, VERTE_COHORT);
  if (evenlyPicked(rest, REINTEGRATED_LATER, VERTE_COHORT - REINTEGRATED_IN_PERIOD)) {
    const outcomeDate = isoOf(rng.int(LATER_OUTCOMES.from, LATER_OUTCOMES.to));
    return { exitDate: outcomeDate, outcome: rng.pick(REINTEGRATION), outcomeDate };
  }
  const exitDay = lastDay(LATER_OUTCOMES.to);
  return { exitDate: isoOf(exitDay), outcome: 'NOT_REINTEGRATED' as const, outcomeDate: isoOf(exitDay) };
}
