import type { Dialect } from './index';

export const sqlite: Dialect = {
  name: 'sqlite',
  // better-sqlite3 returns the row array itself.
  rows: (result) => result as Record<string, unknown>[],
  isTimeout: (error) => (error as { code?: string })?.code === 'SQLITE_INTERRUPT',
  isConnectionLost: (error) => ['SQLITE_CANTOPEN', 'SQLITE_NOTADB'].includes((error as { code?: string })?.code ?? ''),
};
