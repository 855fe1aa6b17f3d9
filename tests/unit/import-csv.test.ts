import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, CsvSyntaxError } from '../../server/import/csv';

/*
 * The importer's own CSV reader replaced csv-parse for speed; csv-parse (still a dependency) is the
 * reference it is held to, for every file the two are meant to agree on.
 */

const readAll = (text: string, delimiter = ',', batch = 1000) => {
  const reader = new CsvReader(text, delimiter);
  const records: string[][] = [];
  for (let b = reader.next(batch); b.length; b = reader.next(batch)) records.push(...b);
  return records;
};
const reference = (text: string, delimiter = ',') => parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];

/** A field as a spreadsheet writes it: quoted when it holds the delimiter, a quote or a line break. */
const written = (value: string, delimiter: string) => (value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

describe('the import CSV reader', () => {
  it('reads what csv-parse reads, for any table of values, either delimiter and either line end', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('Jēkabpils novads', 'Ķegums; Ļaudona', 'a "quoted" word', 'two\nlines', 'ŗ,ū', '', ' padded '),
    );
    const table = fc.array(fc.array(value, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, fc.constantFrom(',', ';'), fc.constantFrom('\r\n', '\n'), fc.integer({ min: 1, max: 4 }), (rows, delimiter, eol, batch) => {
        const text = rows.map((r) => r.map((v) => written(v, delimiter)).join(delimiter)).join(eol) + eol;
        // A value on its own that is empty after trimming makes a blank line, which both skip.
        expect(readAll(text, delimiter, batch)).toEqual(reference(text, delimiter));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps Latvian letters, quoted delimiters and doubled quotes; skips blank lines; takes CR line ends', () => {
    const text = 'record_id;municipality;note\r\n\r\n  \r\nT-1;"Jēkabpils novads";"Ogre; Ķegums"\r\nT-2 ; Līvāni ;"say ""ūdens"""\rT-3;"multi\nline";\n';
    expect(readAll(text, ';', 2)).toEqual([
      ['record_id', 'municipality', 'note'],
      ['T-1', 'Jēkabpils novads', 'Ogre; Ķegums'],
      ['T-2', 'Līvāni', 'say "ūdens"'],
      ['T-3', 'multi\nline', ''],
    ]);
  });

  it.each([
    ['a quote inside an unquoted value', 'a,b\nc,d"e\n', /line 2: a quote inside an unquoted value/],
    ['text after a closing quote', 'a,b\n\n"c"x,d\n', /line 3: "x" after a closing quote/],
    ['a quote never closed', 'a,b\nc,"d\ne\n', /quoted value opened on line 2 is never closed/],
  ])('refuses %s, naming the line', (_name, text, message) => {
    expect(() => readAll(text)).toThrow(CsvSyntaxError);
    expect(() => readAll(text)).toThrow(message);
    expect(() => reference(text)).toThrow();
  });
});
