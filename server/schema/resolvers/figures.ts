import { figureInput } from '../../analytics/figures';
import type { KpiResolvers, Measure, PublishedFigureResolvers, Qualifier } from '../generated/resolvers-types';

export const PublishedFigure: PublishedFigureResolvers = {
  programme: (f, _args, { catalog }) => catalog.programmes.get(f.programmeCode)!,
  institution: (f, _args, { catalog }) => (f.institutionCode ? catalog.institutions.get(f.institutionCode) ?? null : null),
  region: (f, _args, { catalog }) => (f.regionCode ? catalog.region(f.regionCode) ?? null : null),
  measure: (f) => f.measure as Measure,
  qualifier: (f) => f.qualifier.toUpperCase() as Qualifier,
  query: (f) => JSON.stringify(figureInput(f)),
};

export const Kpi: KpiResolvers = {
  id: (k) => String(k.id),
  programme: (k, _args, { catalog }) => catalog.programmes.get(k.programmeCode)!,
  measure: (k) => k.measure as Measure,
  region: (k, _args, { catalog }) => (k.regionCode ? catalog.region(k.regionCode) ?? null : null),
  progress: (k) => (k.actual === null || k.target === 0 ? null : k.actual / k.target),
};
