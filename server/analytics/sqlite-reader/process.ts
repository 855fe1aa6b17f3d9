import Database from 'better-sqlite3';
import type { ReaderReply, ReaderRequest } from './protocol';

/*
 * A SQLite reader process (readers.ts says why a process): a read-only connection to the server's database
 * file, which WAL lets read the last committed data while the server's connection and the import writer
 * write. One statement at a time, as they arrive; the server sends the next only after this one's answer.
 */

const filename = process.argv[3];
let db: Database.Database | undefined;

function connection(): Database.Database {
  if (!db) {
    db = new Database(filename, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  }
  return db;
}

function reply(message: ReaderReply): void {
  process.send!(message);
}

function failure(error: unknown): ReaderReply {
  const e = error as { message?: string; code?: unknown };
  return { type: 'error', message: String(e?.message ?? error), code: typeof e?.code === 'string' ? e.code : undefined };
}

process.on('message', (request: ReaderRequest) => {
  try {
    reply({ type: 'rows', rows: connection().prepare(request.sql).all(request.bindings) as Record<string, unknown>[] });
  } catch (error) {
    reply(failure(error));
  }
});
// The server is gone (a crash, a SIGKILL): nothing is left to answer.
process.on('disconnect', () => process.exit(0));

try {
  connection();
} catch {
  // Reported to the first statement, which tries to open it again.
}
reply({ type: 'ready' });
