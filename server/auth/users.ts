import type { Db } from '../db/connection';
import type { Role } from '../analytics/viewer';
import { audit } from './audit';
import { hashPassword, passwordProblem } from './passwords';

export interface UserRecord {
  id: number;
  username: string;
  role: Exclude<Role, 'PUBLIC'>;
  disabled: boolean;
  institutions: string[];
  passwordHash: string;
}

export const USERNAME = /^[a-z0-9][a-z0-9._@-]{2,63}$/;
export const ROLES = ['MANAGER', 'OFFICIAL', 'ADMIN'] as const;

/** Accounts. Nothing here ever creates a default or demo account: every user is added explicitly. */
export class Users {
  constructor(private readonly db: Db) {}

  async find(username: string): Promise<UserRecord | undefined> {
    const row = await this.db('app_user').where({ username }).first();
    return row ? this.withInstitutions(row) : undefined;
  }

  async byId(id: number): Promise<UserRecord | undefined> {
    const row = await this.db('app_user').where({ id }).first();
    return row ? this.withInstitutions(row) : undefined;
  }

  async list(): Promise<UserRecord[]> {
    const rows = await this.db('app_user').orderBy('username');
    return Promise.all(rows.map((r) => this.withInstitutions(r)));
  }

  async add(input: { username: string; password: string; role: UserRecord['role']; institutions: string[] }, by: string): Promise<UserRecord> {
    if (!USERNAME.test(input.username)) throw new Error('a username has 3–64 characters: lower-case letters, digits, . _ @ -');
    if (!ROLES.includes(input.role)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
    const problem = passwordProblem(input.password);
    if (problem) throw new Error(problem);
    if (input.role === 'MANAGER' && input.institutions.length === 0) throw new Error('a MANAGER needs at least one --institution');
    if (input.role !== 'MANAGER' && input.institutions.length > 0) throw new Error('only a MANAGER is scoped to institutions');
    const known = await this.db('institution').whereIn('code', input.institutions).pluck('code');
    const unknown = input.institutions.filter((c) => !known.includes(c));
    if (unknown.length) throw new Error(`unknown institution ${unknown.join(', ')}`);
    if (await this.find(input.username)) throw new Error(`user ${input.username} already exists`);
    const hash = await hashPassword(input.password);
    const now = new Date().toISOString();
    await this.db.transaction(async (trx) => {
      const [row] = await trx('app_user')
        .insert({ username: input.username, password_hash: hash, role: input.role, disabled: false, created_at: now, updated_at: now })
        .returning('id');
      const id = typeof row === 'object' ? row.id : row;
      if (input.institutions.length) {
        await trx('user_institution').insert(input.institutions.map((code) => ({ user_id: id, institution_code: code })));
      }
      await audit(trx, { action: 'user_added', username: by, details: { user: input.username, role: input.role, institutions: input.institutions } });
    });
    return (await this.find(input.username))!;
  }

  async disable(username: string, by: string): Promise<void> {
    const user = await this.find(username);
    if (!user) throw new Error(`no user ${username}`);
    await this.db.transaction(async (trx) => {
      await trx('app_user').where({ id: user.id }).update({ disabled: true, updated_at: new Date().toISOString() });
      await trx('session').where({ user_id: user.id }).delete();
      await audit(trx, { action: 'user_disabled', username: by, details: { user: username } });
    });
  }

  async setPassword(username: string, password: string, by: string): Promise<void> {
    const user = await this.find(username);
    if (!user) throw new Error(`no user ${username}`);
    const problem = passwordProblem(password);
    if (problem) throw new Error(problem);
    const hash = await hashPassword(password);
    await this.db.transaction(async (trx) => {
      await trx('app_user').where({ id: user.id }).update({ password_hash: hash, updated_at: new Date().toISOString() });
      // A new password ends every existing session of that user.
      await trx('session').where({ user_id: user.id }).delete();
      await audit(trx, { action: 'user_password_set', username: by, details: { user: username } });
    });
  }

  private async withInstitutions(row: Record<string, any>): Promise<UserRecord> {
    const institutions = await this.db('user_institution').where({ user_id: row.id }).orderBy('institution_code').pluck('institution_code');
    return userRecord(row, institutions);
  }
}

/** An `app_user` row and its institution codes as a record; sessions read both in one joined query. */
export function userRecord(row: Record<string, any>, institutions: string[]): UserRecord {
  return {
    id: Number(row.id),
    username: row.username,
    role: row.role,
    disabled: Boolean(row.disabled),
    institutions,
    passwordHash: row.password_hash,
  };
}
