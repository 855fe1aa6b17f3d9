import crypto from 'node:crypto';
import { dialectOf } from '../analytics/dialects';
import { SharedReads } from '../analytics/shared-read';
import type { Viewer } from '../analytics/viewer';
import type { Db } from '../db/connection';
import { onWritesSettled } from '../db/write-watch';
import { userRecord, type UserRecord } from './users';

export const SESSION_COOKIE = 'im_session';
/** A session ends after this long without a request… */
export const IDLE_MS = 2 * 60 * 60 * 1000;
/** …and at the latest this long after sign-in. */
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reads do not each cost a write. */
const TOUCH_MS = 60 * 1000;

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export interface SignedIn {
  viewer: Viewer;
  user: UserRecord;
}

/** What a session is read from: a write to any of them through this server drops the shared reads at once. */
const SESSION_TABLES = ['session', 'app_user', 'user_institution'];

type LookupRow = Record<string, any>;

/**
 * Database-backed sessions: any replica can resolve a cookie, and a logout ends a session everywhere.
 * A session's row may be shared by its requests for `ttlMs` (a page asks six or eight questions at once):
 * on PostgreSQL the lookup is a round trip, the largest part of a request's cost besides the answer's
 * computation. Only the read is shared: expiry and idleness are checked against the clock on every request.
 * A logout, a disabled user or a change of role or institutions through this server counts at its very next
 * request (its write drops every shared read); through another replica or the command line within `ttlMs`,
 * the same bound as the data version's.
 */
export class Sessions {
  /**
   * A session, its user and the user's institutions: one row per institution (one with a null code when
   * there are none). Compiled once — on every request, building it cost more than running it on SQLite.
   */
  private readonly lookup: string;
  /** The lookup's reads, by session id, each shared for `ttlMs` from when it began. */
  private readonly reads: SharedReads<string, LookupRow[]>;

  constructor(
    private readonly db: Db,
    ttlMs = 0,
  ) {
    this.lookup = db('session as s')
      .join('app_user as u', 'u.id', 's.user_id')
      .leftJoin('user_institution as ui', 'ui.user_id', 'u.id')
      .where('s.id', '?')
      .orderBy('ui.institution_code')
      .select('s.expires_at', 's.last_seen_at', 'u.id', 'u.username', 'u.role', 'u.disabled', 'u.password_hash', 'ui.institution_code')
      .toSQL().sql;
    // One statement, as each is a round trip on PostgreSQL; named, so PostgreSQL parses and plans it once per
    // connection instead of on every request, which halves its time there (SQLite ignores the name).
    const read = async (id: string) => dialectOf(db).rows(await db.raw(this.lookup, [id]).options({ name: 'resolve-session' }));
    this.reads = new SharedReads(read, ttlMs, { max: 10_000 });
    if (ttlMs > 0) onWritesSettled(db, SESSION_TABLES, () => this.reads.invalidate());
  }

  /** Starts a new session (a fresh token on every sign-in) and ends the one the browser had, if any. */
  async create(userId: number, previousToken?: string): Promise<{ token: string; expiresAt: Date }> {
    const token = crypto.randomBytes(32).toString('base64url');
    const now = Date.now();
    const expiresAt = new Date(now + ABSOLUTE_MS);
    await this.db.transaction(async (trx) => {
      if (previousToken) await trx('session').where({ id: hashToken(previousToken) }).delete();
      await trx('session').insert({
        id: hashToken(token),
        user_id: userId,
        created_at: new Date(now).toISOString(),
        last_seen_at: new Date(now).toISOString(),
        expires_at: expiresAt.toISOString(),
      });
    });
    return { token, expiresAt };
  }

  /**
   * The signed-in user of a cookie token, or undefined when it is unknown, expired, idle too long or disabled.
   */
  async resolve(token: string | undefined): Promise<SignedIn | undefined> {
    if (!token || token.length > 100) return undefined;
    const id = hashToken(token);
    const rows = await this.reads.get(id);
    const session = rows[0];
    if (!session) return undefined;
    const now = Date.now();
    if (Date.parse(session.expires_at) <= now || Date.parse(session.last_seen_at) + IDLE_MS <= now) {
      await this.db('session').where({ id }).delete();
      return undefined;
    }
    const user = userRecord(session, rows.map((r) => r.institution_code).filter((code): code is string => code !== null));
    if (user.disabled) return undefined;
    if (Date.parse(session.last_seen_at) + TOUCH_MS <= now) {
      await this.db('session').where({ id }).update({ last_seen_at: new Date(now).toISOString() });
    }
    return { user, viewer: { role: user.role, institutions: user.institutions, userId: user.id, username: user.username } };
  }

  async destroy(token: string | undefined): Promise<void> {
    if (token) await this.db('session').where({ id: hashToken(token) }).delete();
  }
}
