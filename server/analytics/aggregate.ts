import type { Knex } from 'knex';
import { LRUCache } from 'lru-cache';
import type { Catalog } from '../catalog/catalog';
import type { Lang } from '../catalog/models';
import { sqliteFileOnDisk, type Db } from '../db/connection';
import { queryTimeout, serviceUnavailable } from '../errors';
import type { AggregateInput, Dimension, Measure } from '../schema/generated/resolvers-types';
import { dialectOf, type Dialect } from './dialects';
import { readDataState, readExtent, type DataState, type Extent, type ReadRows } from './data-state';
import { labelOf } from './labels';
import { MEASURES } from './model';
import { buckets } from './periods';
import { planQuery, type Plan } from './plan';
import { storeExtent, type ColumnStore } from './memory/columns';
import { Rollup } from './memory/rollup';
import { ScanPool } from './memory/pool';
import { scanFact, type ScanQuery, type ScanResult } from './memory/scan';
import { buildFactStatement, type Statement } from './sql';
import type { ReaderRequest } from './sqlite-reader/protocol';
import { SqliteReaders } from './sqlite-reader/readers';
import { applyDisclosureControl, countSuppressed, TOTAL, type Cell, type Table } from './suppression';
import { rightsOf, seesExactValues, type Viewer } from './viewer';

/** Where exact numbers come from: the in-memory rollup (SQL when it cannot answer) or SQL only. */
export type Engine = 'memory' | 'sql';

/** Runs `work` as a named, timed part of something larger (a request's Server-Timing); by default just runs it. */
export type Timer = <T>(name: string, work: () => Promise<T>) => Promise<T>;
const untimed: Timer = (_name, work) => work();

/** Exact numbers for a plan, before any disclosure control. Rows are sorted by their codes. */
export interface ExactResult {
  plan: Plan;
  from: string;
  to: string;
  rows: { key: string[]; values: Partial<Record<Measure, number | null>>; foreign?: number }[];
  totals: Partial<Record<Measure, number | null>>;
  /** With `own` institutions: rows of the whole result that belong to others. */
  totalForeign?: number;
  /** Datasets with at least one row in the result. */
  datasetIds: string[];
}

export interface AggregateOutput {
  plan: Plan;
  exact: ExactResult;
  rows: { dimensions: { dimension: Dimension; code: string; label: string }[]; measures: { measure: Measure; value: number | null; suppressed: boolean }[] }[];
  totals: { measure: Measure; value: number | null; suppressed: boolean }[];
  suppressedCells: number;
  truncated: boolean;
  synthetic: boolean;
  dataAsOf: string | null;
  from: string;
  to: string;
  /** Whether a total (no rowKey) or a row's cell was suppressed, including rows beyond the limit. */
  isHidden(measure: Measure, rowKey?: string[]): boolean;
}

/**
 * The one way anything in the product asks for numbers: plan (validate and expand) → SQL per fact →
 * merge → ratios → disclosure control → order, limit and labels.
 */
export class Analytics {
  readonly dialect: Dialect;
  private extent: { version: string; value: Extent | undefined } | undefined;
  /**
   * Answers keyed by the data version, so any import (through any replica) makes old entries unreachable,
   * and by what the viewer may see, so nobody gets an answer computed for someone else's rights.
   */
  private readonly cache: LRUCache<string, Promise<AggregateOutput>> | undefined;
  /**
   * Exact results, by data version, the rows the viewer owns (managers) and plan: what an answer is before
   * labels and disclosure control, the same in either language and for the public and officials alike, so a
   * question answered for one (the warm-up's public, in English) costs the others no scan.
   */
  private readonly exacts: LRUCache<string, Promise<ExactResult>> | undefined;
  readonly rollup: Rollup;
  private readonly scans: ScanPool;
  /** On a SQLite file, the processes that run its SQL (sqlite-reader/readers.ts); else the pool's connection does. */
  private readonly readers: SqliteReaders | undefined;
  private closed = false;
  /** Answers computed rather than served from the cache (GET /metrics). */
  answersComputed = 0;
  /** Exact results computed (by a scan or SQL) rather than served from the cache (GET /metrics). */
  exactComputed = 0;

