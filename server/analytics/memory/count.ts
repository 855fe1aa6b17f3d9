import type { ConsultationColumns, ParticipationColumns } from './columns';

/*
 * The hot loops of a rollup scan, over one range of rows, with everything that depends on codes already
 * resolved to numbers (scan.ts compiles a query into a `CountPlan`). This module imports nothing and keeps
 * no state, so the same function runs on the main thread and in the scan workers (pool.ts), each worker on
 * its own range of persons. Rows are ordered by person and ranges start at person boundaries, so no person
 * is in two ranges: distinct-person counts of the ranges add up exactly (`mergeCounts`). Distinct sites do
 * not, so each range reports which sites it saw per cell and the merge counts their union.
 */

export type FactColumns = { participation: ParticipationColumns; consultation: ConsultationColumns };

/** A query compiled to numbers: filters as flags over column ids, grouping axes as positions, buckets as days. */
export interface CountPlan {
  fact: 'participation' | 'consultation';
  /** Cells: plain axes × target groups × buckets, in that order of significance. */
  cells: number;
  buckets: number;
  groups: number;
  hasGroups: boolean;
  /** A row passes when ok[column[row]] is 1 for every check. */
  checks: { column: string; ok: Uint8Array }[];
  /** A row's cell adds position[column[row]] × stride per axis; -1 leaves the row out of the grouped cells. */
  axes: { column: string; position: Int32Array; stride: number }[];
  /** With a target-group filter: the groups' bits (an episode passes when it shares one). */
  groupFilter: number | undefined;
  /** For a manager's view: 1 for their own institutions' ids; rows of others are counted as foreign. */
  ownInstitution: Uint8Array | undefined;
  fromDay: number;
  toDay: number;
  bucketStart: Int32Array;
  bucketEnd: Int32Array;
  /** Day − fromDay → bucket. */
  bucketOfDay: Int32Array;
  datasets: number;
  sites: number;
}

export interface Counts {
  /** Rows counted per cell (a cell with none is not a result row). */
  rowsIn: Int32Array;
  foreign: Int32Array;
  values: Record<string, Int32Array>;
  totals: Record<string, number>;
  totalForeign: number;
  datasetSeen: Uint8Array;
  /** Consultations: sites seen per cell (cell × sites + site) and in all; their union is the distinct count. */
  siteSeen?: Uint8Array;
  totalSiteSeen?: Uint8Array;
}

const FILTERED = -2;
const UNMAPPED = -1;

type Column = ArrayLike<number>;

/** Counts rows [lo, hi) of the plan's fact. */
export function countRange(facts: FactColumns, plan: CountPlan, lo: number, hi: number): Counts {
  const columns = facts[plan.fact] as unknown as Record<string, Column>;
  const n = hi - lo;

  // Column at a time (tight loops over one typed array each): every row's cell before group and bucket,
  // or FILTERED when a filter rejects it, or UNMAPPED when a grouping axis has no position for it (such a
  // row still counts in the totals, as it does in SQL, where only the grouped statement joins for it).
  const base = new Int32Array(n);
  for (const { column, ok } of plan.checks) {
    const values = columns[column];
    for (let i = 0; i < n; i++) if (ok[values[lo + i]] === 0) base[i] = FILTERED;
  }
  for (const { column, position, stride } of plan.axes) {
    const values = columns[column];
    for (let i = 0; i < n; i++) {
      if (base[i] < 0) continue;
      const pos = position[values[lo + i]];
      base[i] = pos < 0 ? UNMAPPED : base[i] + pos * stride;
    }
  }
  return plan.fact === 'participation' ? countEpisodes(facts.participation, plan, lo, hi, base) : countConsultations(facts.consultation, plan, lo, hi, base);
}

