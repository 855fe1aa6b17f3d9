import type { Catalog } from '../catalog/catalog';
import type { FactName } from '../analytics/model';
import { AGE_BANDS, FORMATS, GENDERS, MODES, OUTCOMES, STAGES } from '../analytics/model';
import { isIsoDate } from '../analytics/periods';
import type { ParsedFile } from './read-file';
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
const today = () => new Date().toISOString().slice(0, 10);

export interface Scope {
  /** Institutions the importer may load data for; undefined for any. */
  institutions?: ReadonlySet<string>;
}

/**
 * Checks the header and every row of a file against its template, collecting every problem with its
 * row number (as a spreadsheet shows it) and column, so the importer can fix them all in one go.
 */
export function validateRows(kind: FactName, file: ParsedFile, catalog: Catalog, scope: Scope): { valid?: ValidRows; errors: RowError[]; headerProblem?: string } {
  const expected = TEMPLATES[kind];
  const missing = expected.filter((c) => !file.header.includes(c));
  const unexpected = file.header.filter((c) => c !== '' && !expected.includes(c));
  if (missing.length || unexpected.length) {
    const parts = [
      missing.length ? `missing column(s) ${missing.join(', ')}` : '',
      unexpected.length ? `unexpected column(s) ${unexpected.slice(0, 10).join(', ')}` : '',
    ].filter(Boolean);
    return { errors: [], headerProblem: `The header does not match the ${kind} template: ${parts.join('; ')}. Expected: ${expected.join(', ')}.` };
  }
  const index = Object.fromEntries(expected.map((c) => [c, file.header.indexOf(c)]));
  const errors: RowError[] = [];
  const seen = new Map<string, number>();

  const rows = file.rows.map(({ row, values }) => {
    const get = (column: string) => (values[index[column]] ?? '').trim();
    const fail = (column: string, message: string) => errors.push({ row, column, message });
    const required = (column: string) => {
      const value = get(column);
      if (!value) fail(column, 'is required');
      return value;
    };
    const oneOf = (column: string, values: Record<string, unknown>) => {
      const value = required(column);
      if (value && !Object.hasOwn(values, value)) fail(column, `"${clip(value)}" is not one of ${Object.keys(values).join(', ')}`);
      return value;
    };
    const date = (column: string, optional = false) => {
      const value = optional ? get(column) : required(column);
      if (value && !isIsoDate(value)) fail(column, `"${clip(value)}" is not a date written yyyy-mm-dd`);
      return value && isIsoDate(value) ? value : null;
    };

    const recordId = required('record_id');
    if (recordId && !RECORD_ID.test(recordId)) fail('record_id', 'may hold up to 64 letters, digits and . _ : / -');
    if (recordId) {
      const first = seen.get(recordId);
      if (first !== undefined) fail('record_id', `"${clip(recordId)}" is already used on row ${first}`);
      else seen.set(recordId, row);
    }
    const personKey = required('person_key');
    if (personKey && PERSONAL_CODE.test(personKey)) fail('person_key', 'looks like a personal code; send the pseudonymous key (HMAC of the code) instead');
    else if (personKey && !PERSON_KEY.test(personKey)) fail('person_key', 'must be 8–64 letters, digits, _ or - (the pseudonymous key)');
    const programme = required('programme');
    if (programme && !catalog.programmes.has(programme)) fail('programme', `unknown programme "${clip(programme)}"`);
    const institution = required('institution');
    if (institution && !catalog.institutions.has(institution)) fail('institution', `unknown institution "${clip(institution)}"`);
    else if (institution && scope.institutions && !scope.institutions.has(institution)) fail('institution', `you may not load data for ${institution}`);

    if (kind === 'participation') {
      const entry = date('entry_date');
      const exit = date('exit_date', true);
      const outcome = oneOf('outcome', OUTCOMES);
      const outcomeDate = date('outcome_date', true);
      const region = regionCode(get('municipality'), entry, catalog);
      if (!get('municipality')) fail('municipality', 'is required');
      else if (!region) fail('municipality', `"${clip(get('municipality'))}" is not a municipality code valid today or on the entry date`);
      if (outcome === 'ONGOING') {
        if (get('exit_date') || get('outcome_date')) fail('outcome', 'an ONGOING episode has no exit_date and no outcome_date');
      } else if (outcome) {
        if (!get('exit_date')) fail('exit_date', `is required when the outcome is ${outcome}`);
        if (!get('outcome_date')) fail('outcome_date', `is required when the outcome is ${outcome}`);
      }
      if (entry && exit && exit < entry) fail('exit_date', `${exit} is before the entry date ${entry}`);
      if (entry && outcomeDate && outcomeDate < entry) fail('outcome_date', `${outcomeDate} is before the entry date ${entry}`);
      if (exit && outcomeDate && outcomeDate > exit) fail('outcome_date', `${outcomeDate} is after the exit date ${exit}`);
      const gender = oneOf('gender', GENDERS);
      const ageBand = oneOf('age_band', AGE_BANDS);
      const groups = get('target_groups').split(';').map((g) => g.trim()).filter(Boolean);
      for (const g of groups) if (!catalog.targetGroups.has(g)) fail('target_groups', `unknown target group "${clip(g)}"`);
      if (new Set(groups).size !== groups.length) fail('target_groups', 'a target group is listed twice');
      if (groups.includes('AGE_50_PLUS') && ageBand && !AGE_50_PLUS_BANDS.has(ageBand)) fail('target_groups', `AGE_50_PLUS needs age band 45-54 or older, not ${ageBand}`);
      return {
        record_id: recordId,
        person_key: personKey,
        programme_code: programme,
        institution_code: institution,
        region_code: region ?? '',
        entry_date: entry ?? '',
        exit_date: exit,
        outcome,
        outcome_date: outcomeDate,
        gender,
        age_band: ageBand,
        target_groups: groups,
      } satisfies ParticipationRow;
    }

    const when = date('date');
    const site = required('site');
    const prison = catalog.institutions.get(site);
    if (site && prison?.kind !== 'prison') fail('site', `"${clip(site)}" is not a prison code`);
    else if (site && when && !validOn(prison!, when)) fail('site', `${site} was not open on ${when}`);
    return {
      record_id: recordId,
      person_key: personKey,
      programme_code: programme,
      institution_code: institution,
      site_code: site,
      date: when ?? '',
      stage: oneOf('stage', STAGES),
      format: oneOf('format', FORMATS),
      mode: oneOf('mode', MODES),
    } satisfies ConsultationRow;
  });

  if (errors.length) return { errors };
  return { errors, valid: kind === 'participation' ? { kind, rows: rows as ParticipationRow[] } : { kind, rows: rows as ConsultationRow[] } };
}

/**
 * A municipality code as stored: a code valid today (data recoded to today's boundaries, as statistics
 * usually are) or one valid on the entry date (a historic code such as LV-107 or its pre-2021 ATVK code).
 */
function regionCode(code: string, on: string | null, catalog: Catalog): string | undefined {
  const region = catalog.region(code);
  if (!region || region.level !== 'MUNICIPALITY') return undefined;
  if (validOn(region, today()) || (on && validOn(region, on))) return region.code;
  return undefined;
}

const validOn = (item: { validFrom: string | null; validTo: string | null }, date: string) =>
  (item.validFrom ?? '0000') <= date && (item.validTo === null || item.validTo >= date);

const clip = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);
