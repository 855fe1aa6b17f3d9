/*
 * The import endpoint's answers as outcomes the Import page shows. Pure, so every status the server
 * can answer with is unit-tested.
 */

export const importKinds = ['participation', 'consultation'] as const;
export type ImportKind = (typeof importKinds)[number];

/** The template columns (server/import/templates.ts is the source; a unit test keeps the two equal). */
export const templateColumns: Record<ImportKind, readonly string[]> = {
  participation: [
    'record_id',
    'person_key',
    'programme',
    'institution',
    'municipality',
    'entry_date',
    'exit_date',
    'outcome',
    'outcome_date',
    'gender',
    'age_band',
    'target_groups',
  ],
  consultation: ['record_id', 'person_key', 'programme', 'institution', 'site', 'date', 'stage', 'format', 'mode'],
};

/** Uploads over this size are refused by the server (413); the page says so before sending. */
export const maxUploadBytes = 50 * 1024 * 1024;

export const templateUrl = (kind: ImportKind) => `/api/import/template?kind=${kind}`;
export const importUrl = (kind: ImportKind) => `/api/import?kind=${kind}`;

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export type ImportOutcome =
  | { kind: 'imported'; dataset: string; rows: number; replaced: number }
  | { kind: 'duplicate'; dataset: string; rows: number | null }
  | { kind: 'rejected'; errors: RowError[]; errorCount: number }
  /** The file itself: unreadable, wrong header, empty, too large (400, 413, 415). */
  | { kind: 'file'; status: number; message: string }
  | { kind: 'signed-out'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'failed'; status: number; message: string };

type Body = Record<string, unknown> | null;

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function rowErrors(value: unknown): RowError[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    .map((e) => ({ row: count(e.row) ?? 0, column: text(e.column) ?? '', message: text(e.message) ?? '' }));
}

/** What an answer of POST /api/import means; `body` is its parsed JSON (null when it was not JSON). */
export function interpretImport(status: number, body: Body): ImportOutcome {
  const message = text(body?.message) ?? `HTTP ${status}`;
  if (status === 200 && body?.status === 'imported' && text(body.dataset)) {
    return { kind: 'imported', dataset: text(body.dataset)!, rows: count(body.rows) ?? 0, replaced: count(body.replaced) ?? 0 };
  }
  if (status === 200 && body?.status === 'duplicate' && text(body.dataset)) {
    return { kind: 'duplicate', dataset: text(body.dataset)!, rows: count(body.rows) };
  }
  if (status === 422 && body?.status === 'rejected') {
    const errors = rowErrors(body.errors);
    return { kind: 'rejected', errors, errorCount: Math.max(count(body.errorCount) ?? 0, errors.length) };
  }
  if (status === 400 || status === 413 || status === 415) return { kind: 'file', status, message };
  if (status === 401) return { kind: 'signed-out', message };
  if (status === 403) return { kind: 'forbidden', message };
  return { kind: 'failed', status, message };
}

/** Sends a file to the import endpoint as multipart field `file`, with the header CSRF prevention asks for. */
export async function uploadImport(kind: ImportKind, file: File): Promise<ImportOutcome> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(importUrl(kind), {
      method: 'POST',
      headers: { 'apollo-require-preflight': 'true', Accept: 'application/json' },
      body: form,
      credentials: 'same-origin',
    });
  } catch (error) {
    return { kind: 'failed', status: 0, message: error instanceof Error ? error.message : String(error) };
  }
  const body = (await response.json().catch(() => null)) as Body;
  return interpretImport(response.status, body && typeof body === 'object' ? body : null);
}
