import { Readable } from 'node:stream';
import type { ExportMetadata } from './metadata';
import type { ExportTable } from './table';

/**
 * `{ metadata, columns, rows }`, each row an object keyed by column name, streamed a row at a time so a
 * 10,000-row answer is never one giant string.
 */
export function jsonStream(table: ExportTable, meta: ExportMetadata): Readable {
  const names = table.columns.map((c) => c.name);
  function* chunks() {
    yield `{"metadata":${JSON.stringify(meta)},\n"columns":${JSON.stringify(table.columns)},\n"rows":[`;
    for (const [i, row] of table.rows.entries()) {
      yield `${i ? ',' : ''}\n${JSON.stringify(Object.fromEntries(names.map((name, j) => [name, row[j]])))}`;
    }
    yield '\n]}\n';
  }
  return Readable.from(chunks());
}
