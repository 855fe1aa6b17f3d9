import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { isSqlite, sqliteFilename, type Db } from '../../db/connection';

/*
 * The facts as typed-array columns in memory, every code replaced by a small integer and every date by a
 * day number, with rows ordered by person. That order is what makes exact distinct counts cheap: all of
 * a person's rows are adjacent, so "has this person been counted in this cell yet" is a comparison with
 * the last person counted there (see count.ts). Within a person, episodes are in order of entry.
 */

/** Codes of one column, numbered in order of first appearance. */
export class Dictionary {
  readonly codes: string[] = [];
  private readonly index = new Map<string, number>();

  id(code: string): number {
    let id = this.index.get(code);
    if (id === undefined) {
      id = this.codes.length;
      this.codes.push(code);
      this.index.set(code, id);
    }
    return id;
  }

  find(code: string): number | undefined {
    return this.index.get(code);
  }

  get size(): number {
    return this.codes.length;
  }
}

export const NO_DAY = 0x7fffffff;

const days = new Map<string, number>();

/** Days since 1970-01-01 of an ISO date; the same order as the strings. Few distinct dates recur millions of times. */
export function dayOf(iso: string): number {
  let day = days.get(iso);
  if (day === undefined) {
    day = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
    if (days.size < 100_000) days.set(iso, day);
  }
  return day;
}

/** The ISO date of a day number (`dayOf`'s inverse). */
const isoOfDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * The first and last dates of a store's rows (entries, exits and consultations): what `readExtent` reads
 * by SQL from the same rows, worked out from the columns in a few milliseconds instead.
 */
export function storeExtent(store: ColumnStore): { from: string; to: string } | undefined {
  const { participation: p, consultation: c } = store;
  let first = NO_DAY;
  let last = -1;
  for (let i = 0; i < p.n; i++) {
    const entry = p.entry[i];
    const exit = p.exit[i];
    if (entry < first) first = entry;
    if (entry > last) last = entry;
    if (exit !== NO_DAY && exit > last) last = exit;
  }
  for (let i = 0; i < c.n; i++) {
    const day = c.day[i];
    if (day < first) first = day;
    if (day > last) last = day;
  }
  return first === NO_DAY ? undefined : { from: isoOfDay(first), to: isoOfDay(last) };
}

/** Dictionaries shared by both facts, so one filter code maps to one number everywhere. */
export interface Dictionaries {
  programme: Dictionary;
  institution: Dictionary;
  region: Dictionary;
  dataset: Dictionary;
  targetGroup: Dictionary;
  gender: Dictionary;
  ageBand: Dictionary;
  outcome: Dictionary;
  stage: Dictionary;
  format: Dictionary;
  mode: Dictionary;
}

export interface ParticipationColumns {
  n: number;
  person: Int32Array;
  entry: Int32Array;
  exit: Int32Array;
  outcomeDay: Int32Array;
  reintegrated: Uint8Array;
  outcome: Uint8Array;
  programme: Uint16Array;
  institution: Uint16Array;
  region: Uint16Array;
  gender: Uint8Array;
  ageBand: Uint8Array;
  dataset: Uint16Array;
  /** The episode's target groups and their parents, one bit per targetGroup dictionary id. */
  groups: Uint32Array;
}

export interface ConsultationColumns {
  n: number;
  person: Int32Array;
  day: Int32Array;
  programme: Uint16Array;
  institution: Uint16Array;
  site: Uint16Array;
  stage: Uint8Array;
  format: Uint8Array;
  mode: Uint8Array;
  dataset: Uint16Array;
}

export interface ColumnStore {
  version: string;
  dict: Dictionaries;
  participation: ParticipationColumns;
  consultation: ConsultationColumns;
}

/** Rows per page read: small enough that handling one page keeps the event loop busy for a few milliseconds only. */
const PAGE = 10_000;
/** At most 32 target groups fit the bitmask; more would need a wider column. */
const MAX_GROUPS = 32;

/**
 * Reads a table page by page (by id) as arrays of values in the order of `columns`, so a load never holds
 * a whole result set or blocks for long. SQLite is read through a separate read-only connection (WAL lets
 * it read while the server's connection writes) in raw-array mode, three times faster than row objects.
 */
