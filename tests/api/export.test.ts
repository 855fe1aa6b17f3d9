import { createRequire } from 'node:module';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, signIn } from '../helpers/accounts';
import { testDatabases } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';

/*
 * Open-data exports through HTTP: every format parses back, with real readers, to exactly the rows,
 * labels, totals and suppression that the GraphQL `aggregate` query returns for the same query, language
 * and viewer.
 */

// The official Frictionless Data library (frictionlessdata/datapackage-js); it ships no types.
interface FrictionlessResource {
  read(options: { keyed?: boolean; cast?: boolean }): Promise<Record<string, unknown>[]>;
}
const frictionless = createRequire(import.meta.url)('datapackage') as {
  Package: { load(descriptor: object, basePath?: string): Promise<{ valid: boolean; errors: Error[] }> };
  Resource: { load(descriptor: object): Promise<FrictionlessResource & { valid: boolean; errors: Error[] }> };
};

const AGGREGATE = `query ($q: AggregateInput!, $lang: Lang) {
  aggregate(query: $q, lang: $lang) {
    rows { dimensions { dimension code label } measures { measure value suppressed } }
    totals { measure value suppressed }
    suppressedCells truncated synthetic dataAsOf from to
    sources { id quote source }
  }
}`;

type Query = { measures: string[]; dimensions?: string[]; [key: string]: unknown };
type Lang = 'lv' | 'en';
type Cell = { value: number | null; suppressed: boolean };
/** One row as every format must give it back: codes and labels per dimension, value and suppression per measure. */
type Row = { codes: string[]; labels: string[]; cells: Cell[] };

const VERTE = { institutions: ['VERTE'], from: '2020-09-01', to: '2021-05-01' };
const THREE_MUNICIPALITIES = ['0031000', '0006000', '0034000']; // Jēkabpils novads, Rēzekne, Ķekavas novads
/** A fine breakdown of a small period: many cells hold 1–4 persons, so anonymous users get suppression. */
const FINE: Query = {
  measures: ['PARTICIPANTS', 'REINTEGRATED', 'REINTEGRATION_RATE'],
  dimensions: ['MUNICIPALITY', 'AGE_BAND', 'GENDER'],
  filter: { programmes: ['DIVERSITY'], from: '2021-01-01', to: '2021-03-31' },
};

const QUERIES: [string, Query, Lang][] = [
  ['Verte totals, no dimensions', { measures: ['PARTICIPANTS', 'REINTEGRATED', 'REINTEGRATION_RATE'], filter: { ...VERTE, regions: ['0031000'] } }, 'en'],
  ['three municipalities in Latvian', { measures: ['PARTICIPANTS', 'NEW_PARTICIPANTS'], dimensions: ['MUNICIPALITY'], filter: { regions: THREE_MUNICIPALITIES, from: '2021-01-01', to: '2021-12-31' } }, 'lv'],
  ['Verte as recorded (LV-107)', { measures: ['PARTICIPANTS'], dimensions: ['MUNICIPALITY', 'YEAR'], boundaries: 'AS_RECORDED', filter: VERTE }, 'lv'],
  ['consultations by site and year', { measures: ['CONSULTATIONS', 'CONSULTED_PERSONS', 'CONSULTATION_SITES'], dimensions: ['SITE', 'YEAR'], filter: { programmes: ['EX_PRISONERS'] } }, 'en'],
  ['stages by quarter, ordered and truncated', { measures: ['CONSULTED_PERSONS'], dimensions: ['CONSULTATION_STAGE', 'QUARTER'], orderBy: [{ measure: 'CONSULTED_PERSONS', direction: 'DESC' }], limit: 7 }, 'lv'],
  ['rates by target group and gender', { measures: ['REINTEGRATION_RATE'], dimensions: ['TARGET_GROUP', 'GENDER'], filter: { programmes: ['DIVERSITY'], from: '2019-01-01', to: '2019-12-31' } }, 'en'],
  ['fine breakdown with suppressed cells', FINE, 'lv'],
];

const TOTAL = { lv: 'Kopā', en: 'Total' };

