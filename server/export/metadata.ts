import type { AggregateOutput } from '../analytics/aggregate';
import { labelOf } from '../analytics/labels';
import { DIMENSIONS, FILTERS, MEASURES, type FilterName } from '../analytics/model';
import type { Catalog } from '../catalog/catalog';
import { nameIn, type DatasetModel, type Lang, type PublishedFigureModel } from '../catalog/models';
import type { AggregateInput, Dimension, Measure } from '../schema/generated/resolvers-types';
import type { ExportRequest } from './parse-query';
import { BOUNDARIES, BREAKDOWN, CITATION, CONF_STATUS, HEADINGS, inLang, LICENCE, NOTICES, OBS_STATUS, type Bilingual } from './texts';

/** Everything an export says about itself: what was asked, where the numbers come from, how to cite them. */
export interface ExportMetadata {
  /** File and package name: inclusion-monitor-<measures>-<yyyymmdd> (a Frictionless name: a-z, 0-9, "-"). */
  name: string;
  title: string;
  lang: 'lv' | 'en';
  /** The query as the aggregate resolver received it (GraphQL defaults applied). */
  query: AggregateInput;
  measures: { code: Measure; label: string }[];
  dimensions: { code: Dimension; label: string }[];
  /** The code filters as given, each code with its label. */
  filters: { name: FilterName; title: string; values: { code: string; label: string }[] }[];
  boundaries: { code: 'CURRENT' | 'AS_RECORDED'; label: string };
  /** Only data loaded by then, when the query pins it. */
  asOf: string | null;
  period: { from: string; to: string };
  generatedAt: string;
  dataAsOf: string | null;
  /** Rows of the result, not counting the row of totals. */
  rows: number;
  truncated: boolean;
  suppressedCells: number;
  synthetic: boolean;
  notices: string[];
  sources: { id: string; measure: string; value: number; qualifier: string; quote: string; source: string; interpretation: string | null }[];
  licence: typeof LICENCE;
  citation: string;
  permalink: string;
  statusCodes: { OBS_STATUS: Record<string, string>; CONF_STATUS: Record<string, string> };
}

export interface MetadataInput {
  request: ExportRequest;
  result: AggregateOutput;
  sources: PublishedFigureModel[];
  catalog: Catalog;
  datasets: DatasetModel[];
  /** scheme://host[:port] of the request, for the permalink; empty for a relative link. */
  origin: string;
  generatedAt: Date;
}

const REGION_FILTER_TITLE: Bilingual = { en: 'Region', lv: 'Reģions' };

/** The dimension whose labels name a filter's codes (regions may also be planning regions: see filterLabel). */
const FILTER_DIMENSIONS: Record<FilterName, Dimension> = {
  programmes: 'PROGRAMME',
  institutions: 'INSTITUTION',
  sites: 'SITE',
  regions: 'MUNICIPALITY',
  targetGroups: 'TARGET_GROUP',
  genders: 'GENDER',
  ageBands: 'AGE_BAND',
  outcomes: 'OUTCOME',
  stages: 'CONSULTATION_STAGE',
  formats: 'CONSULTATION_FORMAT',
  modes: 'CONSULTATION_MODE',
  datasets: 'DATASET',
};