async function* pages(db: Db, table: string, columns: string[], key: string[] = ['id']): AsyncGenerator<unknown[][]> {
  // Keyset paging on the leading columns, which are the table's key: (id) or (participation_id, target_group_code).
  const cursor = key.length === 1 ? `${key[0]} > ?` : `(${key.join(', ')}) > (${key.map(() => '?').join(', ')})`;
  const sql = `SELECT ${columns.join(', ')} FROM ${table} WHERE ${cursor} ORDER BY ${key.join(', ')} LIMIT ${PAGE}`;
  const next = (rows: unknown[][]) => key.map((_, i) => rows[rows.length - 1][i]);
  let after: unknown[] = key.map((_, i) => (i === 0 ? 0 : ''));
  if (isSqlite(db)) {
    const reader = new Database(sqliteFilename(db)!, { readonly: true });
    try {
      const statement = reader.prepare(sql).raw(true);
      for (;;) {
        const rows = statement.all(...after) as unknown[][];
        if (rows.length === 0) return;
        yield rows;
        after = next(rows);
        await yieldToEventLoop();
      }
    } finally {
      reader.close();
    }
  }
  for (;;) {
    const result = await db.raw(sql, after as string[]).options({ rowMode: 'array' });
    const rows = (result as { rows: unknown[][] }).rows;
    if (rows.length === 0) return;
    yield rows;
    after = next(rows);
  }
}

type Typed = Int32Array | Uint16Array | Uint8Array | Uint32Array;

/** The first n rows of each column in the given order, a column at a time with a turn of the event loop between them. */
async function reorder<C extends Record<string, Typed>>(columns: C, n: number, order: Int32Array): Promise<C> {
  const out: Record<string, Typed> = {};
  for (const [name, column] of Object.entries(columns)) {
    out[name] = permute(column.subarray(0, n), order);
    await yieldToEventLoop();
  }
  return out as C;
}

/**
 * Orders row indices by person with a counting sort (O(rows), no comparisons), and each person's rows by
 * `then` (a few rows per person, so an insertion sort): the scan's counting of active persons relies on
 * meeting a person's episodes in order of entry (count.ts).
 */
function byPerson(person: Int32Array, n: number, persons: number, then?: Int32Array): Int32Array {
  const start = new Int32Array(persons + 1);
  for (let i = 0; i < n; i++) start[person[i] + 1]++;
  for (let p = 0; p < persons; p++) start[p + 1] += start[p];
  const next = start.slice();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[person[i]]++] = i;
  if (then) {
    for (let p = 0; p < persons; p++) {
      for (let k = start[p] + 1; k < start[p + 1]; k++) {
        const row = order[k];
        let j = k - 1;
        for (; j >= start[p] && then[order[j]] > then[row]; j--) order[j + 1] = order[j];
        order[j + 1] = row;
      }
    }
  }
  return order;
}

/** The final columns are in shared memory, which the scan workers read without a copy (pool.ts). */
function permute<T extends Int32Array | Uint16Array | Uint8Array | Uint32Array>(column: T, order: Int32Array): T {
  const out = new (column.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(order.length * column.BYTES_PER_ELEMENT));
  for (let i = 0; i < order.length; i++) out[i] = column[order[i]];
  return out;
}

function grow<T extends Int32Array | Uint16Array | Uint8Array | Uint32Array>(column: T, size: number): T {
  if (size <= column.length) return column;
  const out = new (column.constructor as new (n: number) => T)(Math.max(size, column.length * 2));
  out.set(column);
  return out;
}

export async function loadColumnStore(db: Db, version: string, parentOf: (group: string) => string | null): Promise<ColumnStore> {
  const dict: Dictionaries = {
    programme: new Dictionary(),
    institution: new Dictionary(),
    region: new Dictionary(),
    dataset: new Dictionary(),
    targetGroup: new Dictionary(),
    gender: new Dictionary(),
    ageBand: new Dictionary(),
    outcome: new Dictionary(),
    stage: new Dictionary(),
    format: new Dictionary(),
    mode: new Dictionary(),
  };
  return { version, dict, participation: await loadParticipation(db, dict, parentOf), consultation: await loadConsultation(db, dict) };
}

