import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { FileProblem, readTable } from '../../server/import/read-file';

/*
 * Reading an uploaded CSV (PapaParse, a piece at a time so the event loop gets turns): what a spreadsheet
 * writes comes back as it was, including when a piece ends inside a quoted value or a Latvian letter.
 */

const read = (text: string) => readTable(Buffer.from(text, 'utf8'));

describe('reading an import CSV', () => {
  it('keeps Latvian letters, quoted delimiters, doubled quotes and line breaks; skips blank lines; takes CR line ends and a BOM', async () => {
    const text = '\uFEFFRecord ID;municipality;note\r\n\r\nT-1;"Jēkabpils novads";"Ogre; Ķegums"\r\nT-2 ; Līvāni ;"say ""ūdens"""\rT-3;"multi\nline";\n';
    expect(await read(text)).toEqual({
      header: ['record_id', 'municipality', 'note'],
      rows: [
        { row: 2, values: ['T-1', 'Jēkabpils novads', 'Ogre; Ķegums'] },
        { row: 3, values: ['T-2', 'Līvāni', 'say "ūdens"'] },
        { row: 4, values: ['T-3', 'multi\nline', ''] },
      ],
    });
  });

  it('reads a file of many pieces exactly, whatever falls on the pieces’ edges', async () => {
    // About 1 MB: sixteen pieces, with multi-byte letters and quoted line breaks all along.
    const rows = Array.from({ length: 12_000 }, (_, i) => [`T-${i}`, i % 2 ? 'Ķeguma novads' : 'Rēzeknes "pilsēta"', `piezīme ${i}\nar rindu`]);
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const text = ['a,b,c', ...rows.map((r) => r.map(quote).join(','))].join('\r\n');
    const table = await read(text);
    expect(table.rows.map((r) => r.values)).toEqual(rows);
    expect(table.rows.at(-1)!.row).toBe(rows.length + 1);
  });

  it.each([
    ['a quote never closed', 'a,b\nc,"d\ne\n'],
    ['text after a closing quote', 'a,b\n"c"x,d\n'],
  ])('refuses %s with a message that names the line', async (_name, text) => {
    const error = await read(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileProblem);
    expect((error as Error).message).toMatch(/^The CSV cannot be read: .*line \d/);
  });

  it('names the right line for a problem many pieces into a file', async () => {
    const lines = ['a,b', ...Array.from({ length: 20_000 }, (_, i) => (i === 14_321 ? `T-${i},"x"y` : `T-${i},"ok"`))];
    const error = await read(lines.join('\r\n')).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/line 14323\)/);
  });
});

describe('reading an import XLSX', () => {
  it('gives every kind of cell as trimmed text, as the CSV reader does: plain, rich text, hyperlink, formula result and date', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('dati');
    sheet.addRow([' Record ID ', 'municipality', 'note', 'entry_date']);
    sheet.addRow([
      ' T-1 ',
      { richText: [{ text: '  Jēkabpils ' }, { text: 'novads  ', font: { bold: true } }] },
      { text: ' saite ', hyperlink: 'https://example.invalid/' },
      new Date(Date.UTC(2022, 1, 10)),
    ]);
    sheet.addRow([{ formula: 'TRIM(" x ")', result: '  Līvāni ' }, 42, '   ', '']);
    const table = await readTable(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(table.header).toEqual(['record_id', 'municipality', 'note', 'entry_date']);
    expect(table.rows).toEqual([
      { row: 2, values: ['T-1', 'Jēkabpils novads', 'saite', '2022-02-10'] },
      { row: 3, values: ['Līvāni', '42', '', ''] },
    ]);
  });
});