  constructor(
    readonly db: Db,
    readonly catalog: Catalog,
    readonly options: {
      suppressionThreshold: number;
      cacheEntries?: number;
      engine?: Engine;
      /** Worker threads that count the rollup's rows (0: on the calling thread). */
      scanThreads?: number;
      /** The module the scan workers run (tests replace it). */
      scanWorker?: URL;
      onRollupError?: (error: unknown) => void;
      /** On SQLite, reader processes that run the analytics SQL, each killable at the timeout (0: on the pool's connection). */
      sqliteReadProcesses?: number;
      /** On SQLite with reader processes: past this a statement is stopped (PostgreSQL has statement_timeout). */
      queryTimeoutMs?: number;
      /** Told when a reader process stops by itself. */
      onReaderLost?: (error: Error) => void;
    },
  ) {
    this.dialect = dialectOf(db);
    // A scan or load cut short by close() is no failure to report.
    const onRollupError = (error: unknown) => this.closed || options.onRollupError?.(error);
    this.rollup = new Rollup(db, catalog, onRollupError);
    this.scans = new ScanPool(options.scanThreads ?? 0, onRollupError, options.scanWorker);
    if (options.cacheEntries) {
      this.cache = new LRUCache({ max: options.cacheEntries });
      this.exacts = new LRUCache({ max: options.cacheEntries });
    }
    const file = sqliteFileOnDisk(db);
    if (file && options.sqliteReadProcesses) {
      this.readers = new SqliteReaders(file, options.sqliteReadProcesses, { timeoutMs: options.queryTimeoutMs, onReaderLost: options.onReaderLost });
    }
  }

  /** Whether answers are kept (RESPONSE_CACHE_ENTRIES > 0): without, an answer computed ahead is lost. */
  get cachesAnswers(): boolean {
    return this.cache !== undefined;
  }

  async dataState(): Promise<DataState> {
    return this.guard(() => readDataState(this.db));
  }

  /** `time` is told of the exact computation (the scan or SQL) as `compute`, when it runs rather than comes from the cache. */
  async aggregate(input: AggregateInput, lang: Lang, viewer: Viewer, state?: DataState, time: Timer = untimed): Promise<AggregateOutput> {
    state ??= await this.dataState();
    const plan = planQuery(input, this.catalog, new Set(state.datasets.map((d) => d.id)));
    // Keyed by the plan, not the input: the same question however it was written (key order, defaults
    // spelled out or not), so answers computed ahead (warm-up.ts) serve the page's own requests.
    const planKey = JSON.stringify(plan);
    return cached(this.cache, JSON.stringify([state.version, rightsOf(viewer), lang]) + planKey, () => this.compute(plan, planKey, lang, viewer, state, time));
  }

  private async compute(plan: Plan, planKey: string, lang: Lang, viewer: Viewer, state: DataState, time: Timer): Promise<AggregateOutput> {
    this.answersComputed++;
    // A manager's own institutions include their children and sites; cells only they fed stay exact.
    const own = viewer.role === 'MANAGER' ? this.catalog.expandInstitutions(viewer.institutions, 'viewer.institutions') : undefined;
    const exact = await cached(this.exacts, JSON.stringify([state.version, own ?? null]) + planKey, () => time('compute', () => this.exact(plan, state, own)));

    const cells = (values: Partial<Record<Measure, number | null>>) =>
      Object.fromEntries(plan.computed.concat(plan.measures).map((m) => [m, { value: values[m] ?? null, suppressed: false }])) as Record<Measure, Cell>;
    const table: Table = { rows: exact.rows.map((r) => ({ key: r.key, cells: cells(r.values) })), totals: cells(exact.totals) };
    if (!seesExactValues(viewer)) {
      const exempt = own ? (row: number) => (row === TOTAL ? exact.totalForeign : exact.rows[row].foreign) === 0 : undefined;
      applyDisclosureControl(table, [...new Set([...plan.computed, ...plan.measures])], this.options.suppressionThreshold, exempt);
    }

    const ordered = orderRows(table.rows, plan);
    const shown = ordered.slice(0, plan.limit);
    const contributing = state.datasets.filter((d) => exact.datasetIds.includes(d.id));
    const measureValues = (c: Record<Measure, Cell>) => plan.measures.map((m) => ({ measure: m, value: c[m].value, suppressed: c[m].suppressed }));
    return {
      plan,
      exact,
      rows: shown.map((row) => ({
        dimensions: plan.dimensions.map((d, i) => ({
          dimension: d,
          code: row.key[i],
          label: labelOf(d, row.key[i], lang, this.catalog, state.datasets),
        })),
        measures: measureValues(row.cells as Record<Measure, Cell>),
      })),
      totals: measureValues(table.totals as Record<Measure, Cell>),
      suppressedCells: countSuppressed({ rows: shown, totals: table.totals }, plan.measures),
      truncated: ordered.length > plan.limit,
      synthetic: contributing.some((d) => d.synthetic),
      dataAsOf: contributing.map((d) => d.loadedAt).sort().at(-1) ?? null,
      from: exact.from,
      to: exact.to,
      isHidden: (measure, rowKey) =>
        Boolean((rowKey ? table.rows.find((r) => compareKeys(r.key, rowKey) === 0)?.cells : table.totals)?.[measure]?.suppressed),
    };
  }

