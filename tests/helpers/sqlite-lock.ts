import Database from 'better-sqlite3';

/**
 * A connection of the test's own to a SQLite file that never waits for the write lock: `held()` asks for it
 * with BEGIN IMMEDIATE, which SQLite refuses at once (SQLITE_BUSY) while another connection, an import's
 * transaction, holds it; when granted, it is given back straight away.
 */
export function writeLockProbe(filename: string): { held(): boolean; close(): void } {
  const probe = new Database(filename, { timeout: 0 });
  return {
    held() {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        return false;
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
        throw error;
      }
    },
    close: () => probe.close(),
  };
}
