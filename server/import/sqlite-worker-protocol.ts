import type { FactName } from '../analytics/model';
import type { AuditEntry } from '../auth/audit';
import type { ConsultationRow, ParticipationRow } from './validate-rows';

/** The dataset row of an import, as inserted. */
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

/** What the importer sends the SQLite writer thread, in this order for one job. */
export type WorkerRequest =
  | { type: 'begin'; job: number; filename: string; fact: FactName; dataset: DatasetRow }
  | { type: 'rows'; job: number; rows: (ParticipationRow | ConsultationRow)[] }
  /** The audit entry of the accepted import; the thread adds `replaced` to its details. */
  | { type: 'commit'; job: number; audit: AuditEntry & { details: Record<string, unknown> } };

export type WorkerReply = { job: number; ok: true; replaced: number } | { job: number; ok: false; message: string; code?: string };
