import { CONSULTED_PERSONS, PRISONER_CONSULTATIONS_CAPACITY } from './prison-consultations';
import { VERTE_COHORT, VERTE_LATER_EPISODES } from './verte';

/*
 * How many rows each part of the demo data gets. The published core (Verte's cohort, NVA's prisoners)
 * is the same at every scale; DIVERSITY/SIF grows with the scale up to a plausible size for the real
 * project, and what lies beyond goes to the synthetic benchmark programme.
 */

export const DEFAULT_SCALE = 5000;
/** Below this, the "more than 2000" persons DIVERSITY had by 2021-05-01 would leave its later years nearly empty. */
export const MIN_SCALE = 3000;
const MAX_ROWS = 50_000_000;
/** Participation episodes of DIVERSITY (SIF and Verte) beyond which volume goes to the benchmark programme. */
const DIVERSITY_CAPACITY = 15_000;
export const DEFAULT_SEED = 20210501;

/** Consultations when none are asked for: as many as episodes, and at least this many. */
export const DEFAULT_CONSULTATIONS = 12_000;

export interface DemoPlan {
  seed: number;
  sifEpisodes: number;
  benchEpisodes: number;
  prisonerConsultations: number;
  benchConsultations: number;
}

export interface DemoSize {
  /** Participation episodes, all parts together. */
  scale?: number;
  /** Consultations, all parts together. */
  consultations?: number;
  seed?: number;
}

/** Checks the requested size and splits it; throws a RangeError that says what is allowed. */
export function planDemo({
  scale = DEFAULT_SCALE,
  consultations = Math.max(scale, DEFAULT_CONSULTATIONS),
  seed = DEFAULT_SEED,
}: DemoSize): DemoPlan {
  requireCount('scale (participation episodes)', scale, MIN_SCALE);
  // Every one of the 3577 consulted prisoners has at least one consultation.
  requireCount('consultations', consultations, CONSULTED_PERSONS);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const diversity = Math.min(scale, DIVERSITY_CAPACITY);
  const prisoner = Math.min(consultations, PRISONER_CONSULTATIONS_CAPACITY);
  return {
    seed,
    sifEpisodes: diversity - VERTE_COHORT - VERTE_LATER_EPISODES,
    benchEpisodes: scale - diversity,
    prisonerConsultations: prisoner,
    benchConsultations: consultations - prisoner,
  };
}

export const needsBenchProgramme = (plan: DemoPlan) => plan.benchEpisodes + plan.benchConsultations > 0;

function requireCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min || value > MAX_ROWS) {
    throw new RangeError(`${name} must be a whole number from ${min.toLocaleString('en')} to ${MAX_ROWS.toLocaleString('en')}, got ${value}`);
  }
}
