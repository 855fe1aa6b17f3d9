/*
 * The in-memory shapes of the reference dimensions and reconciled figures. GraphQL resolvers receive
 * these (codegen mappers), so field resolvers shape them for the API and nothing else reads the tables.
 */

export interface RegionModel {
  code: string;
  altCode: string | null;
  level: 'MUNICIPALITY' | 'PLANNING_REGION';
  nameLv: string;
  nameEn: string;
  kind: string;
  planningRegionCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  successorCode: string | null;
  rollupCode: string | null;
  lat: number | null;
  lon: number | null;
  note: string | null;
}

export interface InstitutionModel {
  code: string;
  nameLv: string;
  nameEn: string;
  kind: 'fund' | 'agency' | 'ngo' | 'prison';
  parentCode: string | null;
  regionCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
}

export interface ProgrammeModel {
  code: string;
  nameLv: string;
  nameEn: string;
  projectNo: string | null;
  operatorCode: string;
  specificObjective: string | null;
  startDate: string | null;
  endDate: string | null;
  esfShare: number | null;
  stateShare: number | null;
  synthetic: boolean;
  note: string | null;
}

export interface TargetGroupModel {
  code: string;
  parentCode: string | null;
  nameLv: string;
  nameEn: string;
  esfIndicator: string | null;
  note: string | null;
}

export interface DatasetModel {
  id: string;
  kind: 'demo' | 'import';
  synthetic: boolean;
  description: string;
  loadedAt: string;
}

/** A row of published_figures.csv as stored. */
export interface PublishedFigureRow {
  id: string;
  programmeCode: string;
  institutionCode: string | null;
  regionCode: string | null;
  periodFrom: string;
  periodTo: string;
  measure: string;
  breakdown: string | null;
  value: number;
  qualifier: 'exact' | 'more_than' | 'at_most';
  source: string;
  quote: string;
  interpretation: string | null;
}

export interface PublishedFigureModel extends PublishedFigureRow {
  computedValue: number | null;
  matches: boolean;
  synthetic: boolean;
}

export interface KpiModel {
  id: number;
  programmeCode: string;
  measure: string;
  periodFrom: string;
  periodTo: string;
  regionCode: string | null;
  target: number;
  actual: number | null;
  synthetic: boolean;
  setAt: string;
}

export type Lang = 'LV' | 'EN';

export const nameIn = (item: { nameLv: string; nameEn: string }, lang: Lang | null | undefined) =>
  lang === 'LV' ? item.nameLv : item.nameEn;
