import type { AggregateInput } from '../server/schema/generated/resolvers-types';

/**
 * The aggregate queries the dashboard pages send, each with filters that vary from run to run as users'
 * choices do. `variant(i)` is deterministic, so a run can be repeated and checked.
 */
export interface DashboardQuery {
  name: string;
  page: string;
  variant(i: number): AggregateInput;
}

const YEARS = [2018, 2019, 2020, 2021, 2022, 2023];
const REGIONS = ['RIGA', 'VIDZEME', 'KURZEME', 'ZEMGALE', 'LATGALE'];
const MUNICIPALITIES = ['0001000', '0002000', '0031000', '0038000', '0054000', '0020000'];
const pick = <T>(list: T[], i: number) => list[i % list.length];

export const DASHBOARD_QUERIES: DashboardQuery[] = [
  {
    name: 'distinct participants, reintegrated and rate over a period',
    page: 'Overview',
    variant: (i) => ({
      measures: ['PARTICIPANTS', 'REINTEGRATED', 'REINTEGRATION_RATE'],
      filter: { from: `${pick(YEARS, i)}-0${1 + (i % 6)}-01`, to: `${pick(YEARS, i + 1) + 1}-06-30`, programmes: i % 2 ? ['DIVERSITY'] : undefined },
    }),
  },
  {
    name: 'participants and reintegration by year',
    page: 'Overview',
    variant: (i) => ({ measures: ['PARTICIPANTS', 'NEW_PARTICIPANTS', 'REINTEGRATED'], dimensions: ['YEAR'], filter: { regions: i % 3 ? [pick(REGIONS, i)] : undefined } }),
  },
  {
    name: 'municipality × year',
    page: 'Regions',
    variant: (i) => ({ measures: ['PARTICIPANTS', 'REINTEGRATION_RATE'], dimensions: ['MUNICIPALITY', 'YEAR'], filter: { from: `${pick(YEARS, i) - 1}-01-01`, to: '2023-12-31' } }),
  },
  {
    name: 'region comparison by quarter',
    page: 'Regions',
    variant: (i) => ({ measures: ['PARTICIPANTS'], dimensions: ['MUNICIPALITY', 'QUARTER'], filter: { regions: [pick(MUNICIPALITIES, i), pick(MUNICIPALITIES, i + 2)] } }),
  },
  {
    name: 'target group × gender × age band for a region',
    page: 'Target groups',
    variant: (i) => ({ measures: ['PARTICIPANTS', 'REINTEGRATION_RATE'], dimensions: ['TARGET_GROUP', 'GENDER', 'AGE_BAND'], filter: { regions: [pick(REGIONS, i)] } }),
  },
  {
    name: 'consultations by site × stage × year',
    page: 'Institutions',
    variant: (i) => ({ measures: ['CONSULTATIONS', 'CONSULTED_PERSONS'], dimensions: ['SITE', 'CONSULTATION_STAGE', 'YEAR'], filter: { programmes: i % 2 ? ['EX_PRISONERS'] : undefined } }),
  },
  {
    name: 'sites per year (6 → 7 → 9)',
    page: 'Institutions',
    variant: (i) => ({ measures: ['CONSULTATION_SITES'], dimensions: ['YEAR'], filter: { programmes: ['EX_PRISONERS'], institutions: ['NVA'], from: `${2017 + (i % 2)}-01-01`, to: '2023-12-01' } }),
  },
  {
    name: 'explorer: outcome × programme by month',
    page: 'Explorer',
    variant: (i) => ({ measures: ['NEW_PARTICIPANTS'], dimensions: ['OUTCOME', 'PROGRAMME', 'MONTH'], filter: { from: `${pick(YEARS, i)}-01-01`, to: `${pick(YEARS, i)}-12-31` } }),
  },
];
