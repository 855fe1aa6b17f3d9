import type { FactName } from '../analytics/model';
import type { AcceptedAudit } from './fact-sink';
import type { ValidRow } from './validate-rows';

/** The dataset row of an import, as inserted (its row_count is set when the import commits). */
export interface DatasetRow {
  id: string;
  kind: 'import';
  synthetic: boolean;
  fact: FactName;
  description: string;
  source_file: string;
  file_hash: string;
  row_count: number;
  loaded_at: string;
  loaded_by: string;
  loaded_by_user_id: number | null;
}

/** What the importer sends the SQLite writer thread for one job: begin, rows…, then commit or abort. */
export type WorkerRequest =
  | { type: 'begin'; job: number; filename: string; fact: FactName; dataset: DatasetRow }
  | { type: 'rows'; job: number; rows: readonly ValidRow[] }
  /** `rows` is the dataset's row count; the thread adds it and `replaced` to the audit entry's details. */
  | { type: 'commit'; job: number; rows: number; audit: AcceptedAudit }
  | { type: 'abort'; job: number };

/**
 * What the thread answers: `written` once per batch of rows (the importer's back-pressure), then one of
 * `committed`, `aborted` or `failed` (the transaction rolled back; later messages of the job are ignored).
 */
export type WorkerReply =
  | { job: number; type: 'written' }
  | { job: number; type: 'committed'; replaced: number }
  | { job: number; type: 'aborted' }
  | { job: number; type: 'failed'; message: string; code?: string };