function countEpisodes(p: ParticipationColumns, plan: CountPlan, lo: number, hi: number, base: Int32Array): Counts {
  const { cells, buckets: nb, groups: nGroups, hasGroups, fromDay, toDay, bucketStart, bucketEnd, bucketOfDay, ownInstitution } = plan;
  const groupFilter = plan.groupFilter ?? 0;
  const filterGroups = plan.groupFilter !== undefined;
  const rowsIn = new Int32Array(cells);
  const foreign = new Int32Array(cells);
  const datasetSeen = new Uint8Array(plan.datasets);
  const participants = new Int32Array(cells);
  const newcomers = new Int32Array(cells);
  const reintegrated = new Int32Array(cells);
  const lastP = new Int32Array(cells).fill(-1);
  const lastR = new Int32Array(cells).fill(-1);
  let tP = 0, tN = 0, tR = 0, lastTP = -1, lastTR = -1, totalForeign = 0;
  for (let i = lo; i < hi; i++) {
    const entry = p.entry[i];
    const exit = p.exit[i];
    if (entry > toDay || exit < fromDay) continue;
    const cellBase = base[i - lo];
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
  return {
    rowsIn,
    foreign,
    values: { PARTICIPANTS: participants, NEW_PARTICIPANTS: newcomers, REINTEGRATED: reintegrated },
    totals: { PARTICIPANTS: tP, NEW_PARTICIPANTS: tN, REINTEGRATED: tR },
    totalForeign,
    datasetSeen,
  };
}

function countConsultations(c: ConsultationColumns, plan: CountPlan, lo: number, hi: number, base: Int32Array): Counts {
  const { cells, buckets: nb, fromDay, toDay, bucketOfDay, ownInstitution, sites: siteCount } = plan;
  const rowsIn = new Int32Array(cells);
  const foreign = new Int32Array(cells);
  const datasetSeen = new Uint8Array(plan.datasets);
  const consultations = new Int32Array(cells);
  const persons = new Int32Array(cells);
  const lastC = new Int32Array(cells).fill(-1);
  const siteSeen = new Uint8Array(cells * siteCount);
  const totalSiteSeen = new Uint8Array(siteCount);
  let tC = 0, tPersons = 0, lastTC = -1, totalForeign = 0;
  for (let i = lo; i < hi; i++) {
    const day = c.day[i];
    if (day > toDay || day < fromDay) continue;
    const cellBase = base[i - lo];
    if (cellBase === FILTERED) continue;
    const person = c.person[i];
    const site = c.site[i];
    const isForeign = ownInstitution !== undefined && ownInstitution[c.institution[i]] === 0 && ownInstitution[site] === 0;
    datasetSeen[c.dataset[i]] = 1;
    tC++;
    if (lastTC !== person) (tPersons++, (lastTC = person));
    totalSiteSeen[site] = 1;
    if (isForeign) totalForeign++;
    if (cellBase < 0) continue;
    const cell = cellBase * nb + bucketOfDay[day - fromDay];
    rowsIn[cell]++;
    consultations[cell]++;
    if (lastC[cell] !== person) (persons[cell]++, (lastC[cell] = person));
    siteSeen[cell * siteCount + site] = 1;
    if (isForeign) foreign[cell]++;
  }
  return {
    rowsIn,
    foreign,
    values: { CONSULTATIONS: consultations, CONSULTED_PERSONS: persons },
    totals: { CONSULTATIONS: tC, CONSULTED_PERSONS: tPersons },
    totalForeign,
    datasetSeen,
    siteSeen,
    totalSiteSeen,
  };
}

/** Adds the counts of disjoint person ranges; distinct sites are counted from the union of the ranges' sites. */
export function mergeCounts(parts: Counts[], plan: CountPlan): Counts {
  const [first, ...rest] = parts;
  for (const part of rest) {
    addInto(first.rowsIn, part.rowsIn);
    addInto(first.foreign, part.foreign);
    for (const [m, column] of Object.entries(part.values)) addInto(first.values[m], column);
    for (const [m, value] of Object.entries(part.totals)) first.totals[m] += value;
    first.totalForeign += part.totalForeign;
    orInto(first.datasetSeen, part.datasetSeen);
    if (part.siteSeen) orInto(first.siteSeen!, part.siteSeen);
    if (part.totalSiteSeen) orInto(first.totalSiteSeen!, part.totalSiteSeen);
  }
  if (first.siteSeen && first.totalSiteSeen) {
    const sites = new Int32Array(plan.cells);
    const seen = first.siteSeen;
    for (let cell = 0, k = 0; cell < plan.cells; cell++) for (let s = 0; s < plan.sites; s++, k++) sites[cell] += seen[k];
    first.values.CONSULTATION_SITES = sites;
    first.totals.CONSULTATION_SITES = first.totalSiteSeen.reduce((a, b) => a + b, 0);
  }
  return first;
}

function addInto(target: Int32Array, source: Int32Array): void {
  for (let i = 0; i < target.length; i++) target[i] += source[i];
}

function orInto(target: Uint8Array, source: Uint8Array): void {
  for (let i = 0; i < target.length; i++) target[i] |= source[i];
}

/** Splits rows 0..n into about `parts` ranges of equal size, each starting where a new person starts. */
export function personRanges(person: Int32Array, n: number, parts: number): [number, number][] {
  const ranges: [number, number][] = [];
  let lo = 0;
  for (let k = 1; k <= parts && lo < n; k++) {
    let hi = k === parts ? n : Math.max(lo, Math.floor((n * k) / parts));
    while (hi < n && hi > 0 && person[hi] === person[hi - 1]) hi++;
    if (hi > lo) ranges.push([lo, hi]);
    lo = hi;
  }
  return ranges.length ? ranges : [[0, 0]];
}
