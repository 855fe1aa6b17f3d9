import type { Db } from '../db/connection';

export type AuditAction =
  | 'login'
  | 'login_failed'
  | 'login_refused_rate_limit'
  | 'logout'
  | 'import_accepted'
  | 'import_rejected'
  | 'import_duplicate'
  | 'import_rolled_back'
  | 'kpi_target_set'
  | 'user_added'
  | 'user_disabled'
  | 'user_password_set';

export interface AuditEntry {
  action: AuditAction;
  userId?: number | null;
  username?: string | null;
  ip?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log: who did what, when, from where. Pass a transaction to log atomically with the change. */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db('audit_log').insert({
    at: new Date().toISOString(),
    action: entry.action,
    user_id: entry.userId ?? null,
    username: entry.username ?? null,
    ip: entry.ip ?? null,
    request_id: entry.requestId ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  });
}
