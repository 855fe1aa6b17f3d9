import type { Catalog } from '../../catalog/catalog';
import type { Measure } from '../../schema/generated/resolvers-types';
import type { FactQuery } from '../sql';
import { dayOf, type ColumnStore, type Dictionary } from './columns';

/*
 * Answers one fact's part of a plan from the column store in a single pass, with the same meaning as the
 * SQL in sql.ts (tests hold the two to identical results). Rows are ordered by person, so a distinct
 * count per cell only compares with the last person counted in that cell.
 */

/** A fact query as sql.ts takes it, all measures at once, with a manager's own institutions as `own`. */
export type ScanQuery = Omit<FactQuery, 'measures' | 'groupByDataset' | 'ownInstitutions'> & { own?: string[] };

export interface ScanResult {
  rows: { key: string[]; values: Partial<Record<Measure, number>>; foreign: number }[];
  totals: Partial<Record<Measure, number>>;
  totalForeign: number;
  datasets: string[];
}

/** Beyond this many cells a query is left to the database. */
export const MAX_CELLS = 2_000_000;

const FILTERED = -2;
const UNMAPPED = -1;

type Column = ArrayLike<number>;
/** A grouping axis: for each id of the source column, its position on the axis (or -1), and the code at each position. */
interface Axis {
  column: Column;
  position: Int32Array;
  codes: string[];
}

