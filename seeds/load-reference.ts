import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import Papa from 'papaparse';

/** The reference CSVs, copied from shared/reference so the product does not depend on a path outside the repo. */
export const REFERENCE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference');

type Row = Record<string, string>;

export function readReferenceCsv(file: string): Row[] {
  const { data, errors } = Papa.parse<Row>(fs.readFileSync(path.join(REFERENCE_DIR, file), 'utf8'), {
    header: true,
    skipEmptyLines: true,
    transformHeader: (name) => name.trim(),
    transform: (value) => value.trim(),
  });
  if (errors.length) throw new Error(`${file}, data row ${errors[0].row! + 1}: ${errors[0].message}`);
  return data;
}

const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : value);
const numberOrNull = (value: string | undefined) => (orNull(value) === null ? null : Number(value));

export interface RegionRow {
  code: string;
  alt_code: string | null;
  name_lv: string;
  name_en: string;
  kind: string;
  planning_region_code: string;
  lat: number | null;
  lon: number | null;
  valid_from: string;
  valid_to: string | null;
  successor_code: string | null;
  rollup_code: string;
  split_note: string | null;
  note: string | null;
}

/**
 * Current and historic municipalities as one table. A historic unit takes the planning region of the
 * municipality it rolled up into, and every unit gets rollup_code: the end of its successor chain
 * (LV-107 Viesītes novads → 0031000 Jēkabpils novads; 0055000 Varakļānu → 0038000 Madonas).
 */
export function buildRegions(): RegionRow[] {
  const current = readReferenceCsv('municipalities.csv');
  const historic = readReferenceCsv('historic_municipalities.csv');
  const successor = new Map<string, string | null>();
  for (const m of current) successor.set(m.atvk_code, orNull(m.successor_atvk));
  for (const h of historic) successor.set(h.iso_code, orNull(h.successor_atvk));

  const rollup = (code: string): string => {
    const seen = new Set<string>();
    let at = code;
    for (let next = successor.get(at); next; next = successor.get(at)) {
      if (seen.has(next)) throw new Error(`Successor cycle at ${next}`);
      seen.add(next);
      at = next;
    }
    return at;
  };

  const rows: RegionRow[] = current.map((m) => ({
    code: m.atvk_code,
    alt_code: null,
    name_lv: m.name_lv,
    name_en: m.name_en,
    kind: m.kind,
    planning_region_code: m.planning_region,
    lat: numberOrNull(m.lat),
    lon: numberOrNull(m.lon),
    valid_from: m.valid_from,
    valid_to: orNull(m.valid_to),
    successor_code: orNull(m.successor_atvk),
    rollup_code: rollup(m.atvk_code),
    split_note: null,
    note: orNull(m.note),
  }));
  const planningRegion = new Map(rows.map((r) => [r.code, r.planning_region_code]));
  for (const h of historic) {
    const rolledUp = rollup(h.iso_code);
    const region = planningRegion.get(rolledUp);
    if (!region) throw new Error(`Historic municipality ${h.iso_code} rolls up to unknown ${rolledUp}`);
    rows.push({
      code: h.iso_code,
      alt_code: orNull(h.atvk_2009),
      name_lv: h.name_lv,
      name_en: h.name_en,
      kind: h.kind,
      planning_region_code: region,
      lat: null,
      lon: null,
      valid_from: h.valid_from,
      valid_to: orNull(h.valid_to),
      successor_code: orNull(h.successor_atvk),
      rollup_code: rolledUp,
      split_note: orNull(h.split_note),
      note: orNull(h.evidence) && `evidence: ${h.evidence}`,
    });
  }
  // Successors first, so the self-referencing foreign key is satisfied row by row.
  const order = (r: RegionRow) => (r.successor_code === null ? 0 : successor.get(r.successor_code) ? 1 : 2);
  return rows.sort((a, b) => order(a) - order(b));
}

/** Loads every reference table in one transaction. Returns false (and does nothing) when already loaded. */
export async function loadReferenceData(db: Knex): Promise<boolean> {
  const existing = await db('planning_region').count<{ n: number | string }[]>({ n: '*' });
  if (Number(existing[0].n) > 0) return false;

  await db.transaction(async (trx) => {
    await trx('planning_region').insert(
      readReferenceCsv('planning_regions.csv').map((r) => ({ code: r.code, name_lv: r.name_lv, name_en: r.name_en })),
    );
    await trx.batchInsert('region', buildRegions() as unknown as Record<string, unknown>[], 100);
    await trx('esf_indicator').insert(
      readReferenceCsv('esf_indicators.csv').map((r) => ({ code: r.code, kind: r.kind, name_en: r.name_en, note: orNull(r.note) })),
    );
    const institutions = readReferenceCsv('institutions.csv');
    // Parents before children, for the self-referencing foreign key.
    institutions.sort((a, b) => Number(Boolean(a.parent_code)) - Number(Boolean(b.parent_code)));
    await trx('institution').insert(
      institutions.map((r) => ({
        code: r.code,
        name_lv: r.name_lv,
        name_en: r.name_en,
        kind: r.kind,
        parent_code: orNull(r.parent_code),
        region_code: orNull(r.municipality_atvk),
        valid_from: orNull(r.valid_from),
        valid_to: orNull(r.valid_to),
        note: orNull(r.note),
      })),
    );
    await trx('programme').insert(
      readReferenceCsv('programmes.csv').map((r) => ({
        code: r.code,
        name_lv: r.name_lv,
        name_en: r.name_en,
        project_no: orNull(r.project_no),
        operator_code: r.operator,
        specific_objective: orNull(r.specific_objective),
        start_date: orNull(r.start_date),
        end_date: orNull(r.end_date),
        esf_share: numberOrNull(r.esf_share),
        state_share: numberOrNull(r.state_share),
        synthetic: false,
        note: orNull(r.note),
      })),
    );
    const groups = readReferenceCsv('target_groups.csv');
    groups.sort((a, b) => Number(Boolean(a.parent_code)) - Number(Boolean(b.parent_code)));
    await trx('target_group').insert(
      groups.map((r) => ({
        code: r.code,
        parent_code: orNull(r.parent_code),
        name_lv: r.name_lv,
        name_en: r.name_en,
        esf_indicator_code: orNull(r.esf_indicator),
        note: orNull(r.note),
      })),
    );
    await trx('published_figure').insert(
      readReferenceCsv('published_figures.csv').map((r) => ({
        id: r.id,
        programme_code: r.programme,
        institution_code: orNull(r.institution),
        region_code: orNull(r.region),
        period_from: r.period_from,
        period_to: r.period_to,
        measure: r.measure,
        breakdown: orNull(r.breakdown),
        value: Number(r.value),
        qualifier: r.qualifier,
        source: r.source,
        quote: r.quote,
        interpretation: orNull(r.interpretation),
      })),
    );
  });
  return true;
}
