import type { Catalog } from '../../catalog/catalog';
import type { Measure } from '../../schema/generated/resolvers-types';
import type { FactQuery } from '../sql';
import { dayOf, type ColumnStore, type Dictionary } from './columns';
import { OCCUPIED, type CountPlan, type Counts } from './count';
import type { ScanPool } from './pool';

/*
 * One fact's part of a plan from the column store, with the same meaning as the SQL in sql.ts (tests hold
 * the two to identical results). `compileScan` turns the codes of a query into numbers over the store's
 * dictionaries (a few thousand ids at most); count.ts then passes over the rows, on the main thread or
 * split by persons across the scan workers (pool.ts); `decodeCounts` turns cell numbers back into codes.
 */

/** A fact query as sql.ts takes it (the measures of its fact that the plan computes), with a manager's own institutions as `own`. */
export type ScanQuery = Omit<FactQuery, 'groupByDataset' | 'ownInstitutions'> & { own?: string[] };

export interface ScanResult {
  rows: { key: string[]; values: Partial<Record<Measure, number>>; foreign: number }[];
  totals: Partial<Record<Measure, number>>;
  totalForeign: number;
  datasets: string[];
}

/** Beyond this many cells a query is left to the database. */
export const MAX_CELLS = 2_000_000;

type FactColumnName = string;
/** A grouping axis: for each id of the source column, its position on the axis (or -1), and the code at each position. */
interface Axis {
  column: FactColumnName;
  position: Int32Array;
  codes: string[];
}

/** A compiled scan: what the counting needs, and what turning its cells back into codes needs. */
export interface CompiledScan {
  plan: CountPlan;
  /** Per dimension of the query, in its order: a plain axis, the time buckets or the target groups. */
  layout: (Axis | 'time' | 'groups')[];
  bucketCodes: string[];
  groupCodes: string[];
  datasetCodes: string[];
}

function axisFrom(column: FactColumnName, source: Dictionary, codeOf: (code: string) => string | undefined): Axis {
  const codes: string[] = [];
  const at = new Map<string, number>();
  const position = new Int32Array(source.size).fill(-1);
  source.codes.forEach((code, id) => {
    const target = codeOf(code);
    if (target === undefined) return;
    let p = at.get(target);
    if (p === undefined) {
      p = codes.length;
      codes.push(target);
      at.set(target, p);
    }
    position[id] = p;
  });
  return { column, position, codes };
}

