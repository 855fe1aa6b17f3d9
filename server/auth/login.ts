import { GraphQLError } from 'graphql';
import type { Db } from '../db/connection';
import { audit } from './audit';
import { decoyHash, verifyPassword } from './passwords';
import type { Sessions } from './sessions';
import type { UserRecord, Users } from './users';

/** Failed sign-ins allowed per username, and per client address, in the window before refusing. */
export const MAX_FAILURES_PER_USER = 5;
export const MAX_FAILURES_PER_IP = 20;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

const invalid = () =>
  // The same answer for an unknown user, a wrong password and a disabled account: nothing to enumerate.
  new GraphQLError('Wrong username or password.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/**
 * Sign-in with rate limiting kept in the audit log itself, so every replica counts the same failures.
 */
export async function login(
  deps: { db: Db; users: Users; sessions: Sessions },
  input: { username: string; password: string; ip: string; requestId: string; previousToken?: string },
): Promise<{ user: UserRecord; token: string; expiresAt: Date }> {
  const username = input.username.trim().toLowerCase().slice(0, 64);
  const since = new Date(Date.now() - FAILURE_WINDOW_MS).toISOString();
  const count = async (column: 'username' | 'ip', value: string) =>
    Number((await deps.db('audit_log').where({ action: 'login_failed', [column]: value }).andWhere('at', '>', since).count({ n: '*' }))[0].n);
  if ((await count('username', username)) >= MAX_FAILURES_PER_USER || (await count('ip', input.ip)) >= MAX_FAILURES_PER_IP) {
    await audit(deps.db, { action: 'login_refused_rate_limit', username, ip: input.ip, requestId: input.requestId });
    throw new GraphQLError('Too many failed sign-in attempts; wait 15 minutes and try again.', {
      extensions: { code: 'RATE_LIMITED', http: { status: 429 } },
    });
  }

  const user = await deps.users.find(username);
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
  if (!user || !ok || user.disabled) {
    await audit(deps.db, { action: 'login_failed', username, ip: input.ip, requestId: input.requestId, details: user?.disabled ? { reason: 'disabled' } : undefined });
    throw invalid();
  }
  const session = await deps.sessions.create(user.id, input.previousToken);
  await audit(deps.db, { action: 'login', userId: user.id, username, ip: input.ip, requestId: input.requestId });
  return { user, ...session };
}
