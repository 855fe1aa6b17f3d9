import type { Catalog } from '../catalog/catalog';
import { badInput } from '../errors';
import type { AggregateInput, Boundaries, Dimension, Measure, SortDirection } from '../schema/generated/resolvers-types';
import { DIMENSIONS, FILTERS, MEASURES, type FactName, type FilterName, type TimeGrain } from './model';
import { isIsoDate } from './periods';

export const MAX_DIMENSIONS = 4;
export const MAX_LIMIT = 10_000;
/** The most cells (combinations of dimension codes) a query may ask for, before any data is read. */
export const MAX_CELLS = 1_000_000;
/** More filter codes than any real query needs; a bound on the size of the generated SQL. */
export const MAX_FILTER_CODES = 500;

/** A validated AggregateInput with defaults applied and every filter code checked and expanded. */
export interface Plan {
  measures: Measure[];
  /** The measures SQL computes: the requested ones plus the parts of any ratio. */
  computed: Measure[];
  facts: FactName[];
  dimensions: Dimension[];
  grain: TimeGrain | undefined;
  boundaries: Boundaries;
  /** Explicit period bounds; defaults come from the data's extent when absent. */
  from: string | undefined;
  to: string | undefined;
  filters: Partial<Record<FilterName, string[]>>;
  asOf: string | undefined;
  orderBy: { measure?: Measure; dimension?: Dimension; direction: SortDirection }[];
  limit: number;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function planQuery(input: AggregateInput, catalog: Catalog, knownDatasets: ReadonlySet<string>): Plan {
  const measures = unique(input.measures);
  if (measures.length === 0) throw badInput('ask for at least one measure', 'query.measures');
  if (measures.length !== input.measures.length) throw badInput('a measure is listed twice', 'query.measures');
  const computed = unique(measures.flatMap((m) => (MEASURES[m].ratio ? [MEASURES[m].ratio!.numerator, MEASURES[m].ratio!.denominator] : [m])));
  const facts = unique(computed.map((m) => MEASURES[m].fact));

  const dimensions = input.dimensions ?? [];
  if (dimensions.length > MAX_DIMENSIONS) {
    throw badInput(`at most ${MAX_DIMENSIONS} dimensions, got ${dimensions.length}`, 'query.dimensions');
  }
  if (unique(dimensions).length !== dimensions.length) throw badInput('a dimension is listed twice', 'query.dimensions');
  const grains = dimensions.filter((d) => DIMENSIONS[d].grain);
  if (grains.length > 1) throw badInput(`only one time dimension at a time, got ${grains.join(' and ')}`, 'query.dimensions');
  for (const d of dimensions) {
    for (const m of measures) {
      if (!DIMENSIONS[d].columns[MEASURES[m].fact]) {
        throw badInput(`dimension ${d} does not apply to measure ${m}`, 'query.dimensions');
      }
    }
  }

  const filter = input.filter ?? {};
  const from = filter.from ?? undefined;
  const to = filter.to ?? undefined;
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value !== undefined && (!isIsoDate(value) || value < '1900-01-01' || value > '2100-12-31')) {
      throw badInput(`"${value}" is not a date between 1900-01-01 and 2100-12-31 written yyyy-mm-dd`, `query.filter.${name}`);
    }
  }
  if (from && to && from > to) throw badInput(`from (${from}) is after to (${to})`, 'query.filter.from');
  const asOf = filter.asOf ?? undefined;
  if (asOf !== undefined && (!ISO_DATETIME.test(asOf) || Number.isNaN(Date.parse(asOf)))) {
    throw badInput(`"${asOf}" is not an ISO date-time such as 2026-01-31T12:00:00Z`, 'query.filter.asOf');
  }

  const filters: Plan['filters'] = {};
  for (const name of Object.keys(FILTERS) as FilterName[]) {
    const codes = filter[name];
    if (codes === undefined || codes === null) continue;
    const field = `query.filter.${name}`;
    if (codes.length > MAX_FILTER_CODES) throw badInput(`at most ${MAX_FILTER_CODES} codes, got ${codes.length}`, field);
    for (const m of measures) {
      if (!FILTERS[name].columns[MEASURES[m].fact]) throw badInput(`filter ${name} does not apply to measure ${m}`, field);
    }
    filters[name] = expandFilter(name, codes, field, catalog, knownDatasets);
  }

  const orderBy = (input.orderBy ?? []).map((o, i) => {
    const field = `query.orderBy[${i}]`;
    if (Boolean(o.measure) === Boolean(o.dimension)) throw badInput('name exactly one of measure or dimension', field);
    if (o.measure && !measures.includes(o.measure)) throw badInput(`measure ${o.measure} is not among the query's measures`, field);
    if (o.dimension && !dimensions.includes(o.dimension)) throw badInput(`dimension ${o.dimension} is not among the query's dimensions`, field);
    return { measure: o.measure ?? undefined, dimension: o.dimension ?? undefined, direction: o.direction ?? 'ASC' };
  });

  const cells = possibleCells(dimensions, from, to, catalog, knownDatasets.size);
  if (cells > MAX_CELLS) {
    throw badInput(
      `this breakdown has up to ${cells.toLocaleString('en')} cells, more than the ${MAX_CELLS.toLocaleString('en')} allowed: use fewer dimensions, a coarser time grain or a shorter period`,
      'query.dimensions',
    );
  }

  const limit = input.limit ?? MAX_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw badInput(`must be between 1 and ${MAX_LIMIT}, got ${limit}`, 'query.limit');
  }

  return {
    measures,
    computed,
    facts,
    dimensions,
    grain: grains[0] ? DIMENSIONS[grains[0]].grain : undefined,
    boundaries: input.boundaries ?? 'CURRENT',
    from,
    to,
    filters,
    asOf,
    orderBy,
    limit,
  };
}

