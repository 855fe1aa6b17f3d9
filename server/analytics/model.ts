import type { Measure, Dimension } from '../schema/generated/resolvers-types';

/*
 * The semantic layer: every measure and dimension is declared here once, as data. The query builder
 * (query.ts) turns these declarations into SQL; nothing else in the product writes analytic SQL.
 *
 * Every fact is read against a table of period buckets `b(code, b_start, b_end)`: one bucket for the
 * whole [from, to] period, or one per year/quarter/month when a time dimension is asked for. A row
 * belongs to a bucket when it is active in it: an episode that overlaps it, a consultation dated in it.
 */

export type FactName = 'participation' | 'consultation';

export interface FactDef {
  table: string;
  alias: string;
  /** SQL condition for "this row counts in bucket b". */
  inBucket: string;
  /** The same condition against the bounds of the whole period, as bindings (sargable for indexes). */
  inPeriod: string;
  /** Columns naming the institutions a row belongs to: a manager of any of them sees it as their own. */
  ownedBy: string[];
}

export const FACTS: Record<FactName, FactDef> = {
  participation: {
    table: 'participation',
    alias: 'p',
    inBucket: 'p.entry_date <= b.b_end AND (p.exit_date IS NULL OR p.exit_date >= b.b_start)',
    inPeriod: 'p.entry_date <= ? AND (p.exit_date IS NULL OR p.exit_date >= ?)',
    ownedBy: ['p.institution_code'],
  },
  consultation: {
    table: 'consultation',
    alias: 'c',
    inBucket: 'c.date BETWEEN b.b_start AND b.b_end',
    inPeriod: 'c.date <= ? AND c.date >= ?',
    // A consultation belongs to the consulting institution and to the prison it took place in.
    ownedBy: ['c.institution_code', 'c.site_code'],
  },
};

export type Bilingual = { lv: string; en: string };

export interface MeasureDef {
  fact: FactName;
  /** Aggregate SQL over the fact alias and bucket b; absent for ratios. */
  sql?: string;
  ratio?: { numerator: Measure; denominator: Measure };
  /** Sums of rows equal the total (events and new episodes); distinct counts and ratios do not add up. */
  additive: boolean;
  /** Counts persons or events about persons, so disclosure control applies. Site counts are not. */
  disclosive: boolean;
  label: Bilingual;
  description: Bilingual;
}

const REINTEGRATED_OUTCOMES = "('EMPLOYMENT', 'EDUCATION')";

