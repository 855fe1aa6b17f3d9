import type { Measure } from '../gql/graphql';

/* The Targets page's form: its fields, the checks made before sending, and where the API's errors belong. */

export const targetFields = ['programme', 'measure', 'periodFrom', 'periodTo', 'region', 'target', 'note'] as const;
export type TargetField = (typeof targetFields)[number];

export interface TargetForm {
  programme: string;
  measure: Measure | '';
  periodFrom: string;
  periodTo: string;
  region: string;
  target: string;
  note: string;
}

export const emptyTargetForm = (): TargetForm => ({ programme: '', measure: '', periodFrom: '', periodTo: '', region: '', target: '', note: '' });

export type FormProblem = 'required' | 'notNumber';

/**
 * Only what the API cannot be asked without: the required fields and a number for the target. Everything
 * else (known codes, from ≤ to, a rate between 0 and 1) the API checks and explains.
 */
export function checkTargetForm(form: TargetForm): Partial<Record<TargetField, FormProblem>> {
  const problems: Partial<Record<TargetField, FormProblem>> = {};
  for (const field of ['programme', 'measure', 'periodFrom', 'periodTo', 'target'] as const) if (!form[field].trim()) problems[field] = 'required';
  if (!problems.target && !Number.isFinite(parseNumber(form.target))) problems.target = 'notNumber';
  return problems;
}

/** A number typed either way: "1 200", "0,3" (Latvian decimal comma) or "0.3". */
export function parseNumber(text: string): number {
  const compact = text.trim().replace(/[\s\u00a0]/g, '');
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(compact)) return NaN;
  return Number(compact.replace(',', '.'));
}

/** The form field an API error's extensions.field points at ("input.periodFrom" → periodFrom). */
export function fieldOfError(field: string | undefined): TargetField | null {
  const name = field?.replace(/^input\./, '').split(/[.[]/)[0];
  return targetFields.find((f) => f === name) ?? null;
}

/** The end of a chosen day, as the DateTime `kpis(asOf:)` takes: everything set that day counts. */
export const endOfDay = (date: string) => `${date}T23:59:59.999Z`;

/** One target's identity: a new value for the same key replaces it (the old one stays as history). */
export const targetKey = (k: { programme: { code: string }; measure: string; periodFrom: string; periodTo: string; region?: { code: string } | null }) =>
  [k.programme.code, k.measure, k.periodFrom, k.periodTo, k.region?.code ?? ''].join('|');