const MONTHS_PER_BUCKET: Record<TimeGrain, number> = { year: 12, quarter: 3, month: 1 };
/** Ten years stands in for the data's extent when the query names no period. */
const DEFAULT_SPAN_MONTHS = 120;

/** An upper bound on a breakdown's cells: time buckets × the number of codes each dimension can take. */
function possibleCells(dimensions: Dimension[], from: string | undefined, to: string | undefined, catalog: Catalog, datasets: number): number {
  const months = from && to ? (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1 : DEFAULT_SPAN_MONTHS;
  const sizes: Partial<Record<Dimension, number>> = {
    MUNICIPALITY: catalog.regions.size,
    PLANNING_REGION: catalog.planningRegions.size,
    TARGET_GROUP: catalog.targetGroups.size,
    INSTITUTION: catalog.institutions.size,
    SITE: catalog.institutions.size,
    PROGRAMME: catalog.programmes.size,
    DATASET: datasets,
  };
  return dimensions.reduce((cells, d) => {
    const def = DIMENSIONS[d];
    if (def.grain) return cells * (Math.ceil(months / MONTHS_PER_BUCKET[def.grain]) + 1);
    const values = def.labels.kind === 'enum' ? Object.keys(def.labels.values).length : sizes[d] ?? 1;
    return cells * Math.max(values, 1);
  }, 1);
}

function expandFilter(name: FilterName, codes: readonly string[], field: string, catalog: Catalog, datasets: ReadonlySet<string>): string[] {
  const values = FILTERS[name].values;
  switch (values.kind) {
    case 'region':
      return catalog.expandRegions(codes, field);
    case 'institution':
      return catalog.expandInstitutions(codes, field);
    case 'targetGroup':
      return catalog.expandTargetGroups(codes, field);
    case 'site':
      return checkCodes(codes, field, 'site', (c) => catalog.institutions.get(c)?.kind === 'prison');
    case 'programme':
      return checkCodes(codes, field, 'programme', (c) => catalog.programmes.has(c));
    case 'dataset':
      return checkCodes(codes, field, 'dataset', (c) => datasets.has(c));
    case 'enum':
      return checkCodes(codes, field, 'code', (c) => Object.hasOwn(values.values, c), Object.keys(values.values));
  }
}

function checkCodes(codes: readonly string[], field: string, what: string, known: (code: string) => boolean, expected?: string[]): string[] {
  codes.forEach((code, i) => {
    if (!known(code)) {
      const hint = expected ? ` (expected one of ${expected.join(', ')})` : '';
      throw badInput(`unknown ${what} "${code}"${hint}`, `${field}[${i}]`);
    }
  });
  return unique(codes).sort();
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