export const MEASURES: Record<Measure, MeasureDef> = {
  PARTICIPANTS: {
    fact: 'participation',
    sql: 'COUNT(DISTINCT p.person_key)',
    additive: false,
    disclosive: true,
    label: { en: 'Participants', lv: 'Dalībnieki' },
    description: {
      en: 'Distinct persons with an episode active in the period (entry ≤ period end and no exit or exit ≥ period start).',
      lv: 'Dažādas personas, kuru dalība aktīva periodā (iestāšanās ≤ perioda beigas un izstāšanās nav vai ≥ perioda sākums).',
    },
  },
  NEW_PARTICIPANTS: {
    fact: 'participation',
    // Counted on episode ids: the target-group join may repeat an episode under several groups.
    sql: 'COUNT(DISTINCT CASE WHEN p.entry_date >= b.b_start THEN p.id END)',
    additive: true,
    disclosive: true,
    label: { en: 'New participants', lv: 'Jauni dalībnieki' },
    description: { en: 'Episodes that started in the period.', lv: 'Dalības epizodes, kas sākušās periodā.' },
  },
  REINTEGRATED: {
    fact: 'participation',
    sql: `COUNT(DISTINCT CASE WHEN p.outcome IN ${REINTEGRATED_OUTCOMES} AND p.outcome_date BETWEEN b.b_start AND b.b_end THEN p.person_key END)`,
    additive: false,
    disclosive: true,
    label: { en: 'Reintegrated', lv: 'Iekļāvušies' },
    description: {
      en: 'Distinct persons with an employment or education outcome dated in the period (recorded upon leaving).',
      lv: 'Dažādas personas, kuras periodā iekļāvušās nodarbinātībā vai izglītībā (reģistrēts, beidzot dalību).',
    },
  },
  REINTEGRATION_RATE: {
    fact: 'participation',
    ratio: { numerator: 'REINTEGRATED', denominator: 'PARTICIPANTS' },
    additive: false,
    disclosive: true,
    label: { en: 'Reintegration rate', lv: 'Iekļaušanās īpatsvars' },
    description: {
      en: 'Reintegrated / participants of the same cell, a fraction between 0 and 1.',
      lv: 'Iekļāvušies / dalībnieki tajā pašā šūnā, daļa no 0 līdz 1.',
    },
  },
  CONSULTATIONS: {
    fact: 'consultation',
    sql: 'COUNT(*)',
    additive: true,
    disclosive: true,
    label: { en: 'Consultations', lv: 'Konsultācijas' },
    description: { en: 'Consultation events.', lv: 'Konsultāciju reizes.' },
  },
  CONSULTED_PERSONS: {
    fact: 'consultation',
    sql: 'COUNT(DISTINCT c.person_key)',
    additive: false,
    disclosive: true,
    label: { en: 'Persons consulted', lv: 'Konsultētās personas' },
    description: { en: 'Distinct persons consulted.', lv: 'Dažādas konsultētās personas.' },
  },
  CONSULTATION_SITES: {
    fact: 'consultation',
    sql: 'COUNT(DISTINCT c.site_code)',
    additive: false,
    disclosive: false,
    label: { en: 'Consultation sites', lv: 'Konsultāciju vietas' },
    description: {
      en: 'Distinct sites (prisons) with at least one consultation.',
      lv: 'Dažādas vietas (ieslodzījuma vietas), kurās notikusi vismaz viena konsultācija.',
    },
  },
};

/** Named joins a dimension or filter can ask for, per fact. */
export type JoinName = 'region' | 'site' | 'siteRegion' | 'targetGroup';

export interface JoinDef {
  sql: string;
  /** A join this one builds on; it is added first. */
  requires?: JoinName;
}

export const JOINS: Record<FactName, Partial<Record<JoinName, JoinDef>>> = {
  participation: {
    region: { sql: 'JOIN region r ON r.code = p.region_code' },
    // Each episode once per group it belongs to, directly or through a child group (the tree has two levels).
    targetGroup: {
      sql: `JOIN (
      SELECT participation_id, target_group_code AS code FROM participation_target_group
      UNION
      SELECT x.participation_id, g.parent_code FROM participation_target_group x
        JOIN target_group g ON g.code = x.target_group_code WHERE g.parent_code IS NOT NULL
    ) tg ON tg.participation_id = p.id`,
    },
  },
  consultation: {
    // A consultation's place is the prison where it took place.
    site: { sql: 'JOIN institution s ON s.code = c.site_code' },
    siteRegion: { sql: 'JOIN region r ON r.code = s.region_code', requires: 'site' },
  },
};

export type TimeGrain = 'year' | 'quarter' | 'month';

export type LabelSource =
  | { kind: 'time' }
  | { kind: 'region' }
  | { kind: 'planningRegion' }
  | { kind: 'institution' }
  | { kind: 'programme' }
  | { kind: 'targetGroup' }
  | { kind: 'dataset' }
  | { kind: 'enum'; values: Record<string, Bilingual> };

export interface DimensionColumn {
  /** SQL giving the row's code; `boundaries` picks between the two for municipalities. */
  code: string;
  asRecorded?: string;
  joins?: JoinName[];
}

export interface DimensionDef {
  grain?: TimeGrain;
  /** One row can fall under several codes (a person in two target groups): rows do not add up to totals. */
  multiValued?: boolean;
  columns: Partial<Record<FactName, DimensionColumn>>;
  labels: LabelSource;
  label: Bilingual;
}

const bucket: DimensionColumn = { code: 'b.code' };
const both = (column: (alias: string) => DimensionColumn) => ({
  participation: column('p'),
  consultation: column('c'),
});

