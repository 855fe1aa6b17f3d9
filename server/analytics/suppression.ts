import type { Measure } from '../schema/generated/resolvers-types';
import { MEASURES } from './model';

/*
 * Disclosure control for aggregates shown to people not entitled to exact values (design.md section 4).
 * Primary: a count of persons or events from 1 to threshold-1 is hidden. A rate is hidden when its
 * denominator is below RATE_MIN_DENOMINATOR or when either of its parts is hidden (else the hidden part
 * could be recomputed from the rate). Complementary: in every line of the table (cells that differ in
 * one dimension only, and all cells together with the total), a single hidden cell could be recovered by
 * subtraction, so the smallest other non-zero cell is hidden too, until no line has exactly one.
 * The same pattern is applied every time, so the same question always hides the same cells.
 */

export const RATE_MIN_DENOMINATOR = 10;

export interface Cell {
  value: number | null;
  suppressed: boolean;
}

export interface TableRow {
  key: string[];
  cells: Partial<Record<Measure, Cell>>;
}

export interface Table {
  rows: TableRow[];
  totals: Partial<Record<Measure, Cell>>;
}

/**
 * Hides cells in place; `measures` must include the parts of every ratio. Rows must be in a stable order.
 * `exempt(row)` (row index, or TOTAL) marks cells the viewer may see exactly (a manager's own data):
 * they are never hidden, and count as known when deciding what else to hide.
 */
export function applyDisclosureControl(table: Table, measures: Measure[], threshold: number, exempt: (row: number) => boolean = () => false): void {
  const lines = tableLines(table);
  const cellAt = (i: number, m: Measure) => (i === TOTAL ? table.totals[m]! : table.rows[i].cells[m]!);
  const open = [...table.rows.keys(), TOTAL].filter((i) => !exempt(i));
  for (const m of measures) {
    const def = MEASURES[m];
    if (def.ratio || !def.disclosive) continue;
    for (const i of open) {
      const cell = cellAt(i, m);
      if (cell.value !== null && cell.value > 0 && cell.value < threshold) hide(cell);
    }
    complementary(lines.map((line) => line.map((i) => ({ cell: cellAt(i, m), hideable: !exempt(i) }))));
  }
  for (const m of measures) {
    const ratio = MEASURES[m].ratio;
    if (!ratio) continue;
    for (const i of open) {
      const num = cellAt(i, ratio.numerator);
      const den = cellAt(i, ratio.denominator);
      if (num.suppressed || den.suppressed || den.value === null || den.value < RATE_MIN_DENOMINATOR) hide(cellAt(i, m));
    }
  }
}

export function countSuppressed(table: Table, measures: Measure[]): number {
  let n = 0;
  for (const cells of [...table.rows.map((r) => r.cells), table.totals]) {
    for (const m of measures) if (cells[m]?.suppressed) n++;
  }
  return n;
}

/** The row index that stands for the totals. */
export const TOTAL = -1;

/** Lines of the table as row indices: per dimension, the rows sharing every other code; and all rows with the total. */
function tableLines(table: Table): number[][] {
  const lines: number[][] = [];
  const width = table.rows[0]?.key.length ?? 0;
  if (width > 1) {
    for (let d = 0; d < width; d++) {
      const groups = new Map<string, number[]>();
      table.rows.forEach((row, i) => {
        const rest = row.key.filter((_, j) => j !== d).join('\u0000');
        const group = groups.get(rest);
        if (group) group.push(i);
        else groups.set(rest, [i]);
      });
      for (const group of groups.values()) lines.push(group);
    }
  }
  lines.push([...table.rows.keys(), TOTAL]);
  return lines;
}

function complementary(lines: { cell: Cell; hideable: boolean }[][]): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter(({ cell }) => cell.suppressed).length !== 1) continue;
      let pick: Cell | undefined;
      for (const { cell, hideable } of line) {
        if (hideable && !cell.suppressed && cell.value !== null && cell.value > 0 && (!pick || cell.value < pick.value!)) pick = cell;
      }
      if (pick) {
        hide(pick);
        changed = true;
      }
    }
  }
}

function hide(cell: Cell): void {
  cell.value = null;
  cell.suppressed = true;
}