  /**
   * Exact values for a plan, per fact from the in-memory rollup when it is loaded and covers the query,
   * else from SQL (one grouped and one total statement), merged on the row codes.
   */
  async exact(plan: Plan, state: DataState, own?: string[], engine: Engine = this.options.engine ?? 'memory'): Promise<ExactResult> {
    this.exactComputed++;
    const store = engine === 'memory' ? await this.rollup.get(state.version) : undefined;
    const extent = await this.dataExtent(state, store);
    const today = new Date().toISOString().slice(0, 10);
    const from = plan.from ?? extent?.from ?? today;
    const to = plan.to ?? extent?.to ?? today;
    const query = {
      dimensions: plan.dimensions,
      buckets: buckets(from, to, plan.grain),
      from,
      to,
      boundaries: plan.boundaries,
      filters: plan.filters,
      datasetIds: plan.asOf ? state.datasets.filter((d) => d.loadedAt <= plan.asOf!).map((d) => d.id) : undefined,
      own,
    };
    const parts = await Promise.all(
      plan.facts.map(async (fact) => {
        const factQuery = { ...query, fact, measures: plan.computed.filter((m) => MEASURES[m].fact === fact) };
        return (store && (await scanFact(store, this.catalog, factQuery, this.scans))) ?? this.viaSql(factQuery);
      }),
    );

    const rows = new Map<string, ExactResult['rows'][number]>();
    const totals: ExactResult['totals'] = {};
    const contributing = new Set<string>();
    let totalForeign = own ? 0 : undefined;
    for (const part of parts) {
      part.datasets.forEach((d) => contributing.add(d));
      if (own) totalForeign! += part.totalForeign;
      for (const m of plan.computed) if (part.totals[m] !== undefined) totals[m] = part.totals[m];
      for (const r of part.rows) {
        const id = r.key.join('\u0000');
        const row = rows.get(id) ?? { key: r.key, values: {}, foreign: own ? 0 : undefined };
        for (const m of plan.computed) if (r.values[m] !== undefined) row.values[m] = r.values[m];
        if (own) row.foreign! += r.foreign;
        rows.set(id, row);
      }
    }

    const sorted = [...rows.values()].sort((a, b) => compareKeys(a.key, b.key));
    for (const values of [...sorted.map((r) => r.values), totals]) {
      // A row seen by one fact only has zero of the other fact's counts, not an unknown.
      for (const m of plan.computed) values[m] ??= 0;
      for (const m of plan.measures) {
        const ratio = MEASURES[m].ratio;
        if (!ratio) continue;
        const den = values[ratio.denominator]!;
        values[m] = den > 0 ? values[ratio.numerator]! / den : null;
      }
    }
    return { plan, from, to, rows: sorted, totals, totalForeign, datasetIds: [...contributing].sort() };
  }

