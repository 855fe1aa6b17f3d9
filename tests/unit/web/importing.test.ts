import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../server/import/templates';
import { importKinds, interpretImport, templateColumns, templateUrl } from '../../../web/src/model/importing';

describe('import templates in the web app', () => {
  it('list the same columns as the server', () => {
    for (const kind of importKinds) expect(templateColumns[kind]).toEqual(TEMPLATES[kind]);
  });

  it('link the template download', () => {
    expect(templateUrl('consultation')).toBe('/api/import/template?kind=consultation');
  });
});

describe("the import endpoint's answers", () => {
  it('imported and duplicate', () => {
    expect(interpretImport(200, { status: 'imported', dataset: 'import-1', rows: 12, replaced: 2 })).toEqual({
      kind: 'imported',
      dataset: 'import-1',
      rows: 12,
      replaced: 2,
    });
    expect(interpretImport(200, { status: 'duplicate', dataset: 'import-1', rows: 12 })).toEqual({ kind: 'duplicate', dataset: 'import-1', rows: 12 });
  });

  it('rejected, with each row error and the count of all of them', () => {
    const errors = [
      { row: 3, column: 'entry_date', message: '"2022-13-01" is not a date' },
      { row: 5, column: 'municipality', message: 'unknown municipality "9999999"' },
    ];
    expect(interpretImport(422, { status: 'rejected', errors, errorCount: 1500 })).toEqual({ kind: 'rejected', errors, errorCount: 1500 });
    // A count below the rows listed would be a contradiction: the rows listed win.
    expect(interpretImport(422, { status: 'rejected', errors, errorCount: 0 })).toMatchObject({ errorCount: 2 });
    expect(interpretImport(422, { status: 'rejected', errors: [{ row: 'x' }, null] })).toEqual({
      kind: 'rejected',
      errors: [{ row: 0, column: '', message: '' }],
      errorCount: 1,
    });
  });

  it('file problems, with the server message', () => {
    expect(interpretImport(400, { status: 'invalid_file', error: 'INVALID_FILE', message: 'The header is wrong' })).toEqual({
      kind: 'file',
      status: 400,
      message: 'The header is wrong',
    });
    expect(interpretImport(413, { error: 'PAYLOAD_TOO_LARGE', message: 'The file is larger than the 50 MB upload limit' })).toMatchObject({ kind: 'file', status: 413 });
    expect(interpretImport(413, null)).toEqual({ kind: 'file', status: 413, message: 'HTTP 413' });
  });

  it('sessions and roles', () => {
    expect(interpretImport(401, { error: 'UNAUTHENTICATED', message: 'Sign in to import data.' })).toEqual({ kind: 'signed-out', message: 'Sign in to import data.' });
    expect(interpretImport(403, { error: 'FORBIDDEN', message: 'Your role (OFFICIAL) may not import data' })).toMatchObject({ kind: 'forbidden' });
  });

  it('anything else as a failure with its status', () => {
    expect(interpretImport(503, null)).toEqual({ kind: 'failed', status: 503, message: 'HTTP 503' });
    expect(interpretImport(200, { status: 'imported' })).toMatchObject({ kind: 'failed', status: 200 });
  });
});
