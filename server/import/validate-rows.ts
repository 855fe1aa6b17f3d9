import type { Catalog } from '../catalog/catalog';
import type { FactName } from '../analytics/model';
import { AGE_BANDS, FORMATS, GENDERS, MODES, OUTCOMES, STAGES } from '../analytics/model';
import { isIsoDate } from '../analytics/periods';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ParsedFile, ParsedRow } from './read-file';
import { TEMPLATES } from './templates';

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface ParticipationRow {
  record_id: string;
  person_key: string;
  programme_code: string;
  institution_code: string;
  region_code: string;
  entry_date: string;
  exit_date: string | null;
  outcome: string;
  outcome_date: string | null;
  gender: string;
  age_band: string;
  target_groups: string[];
}

export interface ConsultationRow {
  record_id: string;
  person_key: string;
  programme_code: string;
  institution_code: string;
  site_code: string;
  date: string;
  stage: string;
  format: string;
  mode: string;
}

export type ValidRows = { kind: 'participation'; rows: ParticipationRow[] } | { kind: 'consultation'; rows: ConsultationRow[] };

const RECORD_ID = /^[\w.:/-]{1,64}$/;
const PERSON_KEY = /^[A-Za-z0-9_-]{8,64}$/;
/** A Latvian personal code (ddmmyy-nnnnn or 32nnnn-nnnnn): never accepted as a person key. */
const PERSONAL_CODE = /^\d{6}-?\d{5}$/;
const AGE_50_PLUS_BANDS = new Set(['45-54', '55-64', '65+']);

export interface Scope {
  /** Institutions the importer may load data for; undefined for any. */
  institutions?: ReadonlySet<string>;
}

/** Rows checked between two turns of the event loop. */
const BATCH_ROWS = 5000;

export type ValidRow = ParticipationRow | ConsultationRow;

/**
 * The checks of one file, a batch of rows at a time, so the importer can write the rows checked so far
 * while the rest are still being read: `check` answers each row as stored, and `errors` collects every
 * problem with its row number (as a spreadsheet shows it) and column, so the importer can fix them all in
 * one go; the rows are valid only while `errors` is empty. What repeats from row to row (dates,
 * municipality codes) is checked once per distinct value.
 */
export class FileChecker {
  /** Set when the header does not match the template: then no row can be checked. */
  readonly headerProblem?: string;
  private readonly checker?: RowChecker;

  constructor(
    readonly kind: FactName,
    header: string[],
    catalog: Catalog,
    scope: Scope,
  ) {
    const expected = TEMPLATES[kind];
    const missing = expected.filter((c) => !header.includes(c));
    const unexpected = header.filter((c) => c !== '' && !expected.includes(c));
    if (missing.length || unexpected.length) {
      const parts = [
        missing.length ? `missing column(s) ${missing.join(', ')}` : '',
        unexpected.length ? `unexpected column(s) ${unexpected.slice(0, 10).join(', ')}` : '',
      ].filter(Boolean);
      this.headerProblem = `The header does not match the ${kind} template: ${parts.join('; ')}. Expected: ${expected.join(', ')}.`;
    } else {
      this.checker = new RowChecker(header, catalog, scope);
    }
  }

  get errors(): readonly RowError[] {
    return this.checker?.errors ?? [];
  }

  /** The rows as they would be stored (meaningful only while `errors` is empty). */
  check(batch: readonly ParsedRow[]): ValidRow[] {
    const checker = this.checker!;
    const check = this.kind === 'participation' ? checker.participation : checker.consultation;
    const rows: ValidRow[] = new Array(batch.length);
    for (let i = 0; i < batch.length; i++) rows[i] = check(batch[i].row, batch[i].values);
    return rows;
  }
}