describe.each(testDatabases())('open-data exports on $id', ({ id }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ engine: id });
  });
  afterAll(() => server?.close());

  const exportUrl = (format: string, query: Query, lang: Lang) =>
    `${server.baseUrl}/api/export?${new URLSearchParams({ format, query: JSON.stringify(query), lang })}`;

  async function download(format: string, query: Query, lang: Lang, cookie?: string) {
    const response = await fetch(exportUrl(format, query, lang), { headers: cookie ? { cookie } : {} });
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.status, bytes.toString('utf8').slice(0, 300)).toBe(200);
    return { response, bytes };
  }

  async function aggregate(query: Query, lang: Lang, cookie?: string) {
    const response = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query: AGGREGATE, variables: { q: query, lang: lang.toUpperCase() } }),
    });
    const body = (await response.json()) as { data: { aggregate: any }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data.aggregate;
  }

  /** The GraphQL answer as export rows: its rows, then the totals under the codes _T. */
  function expectedRows(result: any, query: Query, lang: Lang): Row[] {
    const dims = query.dimensions ?? [];
    const cells = (values: any[]) => values.map((m) => ({ value: m.value, suppressed: m.suppressed }));
    return [
      ...result.rows.map((r: any) => ({ codes: r.dimensions.map((d: any) => d.code), labels: r.dimensions.map((d: any) => d.label), cells: cells(r.measures) })),
      { codes: dims.map(() => '_T'), labels: dims.map(() => TOTAL[lang]), cells: cells(result.totals) },
    ];
  }

  /** Rows from records keyed by column name, checking that every status agrees with its value. */
  function toRows(records: Record<string, unknown>[], query: Query, blank: unknown): Row[] {
    const dims = query.dimensions ?? [];
    return records.map((record) => ({
      codes: dims.map((d) => record[`${d}_code`] as string),
      labels: dims.map((d) => record[`${d}_label`] as string),
      cells: query.measures.map((m) => {
        const raw = record[m];
        const value = raw === blank ? null : Number(raw);
        const status = [record[`${m}_OBS_STATUS`], record[`${m}_CONF_STATUS`]];
        const suppressed = status[1] === 'C';
        expect(status).toEqual(suppressed ? ['Q', 'C'] : value === null ? ['M', 'F'] : ['A', 'F']);
        return { value, suppressed };
      }),
    }));
  }

  const csvRecords = (bytes: Buffer) => parseCsv(bytes, { bom: true, columns: true }) as Record<string, string>[];

  async function xlsxRecords(bytes: Buffer) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const records: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      records.push(Object.fromEntries(header.map((name, i) => [name, row.getCell(i + 1).value ?? null])));
    });
    return { workbook, sheet, header, records };
  }

  async function jsonDocument(bytes: Buffer) {
    return JSON.parse(bytes.toString('utf8')) as { metadata: any; columns: { name: string; type: string }[]; rows: Record<string, unknown>[] };
  }

  describe.each(QUERIES)('%s', (_name, query, lang) => {
    it('CSV, XLSX and JSON hold exactly the rows, codes, labels, totals and suppression of the aggregate query', async () => {
      const result = await aggregate(query, lang);
      const expected = expectedRows(result, query, lang);
      const [csv, xlsx, json] = await Promise.all([download('csv', query, lang), download('xlsx', query, lang), download('json', query, lang)]);

      expect(toRows(csvRecords(csv.bytes), query, '')).toEqual(expected);
      expect(toRows((await xlsxRecords(xlsx.bytes)).records, query, null)).toEqual(expected);
      const document = await jsonDocument(json.bytes);
      expect(toRows(document.rows, query, null)).toEqual(expected);
      expect(document.metadata).toMatchObject({
        synthetic: result.synthetic,
        dataAsOf: result.dataAsOf,
        truncated: result.truncated,
        suppressedCells: result.suppressedCells,
        period: { from: result.from, to: result.to },
        rows: result.rows.length,
      });
      expect(document.metadata.sources.map((s: { id: string }) => s.id)).toEqual(result.sources.map((s: { id: string }) => s.id));
    });
  });

  it('keeps Latvian diacritics in every format, and the CSV starts with a UTF-8 byte-order mark', async () => {
    const query: Query = { measures: ['PARTICIPANTS'], dimensions: ['MUNICIPALITY'], filter: { regions: THREE_MUNICIPALITIES, from: '2021-01-01', to: '2021-12-31' } };
    const names = { '0006000': 'Rēzekne', '0031000': 'Jēkabpils novads', '0034000': 'Ķekavas novads' };
    const labelsOf = (records: Record<string, unknown>[]) =>
      Object.fromEntries(records.filter((r) => r.MUNICIPALITY_code !== '_T').map((r) => [r.MUNICIPALITY_code, r.MUNICIPALITY_label]));

    const csv = await download('csv', query, 'lv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.response.headers.get('access-control-allow-origin')).toBe('*');
    expect(csv.bytes.toString('utf8')).toContain('0031000,Jēkabpils novads,');
    expect(labelsOf(csvRecords(csv.bytes))).toEqual(names);
    expect(labelsOf((await xlsxRecords((await download('xlsx', query, 'lv')).bytes)).records)).toEqual(names);
    expect(labelsOf((await jsonDocument((await download('json', query, 'lv')).bytes)).rows)).toEqual(names);
  });

  it('marks suppressed cells confidential in every format, with their values absent', async () => {
    const result = await aggregate(FINE, 'lv');
    expect(result.suppressedCells).toBeGreaterThan(0);
    const confidential = (records: Record<string, unknown>[], blank: unknown) =>
      records.flatMap((record) =>
        FINE.measures.filter((m) => record[`${m}_CONF_STATUS`] === 'C').map((m) => ({ value: record[m] === blank ? null : record[m], obs: record[`${m}_OBS_STATUS`] })),
      );

    const csv = confidential(csvRecords((await download('csv', FINE, 'lv')).bytes), '');
    const xlsx = confidential((await xlsxRecords((await download('xlsx', FINE, 'lv')).bytes)).records, null);
    const json = confidential((await jsonDocument((await download('json', FINE, 'lv')).bytes)).rows, null);
    for (const cells of [csv, xlsx, json]) {
      expect(cells).toHaveLength(result.suppressedCells);
      expect(new Set(cells.map((c) => JSON.stringify(c)))).toEqual(new Set([JSON.stringify({ value: null, obs: 'Q' })]));
    }
  });

  it('exports what the signed-in viewer sees: exact values for an official', async () => {
    const password = await addUser(server, `official-${id}`, 'OFFICIAL');
    const { cookie } = await signIn(server.baseUrl, `official-${id}`, password);
    const result = await aggregate(FINE, 'en', cookie);
    expect(result.suppressedCells).toBe(0);
    const document = await jsonDocument((await download('json', FINE, 'en', cookie)).bytes);
    expect(toRows(document.rows, FINE, null)).toEqual(expectedRows(result, FINE, 'en'));
    expect(document.metadata.suppressedCells).toBe(0);
    // The same link without the session cookie is an anonymous export, suppressed as usual.
    expect((await download('json', FINE, 'en')).bytes.toString('utf8')).toContain('_CONF_STATUS":"C"');
  });

  it('writes a spreadsheet people can use: typed cells, frozen header, percentages, and a metadata sheet', async () => {
    const query: Query = { measures: ['PARTICIPANTS', 'REINTEGRATED', 'REINTEGRATION_RATE'], dimensions: ['MUNICIPALITY'], filter: { ...VERTE, regions: ['0031000'] } };
    const { bytes, response } = await download('xlsx', query, 'lv');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="inclusion-monitor-participants-reintegrated-reintegration-rate-\d{8}\.xlsx"$/);
    const { workbook, sheet, header } = await xlsxRecords(bytes);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Dati', 'Metadati']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(header.slice(0, 3)).toEqual(['MUNICIPALITY_code', 'MUNICIPALITY_label', 'PARTICIPANTS']);
    const row = sheet.getRow(2);
    const cell = (name: string) => row.getCell(header.indexOf(name) + 1);
    expect(cell('MUNICIPALITY_code').value).toBe('0031000');
    expect(cell('PARTICIPANTS').value).toBe(60);
    expect(cell('REINTEGRATION_RATE').value).toBeCloseTo(0.3, 12);
    expect(cell('REINTEGRATION_RATE').numFmt).toMatch(/%$/);
    expect(sheet.columns.every((c) => (c.width ?? 0) >= 8)).toBe(true);

    const meta = workbook.getWorksheet('Metadati')!;
    const lines = new Map<string, ExcelJS.CellValue>();
    meta.eachRow((r) => lines.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(lines.get('Periods no')).toEqual(new Date('2020-09-01T00:00:00Z'));
    expect(lines.get('Izveidots (UTC)')).toBeInstanceOf(Date);
    expect(String(lines.get('Filtri'))).toContain('Jēkabpils novads (0031000)');
    expect(lines.get('Licence URL')).toMatchObject({ hyperlink: 'https://creativecommons.org/licenses/by/4.0/' });
    const permalink = lines.get('Pastāvīgā saite') as { hyperlink: string };
    expect(permalink.hyperlink).toBe(`${server.baseUrl}/explorer?${new URLSearchParams({ query: JSON.stringify(query), lang: 'lv' })}`);
    expect(String(lines.get('Kā atsaukties'))).toMatch(/^Iekļaušanas monitors \(\d{4}\)\. .*CC BY 4\.0/);
    expect(String(lines.get('Piezīmes'))).toContain('SINTĒTISKI DATI');
    expect(lines.get('VERTE_2021_PARTICIPANTS')).toBe('atbalsts sniegts 60 sociālās atstumtības riskam pakļautajiem iedzīvotājiem');
  });

  it('describes the CSV with a Frictionless data package that validates, data included', async () => {
    const zip = await JSZip.loadAsync((await download('zip', FINE, 'en')).bytes);
    const descriptor = JSON.parse(await zip.file('datapackage.json')!.async('string'));
    const pkg = await frictionless.Package.load(descriptor);
    expect(pkg.errors.map((e) => e.message)).toEqual([]);
    expect(pkg.valid).toBe(true);
    expect(descriptor).toMatchObject({
      profile: 'tabular-data-package',
      licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }],
      resources: [{ path: 'data.csv', format: 'csv', encoding: 'utf-8', schema: { missingValues: [''] } }],
    });

    // The Table Schema types every column of the file: cast each row through it (integers, rates within
    // [0, 1], status codes from their code lists, empty cells as missing values).
    const csv = (await zip.file('data.csv')!.async('nodebuffer')) as Buffer;
    const matrix = parseCsv(csv, { bom: true }) as string[][];
    expect(descriptor.resources[0].schema.fields.map((f: { name: string }) => f.name)).toEqual(matrix[0]);
    const { path: _path, ...inline } = descriptor.resources[0];
    const resource = await frictionless.Resource.load({ ...inline, data: matrix });
    expect(resource.valid).toBe(true);
    const rows = await resource.read({ keyed: true, cast: true });
    expect(rows).toHaveLength(matrix.length - 1);
    expect(rows.some((r) => r.PARTICIPANTS === null && r.PARTICIPANTS_CONF_STATUS === 'C')).toBe(true);

    // A descriptor that breaks the spec is refused by the same validator: the check has teeth.
    const broken = await frictionless.Package.load({ ...descriptor, resources: [{ ...descriptor.resources[0], schema: { fields: [{ name: 'x', type: 'count' }] } }] });
    expect(broken.valid).toBe(false);

    const standalone = await download('datapackage', FINE, 'en');
    expect(standalone.response.headers.get('content-disposition')).toBe('attachment; filename="datapackage.json"');
    const { created: _a, ...fromZip } = descriptor;
    const { created: _b, ...alone } = JSON.parse(standalone.bytes.toString('utf8'));
    expect(alone).toEqual(fromZip);
  });

  it('zips data.csv (the CSV export itself), datapackage.json and a README with citation, licence and sources', async () => {
    const query: Query = { measures: ['PARTICIPANTS', 'REINTEGRATED'], filter: { ...VERTE, regions: ['LV-107'] } };
    const [zipped, csv] = await Promise.all([download('zip', query, 'lv'), download('csv', query, 'lv')]);
    expect(zipped.response.headers.get('content-type')).toBe('application/zip');
    expect(zipped.response.headers.get('content-disposition')).toMatch(/filename="inclusion-monitor-participants-reintegrated-\d{8}\.zip"/);
    const zip = await JSZip.loadAsync(zipped.bytes);
    expect(Object.keys(zip.files).sort()).toEqual(['README.md', 'data.csv', 'datapackage.json']);
    expect(Buffer.compare((await zip.file('data.csv')!.async('nodebuffer')) as Buffer, csv.bytes)).toBe(0);

    const readme = await zip.file('README.md')!.async('string');
    expect(readme).toMatch(/^# Dalībnieki, Iekļāvušies, 2020-09-01 – 2021-05-01/);
    expect(readme).toContain('SINTĒTISKI DATI');
    expect(readme).toMatch(/Iekļaušanas monitors \(\d{4}\)\./);
    expect(readme).toContain('https://creativecommons.org/licenses/by/4.0/');
    expect(readme).toContain('atbalsts sniegts 60 sociālās atstumtības riskam pakļautajiem iedzīvotājiem');
    expect(readme).toContain('no kuriem 18 atkal izdevies iekļauties nodarbinātībā vai izglītībā');
    expect(readme).toMatch(/CONF_STATUS \| `C` \|/);
    expect(readme).toContain('Viesītes novads (LV-107)');
  });
});
