import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Lang } from '../catalog/models';
import { metadataLines, type ExportMetadata } from './metadata';
import type { ExportTable } from './table';
import { HEADINGS, inLang, PRODUCT } from './texts';

const PERCENT = '0.0%';
const DATE = 'yyyy-mm-dd';
const DATETIME = 'yyyy-mm-dd hh:mm:ss';
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
/** Enough rows to size the columns by; the rest of a long table rarely holds a longer value. */
const WIDTH_SAMPLE = 500;

/**
 * The table as a workbook, written with ExcelJS's streaming writer so rows go out as they are added.
 * Sheet 1 holds the data with typed cells (counts as numbers, rates as numbers shown as percentages,
 * codes as text so ATVK codes keep their leading zeros) under a frozen header; sheet 2 holds the
 * metadata, with dates as real dates and links as links.
 */
export function xlsxStream(table: ExportTable, meta: ExportMetadata, lang: Lang): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = inLang(PRODUCT, lang);
  workbook.title = meta.title;
  workbook.created = new Date(meta.generatedAt);
  writeWorkbook(workbook, table, meta, lang).catch((error: Error) => out.destroy(error));
  return out;
}

async function writeWorkbook(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: ExportTable, meta: ExportMetadata, lang: Lang) {
  const h = (key: keyof typeof HEADINGS) => inLang(HEADINGS[key], lang);

  const data = workbook.addWorksheet(h('data'), { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = table.columns.map((column, i) => ({
    header: column.name,
    key: column.name,
    width: widthOf([column.name, ...table.rows.slice(0, WIDTH_SAMPLE).map((row) => row[i])]),
    style: column.percent ? { numFmt: PERCENT } : {},
  }));
  data.getRow(1).font = { bold: true };
  data.getRow(1).commit();
  table.rows.forEach((values, i) => {
    const row = data.addRow(values);
    // The last row holds the totals.
    if (i === table.rows.length - 1) row.font = { bold: true };
    row.commit();
  });
  data.commit();

  const sheet = workbook.addWorksheet(h('metadata'));
  sheet.columns = [{ width: 32 }, { width: 90 }, { width: 60 }, { width: 30 }, { width: 40 }];
  const add = (values: ExcelJS.CellValue[], options: { bold?: boolean; numFmt?: string } = {}) => {
    const row = sheet.addRow(values);
    row.alignment = { vertical: 'top', wrapText: true };
    if (options.bold) row.font = { bold: true };
    if (options.numFmt) row.getCell(2).numFmt = options.numFmt;
    row.commit();
  };
  for (const line of metadataLines(meta, lang)) {
    if (line.kind === 'date') add([line.heading, new Date(`${line.value}T00:00:00Z`)], { numFmt: DATE });
    else if (line.kind === 'datetime') add([`${line.heading} (UTC)`, new Date(line.value)], { numFmt: DATETIME });
    else if (line.kind === 'url') add([line.heading, { text: line.value, hyperlink: line.value }]);
    else add([line.heading, line.value]);
  }
  add([]);
  add([h('sources')], { bold: true });
  add([h('sourceId'), h('sourceQuote'), h('sourceFile'), h('sourceValue'), h('sourceInterpretation')], { bold: true });
  for (const s of meta.sources) add([s.id, s.quote, s.source, s.value, s.interpretation ?? '']);
  if (meta.sources.length === 0) add([h('none')]);
  add([]);
  add([h('statusCodes')], { bold: true });
  for (const [column, codes] of Object.entries(meta.statusCodes)) {
    for (const [code, meaning] of Object.entries(codes)) add([`${column} ${code}`, meaning]);
  }
  add([]);
  add([h('columns')], { bold: true });
  add([h('column'), h('description'), h('title')], { bold: true });
  for (const column of table.columns) add([column.name, column.description, column.title]);
  sheet.commit();

  await workbook.commit();
}

function widthOf(values: unknown[]): number {
  // A number shows rounded (a rate as "33.3%"), so its full digits do not widen the column.
  const shown = (v: unknown) => (v === null || v === undefined ? 0 : typeof v === 'number' ? Math.min(String(v).length, 10) : String(v).length);
  const longest = Math.max(...values.map(shown));
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
}
