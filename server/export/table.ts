import type { AggregateOutput } from '../analytics/aggregate';
import { DIMENSIONS, MEASURES } from '../analytics/model';
import type { Lang } from '../catalog/models';
import type { Dimension, Measure } from '../schema/generated/resolvers-types';
import { COLUMN, CONF_STATUS, inLang, OBS_STATUS, TOTAL_CODE, TOTAL_LABEL, type ConfStatus, type ObsStatus } from './texts';

/*
 * The one tabular model of an export. It is built once from the aggregate's answer, and every format
 * writes this table, so a CSV, a spreadsheet and a JSON document cannot disagree on a row, a label or a
 * status.
 */

export type ColumnType = 'string' | 'integer' | 'number';

export interface Column {
  /** Stable machine name, the CSV header: MUNICIPALITY_code, PARTICIPANTS, PARTICIPANTS_OBS_STATUS… */
  name: string;
  type: ColumnType;
  role: 'code' | 'label' | 'value' | 'obsStatus' | 'confStatus';
  title: string;
  description: string;
  /** A fraction that spreadsheets show as a percentage. */
  percent?: boolean;
  /** The codes a status column may hold. */
  codes?: string[];
}

export type Value = string | number | null;

export interface ExportTable {
  columns: Column[];
  /** Values in column order: the result's rows, then one row of totals (codes _T). */
  rows: Value[][];
}

export function exportTable(result: Pick<AggregateOutput, 'plan' | 'rows' | 'totals'>, lang: Lang): ExportTable {
  const { dimensions, measures } = result.plan;
  const columns = [...dimensions.flatMap((d) => dimensionColumns(d, lang)), ...measures.flatMap((m) => measureColumns(m, lang))];
  const totalLabel = inLang(TOTAL_LABEL, lang);
  const rows = [
    ...result.rows.map((row) => [...row.dimensions.flatMap((d) => [d.code, d.label]), ...row.measures.flatMap(cell)]),
    [...dimensions.flatMap(() => [TOTAL_CODE, totalLabel]), ...result.totals.flatMap(cell)],
  ];
  return { columns, rows };
}

/** A measure's value with its SDMX status: a suppressed cell is confidential, never a blank that passes for zero. */
function cell(value: { value: number | null; suppressed: boolean }): [number | null, ObsStatus, ConfStatus] {
  if (value.suppressed) return [null, 'Q', 'C'];
  if (value.value === null) return [null, 'M', 'F'];
  return [value.value, 'A', 'F'];
}

function dimensionColumns(dimension: Dimension, lang: Lang): Column[] {
  const label = inLang(DIMENSIONS[dimension].label, lang);
  return [
    {
      name: `${dimension}_code`,
      type: 'string',
      role: 'code',
      title: `${label} (${inLang(COLUMN.code, lang)})`,
      description: `${inLang(COLUMN.codeDescription, lang)} ${label.toLowerCase()}; ${TOTAL_CODE} = ${inLang(TOTAL_LABEL, lang).toLowerCase()}.`,
    },
    { name: `${dimension}_label`, type: 'string', role: 'label', title: label, description: `${inLang(COLUMN.labelDescription, lang)} ${label.toLowerCase()}.` },
  ];
}

function measureColumns(measure: Measure, lang: Lang): Column[] {
  const def = MEASURES[measure];
  const label = inLang(def.label, lang);
  const codeList = (codes: Record<string, { lv: string; en: string }>) =>
    Object.entries(codes)
      .map(([code, meaning]) => `${code} = ${inLang(meaning, lang)}`)
      .join('; ');
  return [
    { name: measure, type: def.ratio ? 'number' : 'integer', role: 'value', title: label, description: inLang(def.description, lang), percent: Boolean(def.ratio) },
    {
      name: `${measure}_OBS_STATUS`,
      type: 'string',
      role: 'obsStatus',
      title: `${label}: ${inLang(COLUMN.obsStatus, lang)}`,
      description: `SDMX OBS_STATUS: ${codeList(OBS_STATUS)}.`,
      codes: Object.keys(OBS_STATUS),
    },
    {
      name: `${measure}_CONF_STATUS`,
      type: 'string',
      role: 'confStatus',
      title: `${label}: ${inLang(COLUMN.confStatus, lang)}`,
      description: `SDMX CONF_STATUS: ${codeList(CONF_STATUS)}.`,
      codes: Object.keys(CONF_STATUS),
    },
  ];
}
