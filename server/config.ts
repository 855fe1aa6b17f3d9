import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Where the data lives: an embedded SQLite file or a PostgreSQL server. */
export type DatabaseTarget =
  | { client: 'sqlite'; filename: string; url: string }
  | { client: 'pg'; connectionString: string; url: string };

export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (!file) throw new Error('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:./data/inclusion-monitor.sqlite');
    return { client: 'sqlite', filename: file === ':memory:' ? file : path.resolve(cwd, file), url };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { client: 'pg', connectionString: url, url };
  throw new Error(`DATABASE_URL must start with "sqlite:" or "postgres://", got "${url}"`);
}

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).default('sqlite:./data/inclusion-monitor.sqlite'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Smallest count of persons or consultations shown to anonymous users; 1..threshold-1 is suppressed. */
  SUPPRESSION_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  /** Answers kept per server for repeated identical queries (0 turns the cache off). */
  RESPONSE_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(1000),
  /**
   * How long (ms) a server may answer from the data version it last read before reading it again; imports
   * and rollbacks through the same server are seen by its next request regardless, those through another
   * replica or the command line within this time. 0 reads it on every request.
   */
  DATA_VERSION_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(250),
  /**
   * How long (ms) one read of a session is shared by its requests; a logout, a disabled user or a change of
   * rights through the same server counts at its next request regardless, through another replica or the
   * command line within this time. 0 reads the session on every request. At most 1000: a logout must end a
   * session everywhere within a second.
   */
  SESSION_TTL_MS: z.coerce.number().int().min(0).max(1000).default(250),
  /** `memory`: answer from the in-memory rollup of the facts (SQL when it cannot); `sql`: always SQL. */
  ANALYTICS_ENGINE: z.enum(['memory', 'sql']).default('memory'),
  /** Worker threads that count the in-memory rollup's rows, a range of persons each (0: on the main thread). */
  SCAN_THREADS: z.coerce.number().int().min(0).max(64).default(Math.min(os.availableParallelism(), 8)),
  /**
   * Per-statement database timeout in milliseconds: PostgreSQL's statement_timeout; on SQLite, the reader
   * process running the statement is killed.
   */
  QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /**
   * On SQLite, processes that run the analytics SQL off the event loop, each on its own read-only
   * connection, killed and replaced when a statement passes QUERY_TIMEOUT_MS (0: on the server's own
   * connection, with no timeout). Statements queue for them.
   */
  SQLITE_READ_PROCESSES: z.coerce.number().int().min(0).max(16).default(1),
  /**
   * Which proxies' X-Forwarded-For/-Proto to believe: "false" (none; the default), "true" (any), a number
   * of hops, or addresses/CIDRs separated by commas. Sign-in rate limits count per client address and the
   * session cookie is Secure over HTTPS, so behind a load balancer this must name it.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | string | ((address: string, hop: number) => boolean) =>
      v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? (_address, hop) => hop < Number(v) : v,
    ),
  /** API requests answered at once; more are refused with 503 (0: no limit). */
  MAX_IN_FLIGHT: z.coerce.number().int().min(0).max(100_000).default(200),
  /** Mean event-loop delay (ms, over the last half second) above which API requests are refused with 503 (0: no limit). */
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
});

export type Config = Omit<z.infer<typeof schema>, 'DATABASE_URL'> & { database: DatabaseTarget };

/** Reads and validates the environment; throws one message listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const { DATABASE_URL, ...rest } = parsed.data;
  return { ...rest, database: parseDatabaseUrl(DATABASE_URL) };
}