/** Checks a whole file (see FileChecker), with a turn of the event loop every BATCH_ROWS rows. */
export async function validateRows(kind: FactName, file: ParsedFile, catalog: Catalog, scope: Scope): Promise<{ valid?: ValidRows; errors: RowError[]; headerProblem?: string }> {
  const checker = new FileChecker(kind, file.header, catalog, scope);
  if (checker.headerProblem) return { errors: [], headerProblem: checker.headerProblem };
  const rows: ValidRow[] = [];
  for (let i = 0; i < file.rows.length; i += BATCH_ROWS) {
    for (const row of checker.check(file.rows.slice(i, i + BATCH_ROWS))) rows.push(row);
    await yieldToEventLoop();
  }
  const errors = [...checker.errors];
  if (errors.length) return { errors };
  return { errors, valid: kind === 'participation' ? { kind, rows: rows as ParticipationRow[] } : { kind, rows: rows as ConsultationRow[] } };
}

/** The checks of one file; `row` and `values` are the row being checked. */
class RowChecker {
  readonly errors: RowError[] = [];
  private readonly seen = new Map<string, number>();
  private readonly validDates = new Map<string, boolean>();
  private readonly regionCodes = new Map<string, string | undefined>();
  private readonly today = new Date().toISOString().slice(0, 10);
  private readonly index: Record<string, number>;
  private row = 0;
  private values: string[] = [];

  constructor(
    header: string[],
    private readonly catalog: Catalog,
    private readonly scope: Scope,
  ) {
    this.index = Object.fromEntries([...TEMPLATES.participation, ...TEMPLATES.consultation].map((c) => [c, header.indexOf(c)]));
  }

  /** A column's value; the readers have trimmed it (read-file.ts). */
  private get(column: string): string {
    return this.values[this.index[column]] ?? '';
  }

  private fail(column: string, message: string): void {
    this.errors.push({ row: this.row, column, message });
  }

  private required(column: string): string {
    const value = this.get(column);
    if (!value) this.fail(column, 'is required');
    return value;
  }

  private oneOf(column: string, values: Record<string, unknown>): string {
    const value = this.required(column);
    if (value && !Object.hasOwn(values, value)) this.fail(column, `"${clip(value)}" is not one of ${Object.keys(values).join(', ')}`);
    return value;
  }

  private isDate(value: string): boolean {
    let valid = this.validDates.get(value);
    if (valid === undefined) this.validDates.set(value, (valid = isIsoDate(value)));
    return valid;
  }

  private date(column: string, optional = false): string | null {
    const value = optional ? this.get(column) : this.required(column);
    if (!value) return null;
    if (this.isDate(value)) return value;
    this.fail(column, `"${clip(value)}" is not a date written yyyy-mm-dd`);
    return null;
  }

  // The columns both templates share, of the row being checked.
  private recordId = '';
  private personKey = '';
  private programme = '';
  private institution = '';

  /** Checks the columns both templates share. */
  private common(row: number, values: string[]) {
    this.row = row;
    this.values = values;
    const { catalog, scope } = this;
    const recordId = this.required('record_id');
    if (recordId && !RECORD_ID.test(recordId)) this.fail('record_id', 'may hold up to 64 letters, digits and . _ : / -');
    if (recordId) {
      const first = this.seen.get(recordId);
      if (first !== undefined) this.fail('record_id', `"${clip(recordId)}" is already used on row ${first}`);
      else this.seen.set(recordId, row);
    }
    const personKey = this.required('person_key');
    if (personKey && PERSONAL_CODE.test(personKey)) this.fail('person_key', 'looks like a personal code; send the pseudonymous key (HMAC of the code) instead');
    else if (personKey && !PERSON_KEY.test(personKey)) this.fail('person_key', 'must be 8–64 letters, digits, _ or - (the pseudonymous key)');
    const programme = this.required('programme');
    if (programme && !catalog.programmes.has(programme)) this.fail('programme', `unknown programme "${clip(programme)}"`);
    const institution = this.required('institution');
    if (institution && !catalog.institutions.has(institution)) this.fail('institution', `unknown institution "${clip(institution)}"`);
    else if (institution && scope.institutions && !scope.institutions.has(institution)) this.fail('institution', `you may not load data for ${institution}`);
    this.recordId = recordId;
    this.personKey = personKey;
    this.programme = programme;
    this.institution = institution;
  }

