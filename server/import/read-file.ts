import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';

/** A problem with the file as a whole (not with one row): it gets a 400 and nothing is imported. */
export class FileProblem extends Error {}

export interface ParsedFile {
  header: string[];
  /** Data rows as the spreadsheet numbers them: the header is row 1. */
  rows: { row: number; values: string[] }[];
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

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
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FileProblem('The file is not UTF-8 text. Save the CSV as "CSV UTF-8" so Latvian letters (ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž) survive.');
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  const records: string[][] = [];
  try {
    const parser = Readable.from([text]).pipe(parse({ delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }));
    for await (const record of parser) records.push(record as string[]);
  } catch (error) {
    throw new FileProblem(`The CSV cannot be read: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
  const [header = [], ...data] = records;
  return { header: header.map(normaliseHeader), rows: data.map((values, i) => ({ row: i + 2, values })) };
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
