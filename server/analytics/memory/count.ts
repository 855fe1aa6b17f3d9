import type { ConsultationColumns, ParticipationColumns } from './columns';

/*
 * The hot loops of a rollup scan, over one range of rows, with everything that depends on codes already
 * resolved to numbers (scan.ts compiles a query into a `CountPlan`). This module imports nothing and keeps
 * nothing between calls but scratch space, so the same function runs on the main thread and in the scan
 * workers (pool.ts), each worker on its own range of persons. Rows are ordered by person and ranges start at person boundaries, so no person
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

const UNMAPPED = -1;

type Column = ArrayLike<number>;

/**
 * Scratch space of this thread, reused by every scan: a fresh array per query would cost its page faults
 * and zeroing (40 MB at ten million rows) each time. Scans run to completion without yielding, so one
 * thread never has two scans using it at once.
 */
let scratch = { selected: new Int32Array(0), cell: new Int32Array(0) };
function scratchFor(n: number) {
  if (scratch.selected.length < n) scratch = { selected: new Int32Array(n), cell: new Int32Array(n) };
  return scratch;
}

/** Counts rows [lo, hi) of the plan's fact. */
export function countRange(facts: FactColumns, plan: CountPlan, lo: number, hi: number): Counts {
  const columns = facts[plan.fact] as unknown as Record<string, Column>;
  const { selected, cell } = scratchFor(hi - lo);

  // Column at a time, each a tight loop over one typed array: first the rows in the period, then those
  // that pass each filter (every pass visits only the rows still selected), then each selected row's cell
  // before group and bucket, or UNMAPPED when a grouping axis has no position for it (such a row still
  // counts in the totals, as it does in SQL, where only the grouped statement joins for it).
  let count = plan.fact === 'participation' ? selectEpisodes(facts.participation, plan, lo, hi, selected) : selectConsultations(facts.consultation, plan, lo, hi, selected);
  for (const { column, ok } of plan.checks) {
    const values = columns[column];
    let kept = 0;
    for (let j = 0; j < count; j++) {
      const i = selected[j];
      if (ok[values[i]] === 1) selected[kept++] = i;
    }
    count = kept;
  }
  cell.fill(0, 0, count);
  for (const { column, position, stride } of plan.axes) {
    const values = columns[column];
    for (let j = 0; j < count; j++) {
      if (cell[j] < 0) continue;
      const pos = position[values[selected[j]]];
      cell[j] = pos < 0 ? UNMAPPED : cell[j] + pos * stride;
    }
  }
  return plan.fact === 'participation' ? countEpisodes(facts.participation, plan, selected, cell, count) : countConsultations(facts.consultation, plan, selected, cell, count);
}

/** Episodes active in the period (and in one of the filtered target groups), into `selected`; returns how many. */
function selectEpisodes(p: ParticipationColumns, plan: CountPlan, lo: number, hi: number, selected: Int32Array): number {
  const { fromDay, toDay, groupFilter } = plan;
  const { entry, exit, groups } = p;
  let count = 0;
  for (let i = lo; i < hi; i++) if (entry[i] <= toDay && exit[i] >= fromDay) selected[count++] = i;
  if (groupFilter === undefined) return count;
  let kept = 0;
  for (let j = 0; j < count; j++) if ((groups[selected[j]] & groupFilter) !== 0) selected[kept++] = selected[j];
  return kept;
}

function selectConsultations(c: ConsultationColumns, plan: CountPlan, lo: number, hi: number, selected: Int32Array): number {
  const { fromDay, toDay } = plan;
  const days = c.day;
  let count = 0;
  for (let i = lo; i < hi; i++) {
    const day = days[i];
    if (day >= fromDay && day <= toDay) selected[count++] = i;
  }
  return count;
}

/*
 * Episodes: a person is active in every bucket from their entry's to their exit's. Instead of visiting each
 * of those buckets, an episode adds +1 at its first bucket and −1 after its last, and one sum along the
 * buckets at the end gives the counts: one step per episode, however long the period or fine the grain.
 * Distinct persons use the same trick: a person's episodes come in order of entry (columns.ts), so the
 * buckets a person already covers in a cell end at `lastEnd`, and a later episode adds only what lies beyond.
 */