async function loadParticipation(db: Db, dict: Dictionaries, parentOf: (group: string) => string | null): Promise<ParticipationColumns> {
  const persons = new Dictionary();
  let cap = PAGE;
  let c = {
    id: new Int32Array(cap), person: new Int32Array(cap), entry: new Int32Array(cap), exit: new Int32Array(cap),
    outcomeDay: new Int32Array(cap), reintegrated: new Uint8Array(cap), outcome: new Uint8Array(cap),
    programme: new Uint16Array(cap), institution: new Uint16Array(cap), region: new Uint16Array(cap),
    gender: new Uint8Array(cap), ageBand: new Uint8Array(cap), dataset: new Uint16Array(cap),
  };
  let n = 0;
  const columns = ['id', 'person_key', 'entry_date', 'exit_date', 'outcome', 'outcome_date', 'programme_code', 'institution_code', 'region_code', 'gender', 'age_band', 'dataset_id'];
  for await (const rows of pages(db, 'participation', columns)) {
    if (n + rows.length > cap) {
      cap = Math.max(cap * 2, n + rows.length);
      c = Object.fromEntries(Object.entries(c).map(([k, v]) => [k, grow(v, cap)])) as typeof c;
    }
    for (const r of rows as [number, string, string, string | null, string, string | null, string, string, string, string, string, string][]) {
      const [id, person, entry, exit, outcome, outcomeDate, programme, institution, region, gender, ageBand, dataset] = r;
      c.id[n] = Number(id);
      c.person[n] = persons.id(person);
      c.entry[n] = dayOf(entry);
      c.exit[n] = exit ? dayOf(exit) : NO_DAY;
      c.outcomeDay[n] = outcomeDate ? dayOf(outcomeDate) : -1;
      c.reintegrated[n] = outcome === 'EMPLOYMENT' || outcome === 'EDUCATION' ? 1 : 0;
      c.outcome[n] = dict.outcome.id(outcome);
      c.programme[n] = dict.programme.id(programme);
      c.institution[n] = dict.institution.id(institution);
      c.region[n] = dict.region.id(region);
      c.gender[n] = dict.gender.id(gender);
      c.ageBand[n] = dict.ageBand.id(ageBand);
      c.dataset[n] = dict.dataset.id(dataset);
      n++;
    }
  }

  // Target groups: each episode's groups and their parents, as in the SQL dimension's closure.
  const maxId = n ? c.id.subarray(0, n).reduce((a, b) => Math.max(a, b), 0) : 0;
  const rowOfId = new Int32Array(maxId + 1).fill(-1);
  for (let i = 0; i < n; i++) rowOfId[c.id[i]] = i;
  const groups = new Uint32Array(n);
  const bitOf = new Map<string, number>();
  for await (const rows of pages(db, 'participation_target_group', ['participation_id', 'target_group_code'], ['participation_id', 'target_group_code'])) {
    for (const [id, code] of rows as [number, string][]) {
      let bits = bitOf.get(code);
      if (bits === undefined) {
        bits = 0;
        for (let g: string | null = code; g; g = parentOf(g)) {
          const bit = dict.targetGroup.id(g);
          if (bit >= MAX_GROUPS) throw new Error(`more than ${MAX_GROUPS} target groups do not fit the in-memory rollup`);
          bits |= 1 << bit;
        }
        bitOf.set(code, bits);
      }
      const row = rowOfId[Number(id)];
      if (row >= 0) groups[row] |= bits;
    }
  }

  const order = byPerson(c.person, n, persons.size, c.entry);
  const { id: _id, ...facts } = c;
  return { n, ...(await reorder({ ...facts, groups }, n, order)) };
}

async function loadConsultation(db: Db, dict: Dictionaries): Promise<ConsultationColumns> {
  const persons = new Dictionary();
  let cap = PAGE;
  let c = {
    person: new Int32Array(cap), day: new Int32Array(cap), programme: new Uint16Array(cap), institution: new Uint16Array(cap),
    site: new Uint16Array(cap), stage: new Uint8Array(cap), format: new Uint8Array(cap), mode: new Uint8Array(cap), dataset: new Uint16Array(cap),
  };
  let n = 0;
  const columns = ['id', 'person_key', 'date', 'programme_code', 'institution_code', 'site_code', 'stage', 'format', 'mode', 'dataset_id'];
  for await (const rows of pages(db, 'consultation', columns)) {
    if (n + rows.length > cap) {
      cap = Math.max(cap * 2, n + rows.length);
      c = Object.fromEntries(Object.entries(c).map(([k, v]) => [k, grow(v, cap)])) as typeof c;
    }
    for (const [, person, date, programme, institution, site, stage, format, mode, dataset] of rows as string[][]) {
      c.person[n] = persons.id(person);
      c.day[n] = dayOf(date);
      c.programme[n] = dict.programme.id(programme);
      c.institution[n] = dict.institution.id(institution);
      c.site[n] = dict.institution.id(site);
      c.stage[n] = dict.stage.id(stage);
      c.format[n] = dict.format.id(format);
      c.mode[n] = dict.mode.id(mode);
      c.dataset[n] = dict.dataset.id(dataset);
      n++;
    }
  }
  const order = byPerson(c.person, n, persons.size);
  return { n, ...(await reorder(c, n, order)) };
}