function axisFrom(column: Column, source: Dictionary, codeOf: (code: string) => string | undefined): Axis {
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

export function scanFact(store: ColumnStore, catalog: Catalog, q: ScanQuery): ScanResult | undefined {
  const { dict } = store;
  const regionOfSite = (site: string) => catalog.institutions.get(site)?.regionCode ?? undefined;
  const municipality = (region: string | undefined) =>
    region === undefined ? undefined : q.boundaries === 'AS_RECORDED' ? region : catalog.regions.get(region)?.rollupCode ?? undefined;
  const planning = (region: string | undefined) => (region === undefined ? undefined : catalog.regions.get(region)?.planningRegionCode ?? undefined);
  const same = (code: string) => code;

  const p = store.participation;
  const c = store.consultation;
  const isP = q.fact === 'participation';
  const place = isP ? { column: p.region as Column, source: dict.region, region: same } : { column: c.site as Column, source: dict.institution, region: regionOfSite };

  // Axes of the plain (single-valued, not time) dimensions, in the plan's order.
  const axes: (Axis | 'time' | 'groups')[] = q.dimensions.map((d) => {
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
        return axisFrom(isP ? p.institution : c.institution, dict.institution, same);
      case 'SITE':
        return axisFrom(c.site, dict.institution, same);
      case 'PROGRAMME':
        return axisFrom(isP ? p.programme : c.programme, dict.programme, same);
      case 'GENDER':
        return axisFrom(p.gender, dict.gender, same);
      case 'AGE_BAND':
        return axisFrom(p.ageBand, dict.ageBand, same);
      case 'OUTCOME':
        return axisFrom(p.outcome, dict.outcome, same);
      case 'CONSULTATION_STAGE':
        return axisFrom(c.stage, dict.stage, same);
      case 'CONSULTATION_FORMAT':
        return axisFrom(c.format, dict.format, same);
      case 'CONSULTATION_MODE':
        return axisFrom(c.mode, dict.mode, same);
      case 'DATASET':
        return axisFrom(isP ? p.dataset : c.dataset, dict.dataset, same);
    }
  });
  const plain = axes.filter((a): a is Axis => typeof a === 'object');
  const hasGroups = axes.includes('groups');
  const groupCodes = dict.targetGroup.codes;
  const nb = q.buckets.length;
  const nGroups = hasGroups ? Math.max(groupCodes.length, 1) : 1;
  const nPlain = plain.reduce((n, a) => n * Math.max(a.codes.length, 1), 1);
  const cells = nPlain * nGroups * nb;
  if (cells > MAX_CELLS) return undefined;

  // Filters as flags over each column's ids.
  const f = q.filters;
  const checks: { column: Column; ok: Uint8Array }[] = [];
  const check = (column: Column, source: Dictionary, codes: string[] | undefined, map: (code: string) => string | undefined = same) => {
    if (!codes) return;
    const set = new Set(codes);
    const ok = new Uint8Array(source.size);
    source.codes.forEach((code, id) => {
      const mapped = map(code);
      ok[id] = mapped !== undefined && set.has(mapped) ? 1 : 0;
    });
    checks.push({ column, ok });
  };
  check(isP ? p.programme : c.programme, dict.programme, f.programmes);
  check(isP ? p.institution : c.institution, dict.institution, f.institutions);
  check(place.column, place.source, f.regions, place.region);
  check(isP ? p.dataset : c.dataset, dict.dataset, f.datasets);
  check(isP ? p.dataset : c.dataset, dict.dataset, q.datasetIds);
  if (isP) {
    check(p.gender, dict.gender, f.genders);
    check(p.ageBand, dict.ageBand, f.ageBands);
    check(p.outcome, dict.outcome, f.outcomes);
  } else {
    check(c.site, dict.institution, f.sites);
    check(c.stage, dict.stage, f.stages);
    check(c.format, dict.format, f.formats);
    check(c.mode, dict.mode, f.modes);
  }
  let groupFilter = 0;
  for (const code of f.targetGroups ?? []) {
    const bit = dict.targetGroup.find(code);
    if (bit !== undefined) groupFilter |= 1 << bit;
  }
  const filterGroups = f.targetGroups !== undefined;

  const own = q.own ? new Set(q.own) : undefined;
  const ownInstitution = own ? Uint8Array.from(dict.institution.codes, (code) => (own.has(code) ? 1 : 0)) : undefined;

  // Day → bucket, over the period.
  const fromDay = dayOf(q.from);
  const toDay = dayOf(q.to);
  const bucketStart = Int32Array.from(q.buckets, (b) => dayOf(b.start));
  const bucketEnd = Int32Array.from(q.buckets, (b) => dayOf(b.end));
  const bucketOfDay = new Int32Array(toDay - fromDay + 1);
  for (let b = 0; b < nb; b++) bucketOfDay.fill(b, bucketStart[b] - fromDay, bucketEnd[b] - fromDay + 1);

  const rowsIn = new Int32Array(cells);
  const foreign = new Int32Array(cells);
  const datasetSeen = new Uint8Array(dict.dataset.size);
  const plainStride = plain.map((_, i) => plain.slice(i + 1).reduce((n, a) => n * Math.max(a.codes.length, 1), 1));

  // Column at a time (tight loops over one typed array each): every row's cell before group and bucket,
  // or FILTERED when a filter rejects it, or UNMAPPED when a grouping axis has no position for it (such a
  // row still counts in the totals, as it does in SQL, where only the grouped statement joins for it).
  const n = isP ? p.n : c.n;
  const base = new Int32Array(n);
  for (const { column, ok } of checks) {
    for (let i = 0; i < n; i++) if (ok[column[i]] === 0) base[i] = FILTERED;
  }
  plain.forEach(({ column, position }, k) => {
    const stride = plainStride[k];
    for (let i = 0; i < n; i++) {
      if (base[i] < 0) continue;
      const pos = position[column[i]];
      base[i] = pos < 0 ? UNMAPPED : base[i] + pos * stride;
    }
  });

  const values: Partial<Record<Measure, Int32Array>> = {};
  const totals: Partial<Record<Measure, number>> = {};
  let totalForeign = 0;

  if (isP) {
    const participants = new Int32Array(cells);
    const newcomers = new Int32Array(cells);
    const reintegrated = new Int32Array(cells);
    const lastP = new Int32Array(cells).fill(-1);
    const lastR = new Int32Array(cells).fill(-1);
    let tP = 0, tN = 0, tR = 0, lastTP = -1, lastTR = -1;
    for (let i = 0; i < p.n; i++) {
      const entry = p.entry[i];
      const exit = p.exit[i];
      if (entry > toDay || exit < fromDay) continue;
      const cellBase = base[i];
      if (cellBase === FILTERED) continue;
      if (filterGroups && (p.groups[i] & groupFilter) === 0) continue;
      const person = p.person[i];
      const isForeign = ownInstitution !== undefined && ownInstitution[p.institution[i]] === 0;
      const reint = p.reintegrated[i] === 1;
      const outcomeDay = p.outcomeDay[i];
      datasetSeen[p.dataset[i]] = 1;
      if (lastTP !== person) (tP++, (lastTP = person));
      if (entry >= fromDay) tN++;
      if (reint && outcomeDay >= fromDay && outcomeDay <= toDay && lastTR !== person) (tR++, (lastTR = person));
      if (isForeign) totalForeign++;
      if (cellBase < 0) continue;
      const first = entry <= fromDay ? 0 : bucketOfDay[entry - fromDay];
      // One pass per group the episode is in (each set bit), or a single pass without the dimension.
      for (let bits = hasGroups ? p.groups[i] : 1; bits !== 0; bits &= bits - 1) {
        const g = hasGroups ? 31 - Math.clz32(bits & -bits) : 0;
        const offset = (cellBase * nGroups + g) * nb;
        for (let b = first; b < nb && bucketStart[b] <= exit; b++) {
          const cell = offset + b;
          rowsIn[cell]++;
          if (lastP[cell] !== person) (participants[cell]++, (lastP[cell] = person));
          if (entry >= bucketStart[b]) newcomers[cell]++;
          if (reint && outcomeDay >= bucketStart[b] && outcomeDay <= bucketEnd[b] && lastR[cell] !== person) (reintegrated[cell]++, (lastR[cell] = person));
          if (isForeign) foreign[cell]++;
        }
      }
    }
    Object.assign(values, { PARTICIPANTS: participants, NEW_PARTICIPANTS: newcomers, REINTEGRATED: reintegrated });
    Object.assign(totals, { PARTICIPANTS: tP, NEW_PARTICIPANTS: tN, REINTEGRATED: tR });
  } else {
    const ownSite = c.site;
    const consultations = new Int32Array(cells);
    const persons = new Int32Array(cells);
    const lastC = new Int32Array(cells).fill(-1);
    const siteCount = dict.institution.size;
    if (cells * siteCount > MAX_CELLS * 8) return undefined;
    const siteSeen = new Uint8Array(cells * siteCount);
    const sites = new Int32Array(cells);
    const totalSites = new Uint8Array(siteCount);
    let tC = 0, tPersons = 0, tSites = 0, lastTC = -1;
    for (let i = 0; i < c.n; i++) {
      const day = c.day[i];
      if (day > toDay || day < fromDay) continue;
      const cellBase = base[i];
      if (cellBase === FILTERED) continue;
      const person = c.person[i];
      const site = c.site[i];
      const isForeign = ownInstitution !== undefined && ownInstitution[c.institution[i]] === 0 && ownInstitution[ownSite[i]] === 0;
      datasetSeen[c.dataset[i]] = 1;
      tC++;
      if (lastTC !== person) (tPersons++, (lastTC = person));
      if (totalSites[site] === 0) (tSites++, (totalSites[site] = 1));
      if (isForeign) totalForeign++;
      if (cellBase < 0) continue;
      const cell = cellBase * nb + bucketOfDay[day - fromDay];
      rowsIn[cell]++;
      consultations[cell]++;
      if (lastC[cell] !== person) (persons[cell]++, (lastC[cell] = person));
      if (siteSeen[cell * siteCount + site] === 0) (sites[cell]++, (siteSeen[cell * siteCount + site] = 1));
      if (isForeign) foreign[cell]++;
    }
    Object.assign(values, { CONSULTATIONS: consultations, CONSULTED_PERSONS: persons, CONSULTATION_SITES: sites });
    Object.assign(totals, { CONSULTATIONS: tC, CONSULTED_PERSONS: tPersons, CONSULTATION_SITES: tSites });
  }

  // Back from cell numbers to codes, in the plan's dimension order.
  const rows: ScanResult['rows'] = [];
  if (q.dimensions.length > 0) {
    for (let cell = 0; cell < cells; cell++) {
      if (rowsIn[cell] === 0) continue;
      const b = cell % nb;
      const g = Math.floor(cell / nb) % nGroups;
      let rest = Math.floor(cell / nb / nGroups);
      const plainPos = plain.map((_, k) => {
        const pos = Math.floor(rest / plainStride[k]);
        rest -= pos * plainStride[k];
        return pos;
      });
      let k = 0;
      const key = axes.map((axis) => (axis === 'time' ? q.buckets[b].code : axis === 'groups' ? groupCodes[g] : axis.codes[plainPos[k++]]));
      const rowValues: Partial<Record<Measure, number>> = {};
      for (const [m, column] of Object.entries(values) as [Measure, Int32Array][]) rowValues[m] = column[cell];
      rows.push({ key, values: rowValues, foreign: foreign[cell] });
    }
  }
  return { rows, totals, totalForeign, datasets: dict.dataset.codes.filter((_, id) => datasetSeen[id] === 1) };
}

