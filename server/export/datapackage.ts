import type { ExportMetadata } from './metadata';
import type { Column, ExportTable } from './table';
import { PRODUCT } from './texts';

export const DATA_FILE = 'data.csv';

/**
 * A Frictionless Data Package descriptor (tabular-data-package profile, spec v1) for the CSV export:
 * licence, sources, and a Table Schema that types every column and constrains the status codes, so
 * any Frictionless tool can check the file. Extra properties under `inclusionMonitor` carry the query
 * that produced it; the spec allows them.
 */
export function dataPackage(table: ExportTable, meta: ExportMetadata): Record<string, unknown> {
  const absolute = /^https?:\/\//.test(meta.permalink);
  return {
    profile: 'tabular-data-package',
    name: meta.name,
    title: meta.title,
    description: meta.notices.join('\n\n'),
    ...(absolute ? { homepage: meta.permalink } : {}),
    created: meta.generatedAt,
    keywords: ['social inclusion', 'employment', 'ESF', 'Latvia', meta.synthetic ? 'synthetic data' : 'statistics'],
    licenses: [{ name: meta.licence.id, path: meta.licence.url, title: meta.licence.title }],
    sources: [
      { title: `${PRODUCT.en} / ${PRODUCT.lv}`, ...(absolute ? { path: meta.permalink } : {}) },
      ...meta.sources.map((s) => ({ title: `${s.id}: "${s.quote}" (${s.source})` })),
    ],
    resources: [
      {
        name: 'data',
        path: DATA_FILE,
        profile: 'tabular-data-resource',
        title: meta.title,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: { fields: table.columns.map(field), missingValues: [''] },
      },
    ],
    inclusionMonitor: {
      query: meta.query,
      lang: meta.lang,
      period: meta.period,
      dataAsOf: meta.dataAsOf,
      synthetic: meta.synthetic,
      truncated: meta.truncated,
      suppressedCells: meta.suppressedCells,
      citation: meta.citation,
    },
  };
}

function field(column: Column) {
  const constraints =
    column.role === 'value'
      ? { minimum: 0, ...(column.percent ? { maximum: 1 } : {}) }
      : column.codes
        ? { required: true, enum: column.codes }
        : { required: true };
  return { name: column.name, type: column.type, title: column.title, description: column.description, constraints };
}