  readonly participation = (row: number, values: string[]): ParticipationRow => {
    this.common(row, values);
    const entry = this.date('entry_date');
    const exit = this.date('exit_date', true);
    const outcome = this.oneOf('outcome', OUTCOMES);
    const outcomeDate = this.date('outcome_date', true);
    const municipality = this.get('municipality');
    const region = municipality ? this.regionCode(municipality, entry) : undefined;
    if (!municipality) this.fail('municipality', 'is required');
    else if (!region) this.fail('municipality', `"${clip(municipality)}" is not a municipality code valid today or on the entry date`);
    if (outcome === 'ONGOING') {
      if (this.get('exit_date') || this.get('outcome_date')) this.fail('outcome', 'an ONGOING episode has no exit_date and no outcome_date');
    } else if (outcome) {
      if (!this.get('exit_date')) this.fail('exit_date', `is required when the outcome is ${outcome}`);
      if (!this.get('outcome_date')) this.fail('outcome_date', `is required when the outcome is ${outcome}`);
    }
    if (entry && exit && exit < entry) this.fail('exit_date', `${exit} is before the entry date ${entry}`);
    if (entry && outcomeDate && outcomeDate < entry) this.fail('outcome_date', `${outcomeDate} is before the entry date ${entry}`);
    if (exit && outcomeDate && outcomeDate > exit) this.fail('outcome_date', `${outcomeDate} is after the exit date ${exit}`);
    const gender = this.oneOf('gender', GENDERS);
    const ageBand = this.oneOf('age_band', AGE_BANDS);
    const groups = this.targetGroups(ageBand);
    return {
      record_id: this.recordId,
      person_key: this.personKey,
      programme_code: this.programme,
      institution_code: this.institution,
      region_code: region ?? '',
      entry_date: entry ?? '',
      exit_date: exit,
      outcome,
      outcome_date: outcomeDate,
      gender,
      age_band: ageBand,
      target_groups: groups,
    };
  };

  private targetGroups(ageBand: string): string[] {
    const text = this.get('target_groups');
    if (!text) return [];
    const groups: string[] = [];
    for (const part of text.split(';')) {
      const g = part.trim();
      if (!g) continue;
      if (!this.catalog.targetGroups.has(g)) this.fail('target_groups', `unknown target group "${clip(g)}"`);
      groups.push(g);
    }
    if (new Set(groups).size !== groups.length) this.fail('target_groups', 'a target group is listed twice');
    if (groups.includes('AGE_50_PLUS') && ageBand && !AGE_50_PLUS_BANDS.has(ageBand)) this.fail('target_groups', `AGE_50_PLUS needs age band 45-54 or older, not ${ageBand}`);
    return groups;
  }

  readonly consultation = (row: number, values: string[]): ConsultationRow => {
    this.common(row, values);
    const when = this.date('date');
    const site = this.required('site');
    const prison = this.catalog.institutions.get(site);
    if (site && prison?.kind !== 'prison') this.fail('site', `"${clip(site)}" is not a prison code`);
    else if (site && when && !validOn(prison!, when)) this.fail('site', `${site} was not open on ${when}`);
    return {
      record_id: this.recordId,
      person_key: this.personKey,
      programme_code: this.programme,
      institution_code: this.institution,
      site_code: site,
      date: when ?? '',
      stage: this.oneOf('stage', STAGES),
      format: this.oneOf('format', FORMATS),
      mode: this.oneOf('mode', MODES),
    };
  };

  /**
   * A municipality code as stored: a code valid today (data recoded to today's boundaries, as statistics
   * usually are) or one valid on the entry date (a historic code such as LV-107 or its pre-2021 ATVK code).
   * Remembered per code when the answer does not depend on the date.
   */
  private regionCode(code: string, on: string | null): string | undefined {
    if (this.regionCodes.has(code)) return this.regionCodes.get(code);
    const region = this.catalog.region(code);
    if (!region || region.level !== 'MUNICIPALITY') {
      this.regionCodes.set(code, undefined);
      return undefined;
    }
    if (validOn(region, this.today)) {
      this.regionCodes.set(code, region.code);
      return region.code;
    }
    return on && validOn(region, on) ? region.code : undefined;
  }
}

const validOn = (item: { validFrom: string | null; validTo: string | null }, date: string) =>
  (item.validFrom ?? '0000') <= date && (item.validTo === null || item.validTo >= date);

const clip = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);
