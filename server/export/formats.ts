import type { Lang } from '../catalog/models';
import { csvStream } from './csv';
import { dataPackage } from './datapackage';
import { jsonStream } from './json';
import type { ExportMetadata } from './metadata';
import type { ExportFormat } from './parse-query';
import type { ExportTable } from './table';
import { xlsxStream } from './xlsx';
import { zipStream } from './zip';

export interface FormatWriter {
  contentType: string;
  fileName(meta: ExportMetadata): string;
  body(table: ExportTable, meta: ExportMetadata, lang: Lang): NodeJS.ReadableStream | string | Promise<NodeJS.ReadableStream>;
}

/** Every export format: its media type, its file name, and how it writes the one table. */
export const FORMATS: Record<ExportFormat, FormatWriter> = {
  csv: {
    contentType: 'text/csv; charset=utf-8; header=present',
    fileName: (meta) => `${meta.name}.csv`,
    body: (table) => csvStream(table),
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: (meta) => `${meta.name}.xlsx`,
    body: xlsxStream,
  },
  json: {
    contentType: 'application/json; charset=utf-8',
    fileName: (meta) => `${meta.name}.json`,
    body: jsonStream,
  },
  datapackage: {
    contentType: 'application/json; charset=utf-8',
    // The name Frictionless tools look for; its resource is the data.csv beside it in the zip.
    fileName: () => 'datapackage.json',
    body: (table, meta) => `${JSON.stringify(dataPackage(table, meta), null, 2)}\n`,
  },
  zip: {
    contentType: 'application/zip',
    fileName: (meta) => `${meta.name}.zip`,
    body: zipStream,
  },
};
