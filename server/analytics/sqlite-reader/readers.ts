import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { startProcess } from '../../workers/start';
import { INTERRUPTED, READER_LOST, type ReaderReply, type ReaderRequest } from './protocol';

/*
 * Why the analytics SQL on SQLite runs in child processes: better-sqlite3 is synchronous, so a statement
 * on the server's connection holds the event loop, and every other request, until it returns; and a
 * statement cannot be stopped once it runs. better-sqlite3 exposes neither sqlite3_interrupt() nor a
 * progress handler, and a worker thread does not help with the second part: Worker.terminate() only takes
 * effect when the thread returns to JavaScript, which a statement inside sqlite3_step() does not do
 * until it has finished, so a "terminated" thread goes on using a core for as long as the statement
 * would have run. A process can be stopped anywhere: past QUERY_TIMEOUT_MS its reader is killed with
 * SIGKILL (the statement ends that instant, its CPU is freed, and its read-only connection leaves no lock
 * behind: the kernel releases a dead process's file locks) and another reader is started in its place.
 * Each reader has its own read-only connection to the same file; WAL lets it read the last committed data
 * while the server's connection and the import writer write. A database in memory (`sqlite::memory:`)
 * cannot be opened by another process, so it keeps the statements on the server's connection.
 */

const READER = new URL('./process.ts', import.meta.url);

type Rows = Record<string, unknown>[];

interface Job {
  request: ReaderRequest;
  resolve(rows: Rows): void;
  reject(error: Error): void;
}

class Reader {
  readonly child: ChildProcess;
  /** Settles when the process has loaded and opened the database, or has died first. */
  readonly ready: Promise<boolean>;
  /** The statement it runs, or waits to run as soon as it is ready. */
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Killed or exited: it takes no more statements. */
  gone = false;

  constructor(module: URL, filename: string) {
    this.child = startProcess(module, [filename]);
    this.ready = new Promise((resolve) => {
      const onReady = (message: ReaderReply) => message.type === 'ready' && resolve(true);
      this.child.on('message', onReady);
      this.child.once('exit', () => resolve(false));
    });
    this.idle();
  }

  /** An idle reader does not keep the process alive (the command line's tools exit when done). */
  idle(): void {
    this.child.unref();
    this.child.channel?.unref();
  }

  busy(): void {
    this.child.ref();
    this.child.channel?.ref();
  }
}

/** The rows of read-only statements, each run by one of `size` reader processes; statements queue for them. */
export class SqliteReaders {
  private readonly readers: (Reader | undefined)[];
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(
    private readonly filename: string,
    size: number,
    private readonly options: {
      /** Past this, a statement's reader is killed and the statement fails as interrupted. */
      timeoutMs?: number;
      /** Told when a reader stops by itself (a crash, a kill from outside); the next statement starts another. */
      onReaderLost?: (error: Error) => void;
    } = {},
  ) {
    // Started now: a process takes a moment to load, which the first statement should not wait for.
    this.readers = Array.from({ length: size }, () => this.spawn());
  }

  read(sql: string, bindings: ReaderRequest['bindings']): Promise<Rows> {
    if (this.closed) return Promise.reject(lost('the SQLite readers are closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { sql, bindings }, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every reader; statements running or queued fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(lost('the SQLite readers are closed'));
    const readers = this.readers.splice(0).filter((r): r is Reader => r !== undefined);
    await Promise.all(
      readers.map(async (reader) => {
        const exited = reader.child.exitCode !== null || reader.child.signalCode !== null ? undefined : once(reader.child, 'exit');
        this.end(reader, lost('the SQLite readers are closed'));
        await exited;
      }),
    );
  }

  private spawn(): Reader {
    const reader = new Reader(READER, this.filename);
    reader.child.on('message', (message: ReaderReply) => {
      if (message.type === 'ready') return;
      const job = this.release(reader);
      if (!job) return;
      if (message.type === 'rows') job.resolve(message.rows);
      else job.reject(Object.assign(new Error(message.message), { name: 'SqliteError', code: message.code }));
      this.dispatch();
    });
    const stopped = (error: Error) => {
      if (reader.gone) return;
      this.end(reader, error);
      this.options.onReaderLost?.(error);
      this.dispatch();
    };
    reader.child.on('exit', (code, signal) => stopped(lost(`the SQLite reader process stopped (${signal ?? `exit code ${code}`})`)));
    reader.child.on('error', (error) => stopped(lost(`the SQLite reader process failed: ${error.message}`)));
    return reader;
  }

  /** Hands queued statements to free readers, starting readers in the places of those gone. */
  private dispatch(): void {
    if (this.closed) return;
    for (let k = 0; k < this.readers.length && this.queue.length > 0; k++) {
      let reader = this.readers[k];
      if (reader?.job) continue;
      if (!reader || reader.gone) this.readers[k] = reader = this.spawn();
      void this.run(reader, this.queue.shift()!);
    }
  }

  private async run(reader: Reader, job: Job): Promise<void> {
    reader.job = job;
    reader.busy();
    // A reader that dies before it is ready has already failed the job (`stopped`).
    if (!(await reader.ready) || reader.job !== job) return;
    const { timeoutMs } = this.options;
    if (timeoutMs) reader.timer = setTimeout(() => this.cancel(reader), timeoutMs);
    reader.child.send(job.request);
  }

  /** The statement ran past the timeout: it is stopped by killing its reader, and another takes its place. */
  private cancel(reader: Reader): void {
    const k = this.readers.indexOf(reader);
    this.end(reader, Object.assign(new Error(`the statement ran past ${this.options.timeoutMs} ms and was stopped`), { code: INTERRUPTED }));
    if (k >= 0 && !this.closed) this.readers[k] = this.spawn();
    this.dispatch();
  }

  /** Kills a reader (SIGKILL: it may be in the middle of a statement), failing its statement, if any, with `error`. */
  private end(reader: Reader, error: Error): void {
    reader.gone = true;
    reader.child.kill('SIGKILL');
    this.release(reader)?.reject(error);
  }

  /** The reader's statement, which it no longer runs. */
  private release(reader: Reader): Job | undefined {
    const job = reader.job;
    clearTimeout(reader.timer);
    reader.job = undefined;
    reader.timer = undefined;
    reader.idle();
    return job;
  }
}

function lost(message: string): Error {
  return Object.assign(new Error(message), { code: READER_LOST });
}
