import type { AggregateFilter, AggregateInput, Boundaries, Dimension, Measure } from '../gql/graphql';
import { isDimension, isMeasure, maxDimensions } from './semantics';

/*
 * The whole view — language, filters, selections, chart type — is serialised into the URL's query
 * string, so a reload or a shared link shows the same thing (as OWID Grapher does). Parsing is
 * forgiving: a value that does not make sense is dropped, never an error.
 */

export type Locale = 'lv' | 'en';
export type RegionLevel = 'municipality' | 'planning';
export type ChartType = 'bar' | 'stacked' | 'line' | 'ranking';

export const locales: readonly Locale[] = ['lv', 'en'];
export const chartTypes: readonly ChartType[] = ['bar', 'stacked', 'line', 'ranking'];
const boundaryModes: readonly Boundaries[] = ['CURRENT', 'AS_RECORDED'];

/** Filters on lists of codes: each is the AggregateFilter field of the same name, under this URL parameter. */
const listParams = {
  programmes: 'programme',
  regions: 'region',
  institutions: 'institution',
  targetGroups: 'targetGroup',
  genders: 'gender',
  ageBands: 'ageBand',
  outcomes: 'outcome',
  stages: 'stage',
  sites: 'site',
  formats: 'format',
  modes: 'mode',
  datasets: 'dataset',
} as const satisfies Partial<Record<keyof AggregateFilter, string>>;

export type ListFilter = keyof typeof listParams;
export const listFilters = Object.keys(listParams) as ListFilter[];

/** The filters every page shares (with from and to); the others belong to the Explorer. */
const globalListFilters: readonly ListFilter[] = ['programmes', 'regions'];

export interface ViewState extends Record<ListFilter, string[]> {
  lang: Locale;
  from: string | null;
  to: string | null;
  /** Only data loaded by then: a cited link keeps showing the figures as they were. */
  asOf: string | null;
  boundaries: Boundaries;
  /* Regions page. */
  measure: Measure;
  level: RegionLevel;
  compare: string[];
  /* Explorer. */
  measures: Measure[];
  dimensions: Dimension[];
  chart: ChartType;
}

export type Query = Record<string, string | null | (string | null)[] | undefined>;

export const defaultView: Readonly<ViewState> = {
  lang: 'en',
  ...(Object.fromEntries(listFilters.map((f) => [f, []])) as unknown as Record<ListFilter, string[]>),
  from: null,
  to: null,
  asOf: null,
  boundaries: 'CURRENT',
  measure: 'PARTICIPANTS',
  level: 'municipality',
  compare: [],
  measures: ['PARTICIPANTS'],
  dimensions: ['YEAR'],
  chart: 'bar',
};

/** The URL parameter of each part of the view. */
const param: Record<keyof ViewState, string> = {
  lang: 'lang',
  ...listParams,
  from: 'from',
  to: 'to',
  asOf: 'asOf',
  boundaries: 'boundaries',
  measure: 'measure',
  level: 'level',
  compare: 'compare',
  measures: 'measures',
  dimensions: 'dims',
  chart: 'chart',
};

const codePattern = /^[\p{L}\p{N}_.+\-]{1,40}$/u;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
export const maxCompared = 4;

function first(value: Query[string]): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v ?? undefined;
}

function list(value: Query[string]): string[] {
  const text = first(value);
  if (!text) return [];
  return [...new Set(text.split(',').filter((code) => codePattern.test(code)))];
}

function matching(value: Query[string], pattern: RegExp): string | null {
  const text = first(value);
  return text && pattern.test(text) && !Number.isNaN(Date.parse(text)) ? text : null;
}

function oneOf<T extends string>(value: Query[string], allowed: readonly T[], fallback: T): T {
  const text = first(value);
  return allowed.includes(text as T) ? (text as T) : fallback;
}

export function parseView(query: Query): ViewState {
  const measures = list(query[param.measures]).filter(isMeasure);
  const dimensions = list(query[param.dimensions]).filter(isDimension).slice(0, maxDimensions);
  const measure = first(query[param.measure]);
  return {
    lang: oneOf(query[param.lang], locales, defaultView.lang),
    ...(Object.fromEntries(listFilters.map((f) => [f, list(query[param[f]])])) as Record<ListFilter, string[]>),
    from: matching(query[param.from], datePattern),
    to: matching(query[param.to], datePattern),
    asOf: matching(query[param.asOf], dateTimePattern),
    boundaries: oneOf(query[param.boundaries], boundaryModes, defaultView.boundaries),
    measure: measure && isMeasure(measure) ? measure : defaultView.measure,
    level: oneOf(query[param.level], ['municipality', 'planning'], defaultView.level),
    compare: list(query[param.compare]).slice(0, maxCompared),
    measures: measures.length ? measures : [...defaultView.measures],
    // An explicit empty list (?dims=) means "totals only", which is a view of its own.
    dimensions: query[param.dimensions] === undefined ? [...defaultView.dimensions] : dimensions,
    chart: oneOf(query[param.chart], chartTypes, defaultView.chart),
  };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The query string of a view: defaults are left out so links stay short, except the language. */
export function serializeView(view: ViewState): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of Object.keys(param) as (keyof ViewState)[]) {
    const value = view[key];
    if (key !== 'lang' && same(value, defaultView[key])) continue;
    if (value === null) continue;
    const text = Array.isArray(value) ? value.join(',') : value;
    if (text === '' && key !== 'dimensions') continue;
    query[param[key]] = text;
  }
  return query;
}

/**
 * The filters of a view, as the API takes them. Pages share the global ones (programme, region,
 * period); the Explorer's own filters stay there, so a chart elsewhere is never narrowed by a filter
 * it does not show.
 */
export function viewFilter(view: ViewState, scope: 'global' | 'explorer'): AggregateFilter {
  const filter: AggregateFilter = {};
  for (const f of scope === 'global' ? globalListFilters : listFilters) if (view[f].length) filter[f] = view[f];
  if (view.from) filter.from = view.from;
  if (view.to) filter.to = view.to;
  if (scope === 'explorer' && view.asOf) filter.asOf = view.asOf;
  return filter;
}

/**
 * The view that shows an aggregate query in the Explorer: for published figures, and for the
 * permalinks that exports carry (/explorer?query=<AggregateInput JSON>).
 */
export function viewOfQuery(input: AggregateInput): Partial<ViewState> {
  const filter = input.filter ?? {};
  const asQuery: Query = { ...Object.fromEntries(listFilters.map((f) => [param[f], filter[f]?.join(',')])) };
  const parsed = parseView({
    ...asQuery,
    [param.measures]: input.measures.join(','),
    [param.dimensions]: (input.dimensions ?? []).join(','),
    [param.from]: filter.from ?? undefined,
    [param.to]: filter.to ?? undefined,
    [param.asOf]: filter.asOf ?? undefined,
    [param.boundaries]: input.boundaries ?? undefined,
  });
  const { measures, dimensions, from, to, asOf, boundaries } = parsed;
  const lists = Object.fromEntries(listFilters.map((f) => [f, parsed[f]])) as Record<ListFilter, string[]>;
  return { ...lists, measures, dimensions, from, to, asOf, boundaries };
}