export const GENDERS: Record<string, Bilingual> = {
  F: { en: 'Women', lv: 'Sievietes' },
  M: { en: 'Men', lv: 'Vīrieši' },
  X: { en: 'Other or not stated', lv: 'Cits vai nav norādīts' },
};
export const AGE_BANDS: Record<string, Bilingual> = Object.fromEntries(
  ['15-24', '25-34', '35-44', '45-54', '55-64', '65+'].map((band) => [band, { en: band, lv: band }]),
);
export const OUTCOMES: Record<string, Bilingual> = {
  EMPLOYMENT: { en: 'Employment', lv: 'Nodarbinātība' },
  EDUCATION: { en: 'Education', lv: 'Izglītība' },
  NOT_REINTEGRATED: { en: 'Not reintegrated', lv: 'Nav iekļāvies' },
  ONGOING: { en: 'Ongoing', lv: 'Turpinās' },
};
export const STAGES: Record<string, Bilingual> = {
  PRE_VOCATIONAL: { en: 'Before vocational education', lv: 'Pirms profesionālās izglītības' },
  PRE_RELEASE: { en: 'Before release', lv: 'Pirms atbrīvošanas' },
};
export const FORMATS: Record<string, Bilingual> = {
  INDIVIDUAL: { en: 'Individual', lv: 'Individuāla' },
  GROUP: { en: 'Group', lv: 'Grupas' },
};
export const MODES: Record<string, Bilingual> = {
  IN_PERSON: { en: 'In person', lv: 'Klātienē' },
  ONLINE: { en: 'Online', lv: 'Tiešsaistē' },
};

export const DIMENSIONS: Record<Dimension, DimensionDef> = {
  YEAR: { grain: 'year', columns: both(() => bucket), labels: { kind: 'time' }, label: { en: 'Year', lv: 'Gads' } },
  QUARTER: { grain: 'quarter', columns: both(() => bucket), labels: { kind: 'time' }, label: { en: 'Quarter', lv: 'Ceturksnis' } },
  MONTH: { grain: 'month', columns: both(() => bucket), labels: { kind: 'time' }, label: { en: 'Month', lv: 'Mēnesis' } },
  MUNICIPALITY: {
    columns: {
      participation: { code: 'r.rollup_code', asRecorded: 'p.region_code', joins: ['region'] },
      consultation: { code: 'r.rollup_code', asRecorded: 's.region_code', joins: ['siteRegion'] },
    },
    labels: { kind: 'region' },
    label: { en: 'Municipality', lv: 'Pašvaldība' },
  },
  PLANNING_REGION: {
    columns: {
      participation: { code: 'r.planning_region_code', joins: ['region'] },
      consultation: { code: 'r.planning_region_code', joins: ['siteRegion'] },
    },
    labels: { kind: 'planningRegion' },
    label: { en: 'Planning region', lv: 'Plānošanas reģions' },
  },
  TARGET_GROUP: {
    multiValued: true,
    columns: { participation: { code: 'tg.code', joins: ['targetGroup'] } },
    labels: { kind: 'targetGroup' },
    label: { en: 'Target group', lv: 'Mērķa grupa' },
  },
  INSTITUTION: {
    columns: both((a) => ({ code: `${a}.institution_code` })),
    labels: { kind: 'institution' },
    label: { en: 'Institution', lv: 'Iestāde' },
  },
  SITE: {
    columns: { consultation: { code: 'c.site_code' } },
    labels: { kind: 'institution' },
    label: { en: 'Site', lv: 'Vieta' },
  },
  PROGRAMME: {
    columns: both((a) => ({ code: `${a}.programme_code` })),
    labels: { kind: 'programme' },
    label: { en: 'Programme', lv: 'Programma' },
  },
  GENDER: {
    columns: { participation: { code: 'p.gender' } },
    labels: { kind: 'enum', values: GENDERS },
    label: { en: 'Gender', lv: 'Dzimums' },
  },
  AGE_BAND: {
    columns: { participation: { code: 'p.age_band' } },
    labels: { kind: 'enum', values: AGE_BANDS },
    label: { en: 'Age band', lv: 'Vecuma grupa' },
  },
  OUTCOME: {
    columns: { participation: { code: 'p.outcome' } },
    labels: { kind: 'enum', values: OUTCOMES },
    label: { en: 'Outcome', lv: 'Rezultāts' },
  },
  CONSULTATION_STAGE: {
    columns: { consultation: { code: 'c.stage' } },
    labels: { kind: 'enum', values: STAGES },
    label: { en: 'Consultation stage', lv: 'Konsultācijas posms' },
  },
  CONSULTATION_FORMAT: {
    columns: { consultation: { code: 'c.format' } },
    labels: { kind: 'enum', values: FORMATS },
    label: { en: 'Consultation format', lv: 'Konsultācijas forma' },
  },
  CONSULTATION_MODE: {
    columns: { consultation: { code: 'c.mode' } },
    labels: { kind: 'enum', values: MODES },
    label: { en: 'Consultation mode', lv: 'Konsultācijas veids' },
  },
  DATASET: {
    columns: both((a) => ({ code: `${a}.dataset_id` })),
    labels: { kind: 'dataset' },
    label: { en: 'Dataset', lv: 'Datu kopa' },
  },
};

