/*
 * What the web app asks while people look at its pages: the Aggregate document of web/src/api/documents.ts
 * (every chart) with the questions of the overview, regions, target-group and explorer pages, and the
 * filter options look-up. Anonymous, as almost all visitors are.
 */

const AGGREGATE = `query Aggregate($query: AggregateInput!, $lang: Lang) { aggregate(query: $query, lang: $lang) {
  rows { dimensions { dimension code label } measures { measure value suppressed } }
  totals { measure value suppressed } suppressedCells truncated synthetic dataAsOf from to sources { id } } }`;

const FILTER_OPTIONS = `query FilterOptions($lang: Lang) {
  programmes { code name(lang: $lang) synthetic }
  municipalities: regions(level: MUNICIPALITY) { code name(lang: $lang) }
  planningRegions: regions(level: PLANNING_REGION) { code name(lang: $lang) }
  institutions { code name(lang: $lang) kind parent { code } }
  targetGroups { code name(lang: $lang) parent { code } } }`;

const QUESTIONS: unknown[] = [
  { measures: ['PARTICIPANTS', 'REINTEGRATED', 'REINTEGRATION_RATE'], filter: { institutions: ['VERTE'], regions: ['0031000'], from: '2020-09-01', to: '2021-05-01' } },
  { measures: ['CONSULTED_PERSONS'], dimensions: ['CONSULTATION_STAGE'] },
  { measures: ['PARTICIPANTS', 'NEW_PARTICIPANTS'], dimensions: ['YEAR'] },
  { measures: ['PARTICIPANTS', 'REINTEGRATION_RATE'], dimensions: ['MUNICIPALITY'], filter: { from: '2021-01-01', to: '2021-12-31' } },
  { measures: ['PARTICIPANTS', 'REINTEGRATED'], dimensions: ['TARGET_GROUP', 'GENDER'], filter: { regions: ['LATGALE'] } },
  { measures: ['CONSULTATIONS', 'CONSULTED_PERSONS'], dimensions: ['SITE', 'YEAR'] },
  { measures: ['NEW_PARTICIPANTS'], dimensions: ['PLANNING_REGION', 'QUARTER'], filter: { from: '2020-01-01', to: '2022-12-31' } },
  { measures: ['PARTICIPANTS'], dimensions: ['AGE_BAND', 'OUTCOME'], filter: { programmes: ['DIVERSITY'] } },
];

export interface GraphqlCall {
  operation: string;
  body: string;
}

/** One request per question and language, and the filter options in both languages. */
export const DASHBOARD_MIX: GraphqlCall[] = [
  ...QUESTIONS.flatMap((query, i) => ['EN', 'LV'].map((lang) => ({ operation: `aggregate ${i} ${lang}`, body: JSON.stringify({ query: AGGREGATE, variables: { query, lang } }) }))),
  ...['EN', 'LV'].map((lang) => ({ operation: `filter options ${lang}`, body: JSON.stringify({ query: FILTER_OPTIONS, variables: { lang } }) })),
];

/** A question no cache has seen: participants over a period that differs from call to call. */
export function uncachedQuestion(n: number): string {
  const day = (offset: number) => new Date(Date.UTC(2018, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
  const query = { measures: ['PARTICIPANTS', 'REINTEGRATION_RATE'], dimensions: ['MUNICIPALITY', 'QUARTER'], filter: { from: day(n % 700), to: day(700 + (n % 900)) } };
  return JSON.stringify({ query: AGGREGATE, variables: { query, lang: 'EN' } });
}
