import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { ExportTable } from './table';

/**
 * The table as RFC 4180 CSV, streamed row by row: UTF-8 with a byte-order mark (without one, Excel
 * reads UTF-8 as the local code page and "Jēkabpils" turns to mojibake), CRLF line ends, and quotes
 * around any field holding a comma, quote or line break. An empty field is a value that is absent;
 * its status columns say why.
 */
export function csvStream(table: ExportTable): Readable {
  const stringifier = stringify({
    bom: true,
    header: true,
    columns: table.columns.map((c) => c.name),
    record_delimiter: 'windows',
    // csv-stringify quotes only the record delimiter itself (CRLF); RFC 4180 wants any CR or LF quoted.
    quoted_match: /[\r\n]/,
  });
  return Readable.from(table.rows).pipe(stringifier);
}
