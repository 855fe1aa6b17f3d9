import type { AuditEntry } from '../auth/audit';
import type { ValidRow } from './validate-rows';

/** The audit entry of an accepted import; the writer adds `rows` and `replaced` to its details. */
export type AcceptedAudit = AuditEntry & { details: Record<string, unknown> };

/**
 * Where an import's rows go, one transaction from the first row to the commit: the importer hands it
 * each batch as soon as it is validated, and the writer works on it (in the SQLite worker thread, or in
 * PostgreSQL's own process) while the next batch is read and checked, so an import takes about as long
 * as its slowest stage instead of the sum of them. Nothing is visible to anyone until `commit`; `abort`
 * (a later row failed validation, the file broke off, anything went wrong) rolls all of it back.
 */
export interface FactSink {
  /** Takes a batch of valid rows; resolves when the writer is ready for more (back-pressure). */
  write(rows: readonly ValidRow[]): Promise<void>;
  /**
   * Writes what is still pending, sets the dataset's row count, appends the audit entry and commits;
   * resolves with how many stored rows the import replaced. Rejects with the writer's error, the
   * transaction rolled back, if any write failed.
   */
  commit(rows: number, audit: AcceptedAudit): Promise<number>;
  /** Rolls everything back; safe to call at any time, more than once, and after a failure. */
  abort(): Promise<void>;
}

/** Batches a writer may hold before `write` waits: enough to keep it busy, little memory. */
export const BATCHES_IN_FLIGHT = 3;

/** The audit entry as committed: the accepted import with its row count and the rows it replaced. */
export const acceptedEntry = (entry: AcceptedAudit, rows: number, replaced: number): AuditEntry => ({ ...entry, details: { ...entry.details, rows, replaced } });
