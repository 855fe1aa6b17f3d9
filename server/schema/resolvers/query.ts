import { answerQuery } from '../../analytics/answer';
import { badInput } from '../../errors';
import type { QueryResolvers } from '../generated/resolvers-types';

const today = () => new Date().toISOString().slice(0, 10);
const SEARCH_MAX = 100;

/** Latvian-insensitive matching, so "jekabpils" finds "Jēkabpils novads". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('lv');

export const Query: QueryResolvers = {
  health: () => 'ok',

  aggregate: async (_parent, { query, lang }, ctx) =>
    ctx.http.time('aggregate', async () => answerQuery(ctx, query, lang ?? 'EN', ctx.viewer, await ctx.dataState(), ctx.http.time)),

  regions: (_parent, { level, search, includeHistoric, validOn }, { catalog }) => {
    if (search && search.length > SEARCH_MAX) throw badInput(`at most ${SEARCH_MAX} characters`, 'search');
    const on = validOn ?? today();
    const all =
      level === 'PLANNING_REGION'
        ? [...catalog.planningRegions.values()]
        : [...catalog.regions.values()].filter(
            (r) => includeHistoric || ((r.validFrom ?? '') <= on && (r.validTo === null || r.validTo >= on)),
          );
    const needle = search ? fold(search.trim()) : '';
    return all.filter((r) => !needle || fold(`${r.code} ${r.altCode ?? ''} ${r.nameLv} ${r.nameEn}`).includes(needle));
  },

  programmes: (_parent, _args, { catalog }) => [...catalog.programmes.values()],

  institutions: (_parent, { kind }, { catalog }) =>
    [...catalog.institutions.values()].filter((i) => !kind || i.kind === kind.toLowerCase()),

  targetGroups: (_parent, _args, { catalog }) => [...catalog.targetGroups.values()],

  publishedFigures: async (_parent, _args, { dataState, figures }) => figures.all(await dataState()),

  kpis: (_parent, { programme, year, asOf }, { kpis, viewer, catalog }) => {
    if (programme && !catalog.programmes.has(programme)) throw badInput(`unknown programme "${programme}"`, 'programme');
    if (year !== null && year !== undefined && (year < 1900 || year > 2100)) throw badInput(`year ${year} is out of range`, 'year');
    return kpis.list({ programme, year, asOf }, viewer);
  },
};

