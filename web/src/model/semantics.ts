import type { Dimension, Measure } from '../gql/graphql';

/*
 * What the app needs to know about the API's measures and dimensions to offer sensible choices:
 * which fact table each belongs to (a consultation measure cannot be broken down by gender) and
 * which measures are rates (shown as percentages).
 */

export type Fact = 'participation' | 'consultation';

export const measureFacts = {
  PARTICIPANTS: 'participation',
  NEW_PARTICIPANTS: 'participation',
  REINTEGRATED: 'participation',
  REINTEGRATION_RATE: 'participation',
  CONSULTATIONS: 'consultation',
  CONSULTED_PERSONS: 'consultation',
  CONSULTATION_SITES: 'consultation',
} as const satisfies Record<Measure, Fact>;

export const allMeasures = Object.keys(measureFacts) as Measure[];

const both: readonly Fact[] = ['participation', 'consultation'];
const participation: readonly Fact[] = ['participation'];
const consultation: readonly Fact[] = ['consultation'];

export const dimensionFacts = {
  YEAR: both,
  QUARTER: both,
  MONTH: both,
  // A consultation's region is that of the prison where it took place.
  MUNICIPALITY: both,
  PLANNING_REGION: both,
  TARGET_GROUP: participation,
  INSTITUTION: both,
  SITE: consultation,
  PROGRAMME: both,
  GENDER: participation,
  AGE_BAND: participation,
  OUTCOME: participation,
  CONSULTATION_STAGE: consultation,
  CONSULTATION_FORMAT: consultation,
  CONSULTATION_MODE: consultation,
  DATASET: both,
} as const satisfies Record<Dimension, readonly Fact[]>;

export const allDimensions = Object.keys(dimensionFacts) as Dimension[];

/** The API refuses more than this many dimensions in one query. */
export const maxDimensions = 4;

export const timeDimensions: readonly Dimension[] = ['YEAR', 'QUARTER', 'MONTH'];

export function isRate(measure: Measure): boolean {
  return measure === 'REINTEGRATION_RATE';
}

export function isMeasure(value: string): value is Measure {
  return value in measureFacts;
}

export function isDimension(value: string): value is Dimension {
  return value in dimensionFacts;
}

/** Filters that only one fact table can answer (the others apply to both). */
const filterFacts: Record<string, Fact> = {
  targetGroups: 'participation',
  genders: 'participation',
  ageBands: 'participation',
  outcomes: 'participation',
  stages: 'consultation',
  sites: 'consultation',
  formats: 'consultation',
  modes: 'consultation',
};

/** Whether a filter (by its AggregateFilter field) applies to every one of the given measures. */
export function filterApplies(filter: string, measures: readonly Measure[]): boolean {
  const fact = filterFacts[filter];
  return fact === undefined || measures.every((m) => measureFacts[m] === fact);
}

/** Dimensions that can break down every one of the given measures. */
export function dimensionsFor(measures: readonly Measure[]): Dimension[] {
  const facts = new Set(measures.map((m) => measureFacts[m]));
  return allDimensions.filter((d) => [...facts].every((f) => dimensionFacts[d].includes(f)));
}
