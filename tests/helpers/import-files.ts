import { TEMPLATES } from '../../server/import/templates';

export type Row = Record<string, string>;

/** A valid participation row for Verte in Jēkabpils novads in 2022; override any column. */
export function participationRow(i: number, overrides: Row = {}): Row {
  return {
    record_id: `T-${i}`,
    person_key: `testperson${String(i).padStart(6, '0')}`,
    programme: 'DIVERSITY',
    institution: 'VERTE',
    municipality: '0031000',
    entry_date: '2022-02-10',
    exit_date: '2022-06-20',
    outcome: i % 3 === 0 ? 'EMPLOYMENT' : 'NOT_REINTEGRATED',
    outcome_date: '2022-06-20',
    gender: i % 2 ? 'F' : 'M',
    age_band: '45-54',
    target_groups: i % 2 ? 'AGE_50_PLUS;SINGLE_PARENT' : 'GENDER',
    ...overrides,
  };
}

export function consultationRow(i: number, overrides: Row = {}): Row {
  return {
    record_id: `C-${i}`,
    person_key: `testprisoner${String(i).padStart(6, '0')}`,
    programme: 'EX_PRISONERS',
    institution: 'NVA',
    site: 'JEK',
    date: '2023-05-15',
    stage: 'PRE_RELEASE',
    format: 'INDIVIDUAL',
    mode: 'IN_PERSON',
    ...overrides,
  };
}

/** A CSV of the template's columns (quoted where needed), with a BOM as Excel writes it. */
export function csv(kind: 'participation' | 'consultation', rows: Row[], columns: readonly string[] = TEMPLATES[kind]): string {
  const quote = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\uFEFF${[columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))].join('\r\n')}\r\n`;
}