/** Resolves a query against the store's dictionaries, or undefined when its cells are too many for memory. */
export function compileScan(store: ColumnStore, catalog: Catalog, q: ScanQuery): CompiledScan | undefined {
  const { dict } = store;
  const regionOfSite = (site: string) => catalog.institutions.get(site)?.regionCode ?? undefined;
  const municipality = (region: string | undefined) =>
    region === undefined ? undefined : q.boundaries === 'AS_RECORDED' ? region : catalog.regions.get(region)?.rollupCode ?? undefined;
  const planning = (region: string | undefined) => (region === undefined ? undefined : catalog.regions.get(region)?.planningRegionCode ?? undefined);
  const same = (code: string) => code;

  const isP = q.fact === 'participation';
  const place = isP ? { column: 'region', source: dict.region, region: same } : { column: 'site', source: dict.institution, region: regionOfSite };
  const programme = { column: 'programme', source: dict.programme };
  const institution = { column: 'institution', source: dict.institution };
  const dataset = { column: 'dataset', source: dict.dataset };

  const layout: CompiledScan['layout'] = q.dimensions.map((d) => {
    switch (d) {
      case 'YEAR':
      case 'QUARTER':
      case 'MONTH':
        return 'time';
      case 'TARGET_GROUP':
        return 'groups';
      case 'MUNICIPALITY':
        return axisFrom(place.column, place.source, (code) => municipality(place.region(code)));
      case 'PLANNING_REGION':
        return axisFrom(place.column, place.source, (code) => planning(place.region(code)));
      case 'INSTITUTION':
        return axisFrom(institution.column, institution.source, same);
      case 'SITE':
        return axisFrom('site', dict.institution, same);
      case 'PROGRAMME':
        return axisFrom(programme.column, programme.source, same);
      case 'GENDER':
        return axisFrom('gender', dict.gender, same);
      case 'AGE_BAND':
        return axisFrom('ageBand', dict.ageBand, same);
      case 'OUTCOME':
        return axisFrom('outcome', dict.outcome, same);
      case 'CONSULTATION_STAGE':
        return axisFrom('stage', dict.stage, same);
      case 'CONSULTATION_FORMAT':
        return axisFrom('format', dict.format, same);
      case 'CONSULTATION_MODE':
        return axisFrom('mode', dict.mode, same);
      case 'DATASET':
        return axisFrom(dataset.column, dataset.source, same);
    }
  });
  const plain = layout.filter((a): a is Axis => typeof a === 'object');
  const hasGroups = layout.includes('groups');
  const groupCodes = dict.targetGroup.codes;
  const nb = q.buckets.length;
  const groups = hasGroups ? Math.max(groupCodes.length, 1) : 1;
  const size = (a: Axis) => Math.max(a.codes.length, 1);
  const cells = plain.reduce((n, a) => n * size(a), 1) * groups * nb;
  if (cells > MAX_CELLS) return undefined;
  if (!isP && cells * dict.institution.size > MAX_CELLS * 8) return undefined;

  // Filters as flags over each column's ids.
  const f = q.filters;
  const checks: CountPlan['checks'] = [];
  const check = ({ column, source }: { column: string; source: Dictionary }, codes: string[] | undefined, map: (code: string) => string | undefined = same) => {
    if (!codes) return;
    const set = new Set(codes);
    const passes = (code: string) => {
      const mapped = map(code);
      return mapped !== undefined && set.has(mapped);
    };
    checks.push({ column, ok: Uint8Array.from(source.codes, (code) => (passes(code) ? 1 : 0)) });
  };
  check(programme, f.programmes);
  check(institution, f.institutions);
  check(place, f.regions, place.region);
  check(dataset, f.datasets);
  check(dataset, q.datasetIds);
  if (isP) {
    check({ column: 'gender', source: dict.gender }, f.genders);
    check({ column: 'ageBand', source: dict.ageBand }, f.ageBands);
    check({ column: 'outcome', source: dict.outcome }, f.outcomes);
  } else {
    check({ column: 'site', source: dict.institution }, f.sites);
    check({ column: 'stage', source: dict.stage }, f.stages);
    check({ column: 'format', source: dict.format }, f.formats);
    check({ column: 'mode', source: dict.mode }, f.modes);
  }
  let groupFilter: number | undefined;
  if (f.targetGroups !== undefined) {
    groupFilter = 0;
    for (const code of f.targetGroups) {
      const bit = dict.targetGroup.find(code);
      if (bit !== undefined) groupFilter |= 1 << bit;
    }
  }
  const own = q.own ? new Set(q.own) : undefined;

  // Day → bucket, over the period.
  const fromDay = dayOf(q.from);
  const toDay = dayOf(q.to);
  const bucketStart = Int32Array.from(q.buckets, (b) => dayOf(b.start));
  const bucketEnd = Int32Array.from(q.buckets, (b) => dayOf(b.end));
  const bucketOfDay = new Int32Array(toDay - fromDay + 1);
  for (let b = 0; b < nb; b++) bucketOfDay.fill(b, bucketStart[b] - fromDay, bucketEnd[b] - fromDay + 1);

  const plan: CountPlan = {
    fact: q.fact,
    cells,
    buckets: nb,
    groups,
    hasGroups,
    checks,
    axes: plain.map((a, k) => ({ column: a.column, position: a.position, stride: plain.slice(k + 1).reduce((n, b) => n * size(b), 1) })),
    groupFilter,
    ownInstitution: own ? Uint8Array.from(dict.institution.codes, (code) => (own.has(code) ? 1 : 0)) : undefined,
    fromDay,
    toDay,
    bucketStart,
    bucketEnd,
    bucketOfDay,
    datasets: dict.dataset.size,
    sites: isP ? 0 : dict.institution.size,
    measures: q.measures,
  };
  return { plan, layout, bucketCodes: q.buckets.map((b) => b.code), groupCodes, datasetCodes: dict.dataset.codes };
}

/** Back from cell numbers to codes, in the query's dimension order. */
export function decodeCounts(compiled: CompiledScan, counts: Counts): ScanResult {
  const { plan, layout } = compiled;
  const strides = plan.axes.map((a) => a.stride);
  const rows: ScanResult['rows'] = [];
  const occupied = counts.values[OCCUPIED[plan.fact]];
  if (layout.length > 0) {
    for (let cell = 0; cell < plan.cells; cell++) {
      if (occupied[cell] === 0) continue;
      const b = cell % plan.buckets;
      const g = Math.floor(cell / plan.buckets) % plan.groups;
      let rest = Math.floor(cell / plan.buckets / plan.groups);
      let k = 0;
      const key = layout.map((axis) => {
        if (axis === 'time') return compiled.bucketCodes[b];
        if (axis === 'groups') return compiled.groupCodes[g];
        const pos = Math.floor(rest / strides[k]);
        rest -= pos * strides[k++];
        return axis.codes[pos];
      });
      const values: Partial<Record<Measure, number>> = {};
      for (const [m, column] of Object.entries(counts.values)) values[m as Measure] = column[cell];
      rows.push({ key, values, foreign: counts.foreign[cell] });
    }
  }
  return {
    rows,
    totals: counts.totals as Partial<Record<Measure, number>>,
    totalForeign: counts.totalForeign,
    datasets: compiled.datasetCodes.filter((_, id) => counts.datasetSeen[id] === 1),
  };
}

/** One fact's part of a query from the rollup: counted by the pool's workers, or undefined when memory cannot answer it. */
export async function scanFact(store: ColumnStore, catalog: Catalog, q: ScanQuery, pool: ScanPool): Promise<ScanResult | undefined> {
  const compiled = compileScan(store, catalog, q);
  return compiled && decodeCounts(compiled, await pool.count(store, compiled.plan));
}
