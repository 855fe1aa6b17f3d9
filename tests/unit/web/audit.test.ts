import { describe, expect, it } from 'vitest';
import type { AuditAction } from '../../../server/auth/audit';
import { auditActions, auditCsv, detailItems } from '../../../web/src/model/audit';
import en from '../../../web/src/i18n/accounts/en';

describe('audit log details', () => {
  it('shows a JSON object as labelled values, lists joined', () => {
    expect(detailItems(JSON.stringify({ kind: 'participation', file: 'q1.csv', rows: 12, institutions: ['VERTE', 'NVA'], previous: null, extra: { a: 1 } }))).toEqual([
      { key: 'kind', value: 'participation' },
      { key: 'file', value: 'q1.csv' },
      { key: 'rows', value: '12' },
      { key: 'institutions', value: 'VERTE, NVA' },
      { key: 'previous', value: '–' },
      { key: 'extra', value: '{"a":1}' },
    ]);
  });

  it('shows anything else as it is', () => {
    expect(detailItems(null)).toEqual([]);
    expect(detailItems('')).toEqual([]);
    expect(detailItems('not json')).toEqual([{ key: '', value: 'not json' }]);
    expect(detailItems('[1,2]')).toEqual([{ key: '', value: '1, 2' }]);
  });

  it('names every action the server writes, in both languages', () => {
    const server: Record<AuditAction, true> = {
      login: true,
      login_failed: true,
      login_refused_rate_limit: true,
      logout: true,
      import_accepted: true,
      import_rejected: true,
      import_duplicate: true,
      import_rolled_back: true,
      kpi_target_set: true,
      user_added: true,
      user_disabled: true,
      user_password_set: true,
    };
    expect([...auditActions].sort()).toEqual(Object.keys(server).sort());
    expect(Object.keys(en.audit.actions).sort()).toEqual([...auditActions].sort());
  });
});

describe('audit log as CSV', () => {
  it('quotes what needs quoting and keeps formulas from running', () => {
    const text = auditCsv([
      { id: '2', at: '2026-01-02T10:00:00Z', action: 'import_rejected', username: 'anna', ip: '127.0.0.1', requestId: 'r-1', details: '{"file":"a,b.csv","n":"say \\"hi\\""}' },
      { id: '1', at: '2026-01-01T10:00:00Z', action: 'login_failed', username: '=cmd()', ip: null, requestId: null, details: null },
    ]);
    const lines = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe('id,at,action,username,ip,request_id,details');
    expect(lines[1]).toBe('2,2026-01-02T10:00:00Z,import_rejected,anna,127.0.0.1,r-1,"{""file"":""a,b.csv"",""n"":""say \\""hi\\""""}"');
    expect(lines[2]).toBe("1,2026-01-01T10:00:00Z,login_failed,'=cmd(),,,");
  });
});