/** Filters on codes: which column each applies to per fact, and how its codes are checked and expanded. */
export type FilterName =
  | 'programmes'
  | 'institutions'
  | 'sites'
  | 'regions'
  | 'targetGroups'
  | 'genders'
  | 'ageBands'
  | 'outcomes'
  | 'stages'
  | 'formats'
  | 'modes'
  | 'datasets';

export type FilterValues =
  | { kind: 'programme' }
  | { kind: 'institution' }
  | { kind: 'site' }
  | { kind: 'region' }
  | { kind: 'targetGroup' }
  | { kind: 'dataset' }
  | { kind: 'enum'; values: Record<string, Bilingual> };

export interface FilterDef {
  values: FilterValues;
  /** SQL producing the matched value, per fact; `tg` is a subquery test rather than a join. */
  columns: Partial<Record<FactName, { column: string; joins?: JoinName[] } | { subquery: string }>>;
}

export const FILTERS: Record<FilterName, FilterDef> = {
  programmes: { values: { kind: 'programme' }, columns: { participation: { column: 'p.programme_code' }, consultation: { column: 'c.programme_code' } } },
  institutions: {
    values: { kind: 'institution' },
    columns: { participation: { column: 'p.institution_code' }, consultation: { column: 'c.institution_code' } },
  },
  sites: { values: { kind: 'site' }, columns: { consultation: { column: 'c.site_code' } } },
  regions: {
    values: { kind: 'region' },
    columns: { participation: { column: 'p.region_code' }, consultation: { column: 's.region_code', joins: ['site'] } },
  },
  targetGroups: {
    values: { kind: 'targetGroup' },
    columns: { participation: { subquery: 'p.id IN (SELECT participation_id FROM participation_target_group WHERE target_group_code IN (:codes))' } },
  },
  genders: { values: { kind: 'enum', values: GENDERS }, columns: { participation: { column: 'p.gender' } } },
  ageBands: { values: { kind: 'enum', values: AGE_BANDS }, columns: { participation: { column: 'p.age_band' } } },
  outcomes: { values: { kind: 'enum', values: OUTCOMES }, columns: { participation: { column: 'p.outcome' } } },
  stages: { values: { kind: 'enum', values: STAGES }, columns: { consultation: { column: 'c.stage' } } },
  formats: { values: { kind: 'enum', values: FORMATS }, columns: { consultation: { column: 'c.format' } } },
  modes: { values: { kind: 'enum', values: MODES }, columns: { consultation: { column: 'c.mode' } } },
  datasets: { values: { kind: 'dataset' }, columns: { participation: { column: 'p.dataset_id' }, consultation: { column: 'c.dataset_id' } } },
};
