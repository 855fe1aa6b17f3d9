import { READER_LOST } from '../sqlite-reader/protocol';
import type { Dialect } from './index';

export const sqlite: Dialect = {
  name: 'sqlite',
  // better-sqlite3 returns the row array itself.
  rows: (result) => result as Record<string, unknown>[],
  // What a statement fails with when its reader process is killed at QUERY_TIMEOUT_MS (sqlite-reader/).
  isTimeout: (error) => (error as { code?: string })?.code === 'SQLITE_INTERRUPT',
  isConnectionLost: (error) => ['SQLITE_CANTOPEN', 'SQLITE_NOTADB', READER_LOST].includes((error as { code?: string })?.code ?? ''),
};
