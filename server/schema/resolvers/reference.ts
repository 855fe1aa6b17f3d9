import { nameIn } from '../../catalog/models';
import type { InstitutionResolvers, ProgrammeResolvers, RegionResolvers, TargetGroupResolvers } from '../generated/resolvers-types';

export const Region: RegionResolvers = {
  name: (r, { lang }) => nameIn(r, lang),
  planningRegion: (r, _args, { catalog }) => (r.planningRegionCode ? catalog.planningRegions.get(r.planningRegionCode) ?? null : null),
  successor: (r, _args, { catalog }) => (r.successorCode ? catalog.regions.get(r.successorCode) ?? null : null),
  rollup: (r, _args, { catalog }) => (r.rollupCode ? catalog.regions.get(r.rollupCode) ?? null : null),
};

export const Institution: InstitutionResolvers = {
  name: (i, { lang }) => nameIn(i, lang),
  kind: (i) => i.kind.toUpperCase() as 'FUND' | 'AGENCY' | 'NGO' | 'PRISON',
  parent: (i, _args, { catalog }) => (i.parentCode ? catalog.institutions.get(i.parentCode) ?? null : null),
  children: (i, _args, { catalog }) => catalog.children(catalog.institutions, i.code),
  region: (i, _args, { catalog }) => (i.regionCode ? catalog.regions.get(i.regionCode) ?? null : null),
};

export const Programme: ProgrammeResolvers = {
  name: (p, { lang }) => nameIn(p, lang),
  operator: (p, _args, { catalog }) => catalog.institutions.get(p.operatorCode)!,
};

export const TargetGroup: TargetGroupResolvers = {
  name: (g, { lang }) => nameIn(g, lang),
  parent: (g, _args, { catalog }) => (g.parentCode ? catalog.targetGroups.get(g.parentCode) ?? null : null),
  children: (g, _args, { catalog }) => catalog.children(catalog.targetGroups, g.code),
};
