/** What the server sends a SQLite reader process: one read-only statement with its positional bindings. */
export interface ReaderRequest {
  sql: string;
  bindings: (string | number | null)[];
}

/** What a reader answers: that it has loaded and opened the database, or a statement's rows or error. */
export type ReaderReply =
  | { type: 'ready' }
  | { type: 'rows'; rows: Record<string, unknown>[] }
  | { type: 'error'; message: string; code?: string };

/**
 * The code of the error a statement gets when its reader process stops under it (crashed or killed from
 * outside): the connection it ran on is gone, as when a PostgreSQL connection is terminated.
 */
export const READER_LOST = 'SQLITE_READER_LOST';

/**
 * The code of the error a statement gets when it ran past the timeout and its reader was killed: SQLite's
 * own code for a statement stopped by sqlite3_interrupt(), which is what killing the reader amounts to.
 */
export const INTERRUPTED = 'SQLITE_INTERRUPT';
