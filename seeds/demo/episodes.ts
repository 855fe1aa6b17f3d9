import { dayOf, isoOf } from './dates';
import type { Outcome } from './facts';
import { type Random, weighted } from './random';

/*
 * How an episode ends. Episodes last one to ten months; the outcome is recorded upon leaving, so its date
 * lies between entry and exit. An episode that would end after the demo data's last day is still
 * running: ONGOING, without exit or outcome date (only episodes that began in 2023 get there).
 */

const LAST_DAY_OF_DATA = dayOf('2023-12-31');

export const EPISODE_DAYS = { min: 30, max: 304 } as const;

const CLOSING_OUTCOMES = weighted<Outcome>([
  ['EMPLOYMENT', 22],
  ['EDUCATION', 11],
  ['NOT_REINTEGRATED', 67],
]);

export interface EpisodeEnd {
  exitDate: string | null;
  outcome: Outcome;
  outcomeDate: string | null;
}

export function episodeExitDay(rng: Random, entryDay: number): number {
  return entryDay + rng.int(EPISODE_DAYS.min, EPISODE_DAYS.max);
}

export function endEpisode(rng: Random, entryDay: number, exitDay: number): EpisodeEnd {
  if (exitDay > LAST_DAY_OF_DATA) return { exitDate: null, outcome: 'ONGOING', outcomeDate: null };
  return { exitDate: isoOf(exitDay), ...closedOutcome(rng, rng.pick(CLOSING_OUTCOMES), entryDay, exitDay) };
}

/** An outcome known on exit or, now and then, a little before it (a job found in the last weeks). */
export function closedOutcome(rng: Random, outcome: Outcome, entryDay: number, exitDay: number) {
  const outcomeDay = rng.chance(0.8) ? exitDay : Math.max(entryDay, exitDay - rng.int(1, 14));
  return { outcome, outcomeDate: isoOf(outcomeDay) };
}
