import ExcelJS from 'exceljs';
import { isUtf8 } from 'node:buffer';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import Papa from 'papaparse';

/** A problem with the file as a whole (not with one row): it gets a 400 and nothing is imported. */
export class FileProblem extends Error {}

export interface ParsedRow {
  /** The row as the spreadsheet numbers it: the header is row 1. */
  row: number;
  values: string[];
}

export interface ParsedFile {
  header: string[];
  rows: ParsedRow[];
}

/** A file being read: its header at once, its data rows in batches as they are parsed. */
export interface TableStream {
  header: string[];
  /** Batches of up to BATCH_ROWS rows; throws FileProblem for a CSV that cannot be read, or has no data rows. */
  batches: AsyncGenerator<ParsedRow[]>;
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Characters parsed between two turns of the event loop (a few hundred rows, a few ms of work). */
const CHUNK_CHARS = 64 * 1024;
/** Rows handed on together: the importer validates and writes a batch at a time. */
export const BATCH_ROWS = 5000;

/** Reads a whole uploaded file (see openTable). */
export async function readTable(bytes: Buffer): Promise<ParsedFile> {
  const { header, batches } = await openTable(bytes);
  const rows: ParsedRow[] = [];
  for await (const batch of batches) for (const row of batch) rows.push(row);
  return { header, rows };
}

/**
 * Opens an uploaded CSV (UTF-8, with or without BOM, comma or semicolon separated) or XLSX file: the
 * header is read at once, the rows as the caller takes them, so the importer can validate and write the
 * first rows while the rest are still being parsed. Problems of the file as a whole are FileProblems,
 * thrown here or, for what only shows further on (a CSV that breaks off, no data rows), by `batches`.
 */
export async function openTable(bytes: Buffer): Promise<TableStream> {
  if (bytes.length === 0 || (bytes.length <= UTF8_BOM.length && bytes.equals(UTF8_BOM.subarray(0, bytes.length)))) {
    throw new FileProblem('The file is empty.');
  }
  const records = bytes.subarray(0, 4).equals(XLSX_MAGIC) ? await readXlsx(bytes) : readCsv(bytes);
  let first = await records.next();
  while (!first.done && first.value.length === 0) first = await records.next();
  const [header, ...rest] = first.done ? [] : first.value;
  const names = (header?.values ?? []).map(normaliseHeader);
  if (names.every((h) => h === '')) throw new FileProblem('The file has no header row.');
  return { header: names, batches: rebatched(rest, records) };
}

/** The data rows in batches of BATCH_ROWS (the reader's pieces are a few hundred rows each). */
async function* rebatched(first: ParsedRow[], rest: AsyncGenerator<ParsedRow[]>): AsyncGenerator<ParsedRow[]> {
  let batch = first;
  let any = false;
  for await (const piece of rest) {
    for (const row of piece) batch.push(row);
    if (batch.length >= BATCH_ROWS) {
      any = true;
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
  else if (!any) throw new FileProblem('The file has a header but no data rows.');
}

/**
 * The records of a CSV in pieces, one per CHUNK_CHARS of the file, the header first (as row 1). PapaParse
 * reads a 100k-row file in a third of the time csv-parse took here, and reads it a piece at a time: it
 * stops after each piece (`pause`), and this generator resumes it after a turn of the event loop.
 */
async function* readCsv(bytes: Buffer): AsyncGenerator<ParsedRow[]> {
  if (bytes.includes(0)) throw new FileProblem('This is not a CSV text file or an XLSX workbook (it holds binary data).');
  if (!isUtf8(bytes)) {
    throw new FileProblem('The file is not UTF-8 text. Save the CSV as "CSV UTF-8" so Latvian letters (ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž) survive.');
  }
  let text = bytes.toString('utf8', bytes.subarray(0, UTF8_BOM.length).equals(UTF8_BOM) ? UTF8_BOM.length : 0);
  // One kind of line end for the parser, which takes one per file: CR LF and a lone CR become LF, so a file
  // whose lines end differently (edited in two programs) is read as it looks. The columns hold codes,
  // dates and keys, where a line break inside a quoted value is an error either way.
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';

  let row = 1;
  let piece: ParsedRow[] = [];
  let problem: FileProblem | undefined;
  /** Where in the text the piece being parsed starts: a parse error's index counts from there. */
  let offset = 0;
  let parser: Papa.Parser | undefined;
  let done = false;
  Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    // Lines with nothing but blanks and delimiters too, as spreadsheets leave below a table.
    skipEmptyLines: 'greedy',
    chunkSize: CHUNK_CHARS,
    chunk(results: Papa.ParseResult<string[]>, handle: Papa.Parser) {
      const [error] = results.errors;
      if (error) problem ??= new FileProblem(`The CSV cannot be read: ${error.message} (line ${lineAt(text, offset + (error.index ?? 0))}).`);
      offset = results.meta.cursor;
      for (const values of results.data) {
        for (let i = 0; i < values.length; i++) values[i] = values[i].trim();
        piece.push({ row: row++, values });
      }
      parser = handle;
      handle.pause();
    },
    complete: () => void (done = true),
  });
  for (;;) {
    if (problem) throw problem;
    if (piece.length) {
      yield piece;
      piece = [];
    }
    if (done) return;
    await yieldToEventLoop();
    parser!.resume();
  }
}

/** The line (1 for the first) that character `index` of `text` is on. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/** An XLSX workbook's first sheet, read whole (the format is a ZIP of the sheet), in one piece. */
async function* readXlsx(bytes: Buffer): AsyncGenerator<ParsedRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new FileProblem('The file looks like a ZIP or XLSX file but cannot be read as an XLSX workbook.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new FileProblem('The workbook has no sheet.');
  const raw = (value: ExcelJS.CellValue): string => {
    if (value === null || value === undefined) return '';
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'object' && 'text' in value) return String(value.text);
    if (typeof value === 'object' && 'result' in value) return raw(value.result as ExcelJS.CellValue);
    if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
    return String(value);
  };
  // Trimmed here, whatever kind of cell it is, as the CSV reader trims: validation takes values as given.
  const text = (value: ExcelJS.CellValue) => raw(value).trim();
  const rows: ParsedRow[] = [];
  let header: ParsedRow = { row: 1, values: [] };
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values = Array.from({ length: row.cellCount }, (_, i) => text(row.getCell(i + 1).value));
    if (number === 1) header = { row: 1, values };
    else if (values.some((v) => v !== '')) rows.push({ row: number, values });
  });
  yield [header, ...rows];
}

const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/\s+/g, '_');
