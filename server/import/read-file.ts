import ExcelJS from 'exceljs';
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { parse } from 'csv-parse';

/** A problem with the file as a whole (not with one row): it gets a 400 and nothing is imported. */
export class FileProblem extends Error {}

export interface ParsedFile {
  header: string[];
  /** Data rows as the spreadsheet numbers them: the header is row 1. */
  rows: { row: number; values: string[] }[];
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Bytes parsed between two turns of the event loop (a few hundred rows, a few ms of work). */
const CHUNK_BYTES = 64 * 1024;

/** Reads an uploaded CSV (UTF-8, with or without BOM, comma or semicolon separated) or XLSX file. */
export async function readTable(bytes: Buffer): Promise<ParsedFile> {
  if (bytes.length === 0 || (bytes.length <= UTF8_BOM.length && bytes.equals(UTF8_BOM.subarray(0, bytes.length)))) {
    throw new FileProblem('The file is empty.');
  }
  const table = bytes.subarray(0, 4).equals(XLSX_MAGIC) ? await readXlsx(bytes) : await readCsv(bytes);
  if (table.header.every((h) => h === '')) throw new FileProblem('The file has no header row.');
  if (table.rows.length === 0) throw new FileProblem('The file has a header but no data rows.');
  return table;
}

async function readCsv(bytes: Buffer): Promise<ParsedFile> {
  if (bytes.includes(0)) throw new FileProblem('This is not a CSV text file or an XLSX workbook (it holds binary data).');
  if (!isUtf8(bytes)) {
    throw new FileProblem('The file is not UTF-8 text. Save the CSV as "CSV UTF-8" so Latvian letters (ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž) survive.');
  }
  const body = bytes.subarray(bytes.subarray(0, UTF8_BOM.length).equals(UTF8_BOM) ? UTF8_BOM.length : 0);
  const lineEnd = body.findIndex((byte) => byte === 0x0a || byte === 0x0d);
  const firstLine = body.subarray(0, lineEnd < 0 ? body.length : lineEnd).toString('utf8');
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  const records: string[][] = [];
  try {
    const parser = Readable.from(inChunks(body)).pipe(parse({ delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, skip_empty_lines: true, trim: true }));
    for await (const record of parser) records.push(record as string[]);
  } catch (error) {
    throw new FileProblem(`The CSV cannot be read: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
  const [header = [], ...data] = records;
  return { header: header.map(normaliseHeader), rows: data.map((values, i) => ({ row: i + 2, values })) };
}

/**
 * The file in pieces with a turn of the event loop after each: the parser handles one piece at a time
 * (a few ms), where the whole of a 100k-row file would hold the loop for about a second. Bytes, not text,
 * so a letter's UTF-8 bytes split between pieces are joined again by the parser.
 */
async function* inChunks(body: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < body.length; at += CHUNK_BYTES) {
    yield body.subarray(at, at + CHUNK_BYTES);
    await yieldToEventLoop();
  }
}

async function readXlsx(bytes: Buffer): Promise<ParsedFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new FileProblem('The file looks like a ZIP or XLSX file but cannot be read as an XLSX workbook.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new FileProblem('The workbook has no sheet.');
  const text = (value: ExcelJS.CellValue): string => {
    if (value === null || value === undefined) return '';
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'object' && 'text' in value) return String(value.text);
    if (typeof value === 'object' && 'result' in value) return text(value.result as ExcelJS.CellValue);
    if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
    return String(value).trim();
  };
  const rows: ParsedFile['rows'] = [];
  let header: string[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values = Array.from({ length: row.cellCount }, (_, i) => text(row.getCell(i + 1).value));
    if (number === 1) header = values.map(normaliseHeader);
    else if (values.some((v) => v !== '')) rows.push({ row: number, values });
  });
  return { header, rows };
}

const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/\s+/g, '_');
