/* The audit log as people read it: details as labelled values, and the entries as a CSV file. */

/** Actions the server writes (server/auth/audit.ts); the filter offers these, and shows any other as it comes. */
export const auditActions = [
  'login',
  'login_failed',
  'login_refused_rate_limit',
  'logout',
  'import_accepted',
  'import_rejected',
  'import_duplicate',
  'import_rolled_back',
  'kpi_target_set',
  'user_added',
  'user_disabled',
  'user_password_set',
] as const;

export const auditPageSizes = [10, 25, 50, 100] as const;

export interface DetailItem {
  key: string;
  value: string;
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (Array.isArray(value)) return value.length ? value.map(valueText).join(', ') : '–';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The details JSON as key/value lines, in the order written; text that is not a JSON object stays as it is. */
export function detailItems(details: string | null | undefined): DetailItem[] {
  if (!details) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return [{ key: '', value: details }];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [{ key: '', value: valueText(parsed) }];
  return Object.entries(parsed).map(([key, value]) => ({ key, value: valueText(value) }));
}

export interface AuditRow {
  id: string;
  at: string;
  action: string;
  username?: string | null;
  ip?: string | null;
  requestId?: string | null;
  details?: string | null;
}

function csvField(value: string | null | undefined): string {
  const v = value ?? '';
  // A leading = + - @ would run as a formula in a spreadsheet; a quote mark keeps it text.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The entries as CSV (UTF-8 with a BOM, so spreadsheets read the encoding right). */
export function auditCsv(entries: readonly AuditRow[]): string {
  const head = ['id', 'at', 'action', 'username', 'ip', 'request_id', 'details'];
  const lines = entries.map((e) => [e.id, e.at, e.action, e.username, e.ip, e.requestId, e.details].map(csvField).join(','));
  return `\uFEFF${[head.join(','), ...lines].join('\r\n')}\r\n`;
}