  /** One fact's part of a plan from SQL: grouped rows, totals and the datasets that contributed. */
  private async viaSql(query: ScanQuery): Promise<ScanResult> {
    const { own, measures, ...rest } = query;
    const base = { ...rest, measures, ownInstitutions: own };
    const whole = [{ code: 'ALL', start: query.from, end: query.to }];
    const [grouped, total, provenance] = await Promise.all([
      query.dimensions.length ? this.run(buildFactStatement(base)) : undefined,
      this.run(buildFactStatement({ ...base, dimensions: [], buckets: whole })),
      this.run(buildFactStatement({ ...base, measures: [], dimensions: [], buckets: whole, groupByDataset: true, ownInstitutions: undefined })),
    ]);
    const valuesOf = (r: Record<string, unknown>, statement: Statement) =>
      Object.fromEntries(measures.map((m) => [m, Number(r[statement.measureColumns[m]!] ?? 0)])) as Partial<Record<Measure, number>>;
    return {
      rows: (grouped?.rows ?? []).map((r) => ({
        key: grouped!.statement.dimensionColumns.map((c) => String(r[c])),
        values: valuesOf(r, grouped!.statement),
        foreign: Number(r.foreign_rows ?? 0),
      })),
      totals: valuesOf(total.rows[0] ?? {}, total.statement),
      totalForeign: Number(total.rows[0]?.foreign_rows ?? 0),
      datasets: provenance.rows.map((r) => String(r.dataset_id)),
    };
  }

  /** The data's first and last dates, once per data version: from the rollup's columns when it is loaded, else by SQL. */
  private async dataExtent(state: DataState, store: ColumnStore | undefined): Promise<Extent | undefined> {
    if (this.extent?.version !== state.version) {
      this.extent = { version: state.version, value: store ? storeExtent(store) : await readExtent(this.db, this.read) };
    }
    return this.extent.value;
  }

  private async run(statement: Statement): Promise<{ statement: Statement; rows: Record<string, unknown>[] }> {
    return { statement, rows: await this.read(statement.sql, statement.bindings) };
  }

  /** The analytics SQL, all of it read-only: in a reader process when there are any, else on the pool's connection. */
  private readonly read: ReadRows = (sql, bindings) =>
    this.guard(async () => {
      const query = this.db.raw(sql, bindings as Knex.RawBinding[]);
      if (!this.readers) return this.dialect.rows(await query);
      // Compiled by knex as for its own connection, so both paths run the same SQL with the same bindings.
      const native = query.toSQL().toNative();
      return this.readers.read(native.sql, native.bindings as ReaderRequest['bindings']);
    });

  /** Stops the scan workers and the SQLite readers. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.scans.close(), this.readers?.close()]);
  }

  /** Database failures a client can act on become typed errors; anything else stays an internal error. */
  async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (this.dialect.isTimeout(error)) throw queryTimeout();
      if (this.dialect.isConnectionLost(error)) throw serviceUnavailable();
      throw error;
    }
  }
}

/** The cache's promise under `key`, made by `make` when there is none; a failed one is dropped. Without a cache, `make()`. */
function cached<T>(cache: LRUCache<string, Promise<T>> | undefined, key: string, make: () => Promise<T>): Promise<T> {
  if (!cache) return make();
  let value = cache.get(key);
  if (!value) {
    value = make();
    cache.set(key, value);
    value.catch(() => cache.delete(key));
  }
  return value;
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/** Rows in the asked order; ties and the default follow the dimension codes. Suppressed values sort last. */
function orderRows<R extends { key: string[]; cells: Partial<Record<Measure, Cell>> }>(rows: R[], plan: Plan): R[] {
  if (plan.orderBy.length === 0) return rows;
  return [...rows].sort((a, b) => {
    for (const o of plan.orderBy) {
      const sign = o.direction === 'DESC' ? -1 : 1;
      if (o.dimension) {
        const i = plan.dimensions.indexOf(o.dimension);
        const c = compareKeys([a.key[i]], [b.key[i]]);
        if (c) return sign * c;
      } else {
        const x = a.cells[o.measure!]!.value;
        const y = b.cells[o.measure!]!.value;
        if (x === y) continue;
        if (x === null) return 1;
        if (y === null) return -1;
        return sign * (x - y);
      }
    }
    return compareKeys(a.key, b.key);
  });
}