export function exportMetadata({ request, result, sources, catalog, datasets, origin, generatedAt }: MetadataInput): ExportMetadata {
  const { lang, input } = request;
  const measures = result.plan.measures.map((code) => ({ code, label: inLang(MEASURES[code].label, lang) }));
  const dimensions = result.plan.dimensions.map((code) => ({ code, label: inLang(DIMENSIONS[code].label, lang) }));
  const filters = (Object.keys(FILTERS) as FilterName[]).flatMap((name) => {
    const codes = input.filter?.[name];
    if (!codes) return [];
    const title = name === 'regions' ? inLang(REGION_FILTER_TITLE, lang) : inLang(DIMENSIONS[FILTER_DIMENSIONS[name]].label, lang);
    return [{ name, title, values: codes.map((code) => ({ code, label: filterLabel(name, code, lang, catalog, datasets) })) }];
  });
  const boundaries = input.boundaries ?? 'CURRENT';
  const breakdown = dimensions.length ? ` — ${inLang(BREAKDOWN, lang)}: ${dimensions.map((d) => d.label).join(', ')}` : '';
  const title = `${measures.map((m) => m.label).join(', ')}${breakdown}, ${result.from} – ${result.to}`;
  const permalink = `${origin}/explorer?${new URLSearchParams({ query: request.queryText, lang: lang.toLowerCase() })}`;
  const generated = generatedAt.toISOString();
  const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');
  const notices = [
    result.synthetic && NOTICES.synthetic,
    result.suppressedCells > 0 && NOTICES.suppressed,
    result.truncated && NOTICES.truncated,
    NOTICES.total,
  ].flatMap((notice) => (notice ? [inLang(notice, lang)] : []));
  const codeMeanings = (codes: Record<string, Bilingual>) => Object.fromEntries(Object.entries(codes).map(([code, text]) => [code, inLang(text, lang)]));

  const measureNames = result.plan.measures.map((m) => m.toLowerCase().replaceAll('_', '-')).join('-');
  return {
    name: `inclusion-monitor-${measureNames}-${generated.slice(0, 10).replaceAll('-', '')}`,
    title,
    lang: lang === 'LV' ? 'lv' : 'en',
    query: input,
    measures,
    dimensions,
    filters,
    boundaries: { code: boundaries, label: inLang(BOUNDARIES[boundaries], lang) },
    asOf: input.filter?.asOf ?? null,
    period: { from: result.from, to: result.to },
    generatedAt: generated,
    dataAsOf: result.dataAsOf,
    rows: result.rows.length,
    truncated: result.truncated,
    suppressedCells: result.suppressedCells,
    synthetic: result.synthetic,
    notices,
    sources: sources.map((f) => ({
      id: f.id,
      measure: f.measure,
      value: f.value,
      qualifier: f.qualifier,
      quote: f.quote,
      source: f.source,
      interpretation: f.interpretation,
    })),
    licence: LICENCE,
    citation: CITATION[lang === 'LV' ? 'lv' : 'en'](title, generated.slice(0, 4), day(result.dataAsOf), day(generated), permalink),
    permalink,
    statusCodes: { OBS_STATUS: codeMeanings(OBS_STATUS), CONF_STATUS: codeMeanings(CONF_STATUS) },
  };
}

function filterLabel(name: FilterName, code: string, lang: Lang, catalog: Catalog, datasets: DatasetModel[]): string {
  if (name === 'regions') {
    const region = catalog.region(code);
    return region ? nameIn(region, lang) : code;
  }
  return labelOf(FILTER_DIMENSIONS[name], code, lang, catalog, datasets);
}

export interface MetadataLine {
  key: keyof typeof HEADINGS | 'licenceUrl';
  heading: string;
  value: string;
  kind?: 'date' | 'datetime' | 'url';
}

/**
 * The metadata as labelled lines, in one order for every format that writes it for people (the XLSX
 * metadata sheet, the README). Dates stay ISO strings here; a format may type them.
 */
export function metadataLines(meta: ExportMetadata, lang: Lang): MetadataLine[] {
  const h = (key: keyof typeof HEADINGS) => inLang(HEADINGS[key], lang);
  const filters = meta.filters.length
    ? meta.filters.map((f) => `${f.title}: ${f.values.map((v) => (v.label === v.code ? v.code : `${v.label} (${v.code})`)).join(', ')}`).join('\n')
    : h('none');
  const line = (key: MetadataLine['key'], value: string, kind?: MetadataLine['kind']): MetadataLine => ({
    key,
    heading: key === 'licenceUrl' ? `${h('licence')} URL` : h(key),
    value,
    kind,
  });
  return [
    line('title', meta.title),
    line('measures', meta.measures.map((m) => `${m.label} (${m.code})`).join(', ')),
    line('dimensions', meta.dimensions.map((d) => `${d.label} (${d.code})`).join(', ') || h('none')),
    line('filters', filters),
    line('boundaries', meta.boundaries.label),
    line('from', meta.period.from, 'date'),
    line('to', meta.period.to, 'date'),
    ...(meta.asOf ? [line('asOf', meta.asOf, 'datetime')] : []),
    line('generatedAt', meta.generatedAt, 'datetime'),
    ...(meta.dataAsOf ? [line('dataAsOf', meta.dataAsOf, 'datetime')] : []),
    line('rows', String(meta.rows)),
    line('suppressedCells', String(meta.suppressedCells)),
    line('notices', meta.notices.join('\n')),
    line('licence', `${meta.licence.title} (${meta.licence.id})`),
    line('licenceUrl', meta.licence.url, 'url'),
    line('citation', meta.citation),
    line('permalink', meta.permalink, 'url'),
  ];
}