function countEpisodes(p: ParticipationColumns, plan: CountPlan, selected: Int32Array, cellOf: Int32Array, count: number): Counts {
  const { cells, buckets: nb, groups: nGroups, hasGroups, fromDay, toDay, bucketOfDay, ownInstitution } = plan;
  const lines = cells / nb;
  // Per line (a cell without its bucket): nb + 1 slots of changes, the last taking the −1 after the last bucket.
  const span = nb + 1;
  const rowChanges = new Int32Array(lines * span);
  const foreignChanges = new Int32Array(lines * span);
  const personChanges = new Int32Array(lines * span);
  const lastPerson = new Int32Array(lines).fill(-1);
  const lastEnd = new Int32Array(lines);
  const newcomers = new Int32Array(cells);
  const reintegrated = new Int32Array(cells);
  const lastReintegrated = new Int32Array(cells).fill(-1);
  const datasetSeen = new Uint8Array(plan.datasets);
  // Columns as locals: the store's objects may be in V8's slow dictionary mode, and a property read per row costs more than the row.
  const { entry: entries, exit: exits, person: persons, institution, outcomeDay: outcomeDays, reintegrated: reintegratedFlags, dataset, groups } = p;
  let tP = 0, tN = 0, tR = 0, lastTP = -1, lastTR = -1, totalForeign = 0;
  for (let j = 0; j < count; j++) {
    const i = selected[j];
    const entry = entries[i];
    const exit = exits[i];
    const person = persons[i];
    const isForeign = ownInstitution !== undefined && ownInstitution[institution[i]] === 0;
    const outcomeDay = outcomeDays[i];
    const reintegratedInPeriod = reintegratedFlags[i] === 1 && outcomeDay >= fromDay && outcomeDay <= toDay;
    datasetSeen[dataset[i]] = 1;
    if (lastTP !== person) (tP++, (lastTP = person));
    if (entry >= fromDay) tN++;
    if (reintegratedInPeriod && lastTR !== person) (tR++, (lastTR = person));
    if (isForeign) totalForeign++;
    const cellBase = cellOf[j];
    if (cellBase < 0) continue;
    const first = entry <= fromDay ? 0 : bucketOfDay[entry - fromDay];
    const last = exit >= toDay ? nb - 1 : bucketOfDay[exit - fromDay];
    if (last < first) continue;
    const outcomeBucket = reintegratedInPeriod ? bucketOfDay[outcomeDay - fromDay] : -1;
    // Once per group the episode is in (each set bit), or once without the dimension.
    for (let bits = hasGroups ? groups[i] : 1; bits !== 0; bits &= bits - 1) {
      const line = cellBase * nGroups + (hasGroups ? 31 - Math.clz32(bits & -bits) : 0);
      const at = line * span;
      rowChanges[at + first]++;
      rowChanges[at + last + 1]--;
      if (isForeign) (foreignChanges[at + first]++, foreignChanges[at + last + 1]--);
      if (lastPerson[line] !== person) {
        lastPerson[line] = person;
        lastEnd[line] = -1;
      }
      const from = Math.max(first, lastEnd[line] + 1);
      if (from <= last) {
        personChanges[at + from]++;
        personChanges[at + last + 1]--;
        lastEnd[line] = last;
      }
      if (entry >= fromDay) newcomers[line * nb + first]++;
      if (outcomeBucket >= first && outcomeBucket <= last) {
        const cell = line * nb + outcomeBucket;
        if (lastReintegrated[cell] !== person) (reintegrated[cell]++, (lastReintegrated[cell] = person));
      }
    }
  }
  return {
    rowsIn: sumAlong(rowChanges, lines, nb),
    foreign: sumAlong(foreignChanges, lines, nb),
    values: { PARTICIPANTS: sumAlong(personChanges, lines, nb), NEW_PARTICIPANTS: newcomers, REINTEGRATED: reintegrated },
    totals: { PARTICIPANTS: tP, NEW_PARTICIPANTS: tN, REINTEGRATED: tR },
    totalForeign,
    datasetSeen,
  };
}

/** Running sums of each line's changes: the value in each of its nb buckets. */
function sumAlong(changes: Int32Array, lines: number, nb: number): Int32Array {
  const out = new Int32Array(lines * nb);
  for (let line = 0; line < lines; line++) {
    let value = 0;
    for (let b = 0; b < nb; b++) out[line * nb + b] = value += changes[line * (nb + 1) + b];
  }
  return out;
}

function countConsultations(c: ConsultationColumns, plan: CountPlan, selected: Int32Array, cellOf: Int32Array, count: number): Counts {
  const { cells, buckets: nb, fromDay, bucketOfDay, ownInstitution, sites: siteCount } = plan;
  const rowsIn = new Int32Array(cells);
  const foreign = new Int32Array(cells);
  const datasetSeen = new Uint8Array(plan.datasets);
  const consultations = new Int32Array(cells);
  const persons = new Int32Array(cells);
  const lastC = new Int32Array(cells).fill(-1);
  const siteSeen = new Uint8Array(cells * siteCount);
  const totalSiteSeen = new Uint8Array(siteCount);
  const { person: personOf, site: siteOf, institution, dataset, day: days } = c;
  let tPersons = 0, lastTC = -1, totalForeign = 0;
  for (let j = 0; j < count; j++) {
    const i = selected[j];
    const person = personOf[i];
    const site = siteOf[i];
    const isForeign = ownInstitution !== undefined && ownInstitution[institution[i]] === 0 && ownInstitution[site] === 0;
    datasetSeen[dataset[i]] = 1;
    if (lastTC !== person) (tPersons++, (lastTC = person));
    totalSiteSeen[site] = 1;
    if (isForeign) totalForeign++;
    const cellBase = cellOf[j];
    if (cellBase < 0) continue;
    const cell = cellBase * nb + bucketOfDay[days[i] - fromDay];
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
    totals: { CONSULTATIONS: count, CONSULTED_PERSONS: tPersons },
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
