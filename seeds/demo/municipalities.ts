import { readReferenceCsv } from '../load-reference';
import { type Weighted, weighted } from './random';

/*
 * Demo participants live where people live: each of the 43 municipalities of the 2021 reform is drawn
 * in proportion to its population. Figures are rounded residents in thousands at the start of 2021
 * (approximate, only for plausible proportions).
 */
const RESIDENTS_THOUSANDS: Record<string, number> = {
  '0001000': 614,
  '0002000': 82,
  '0003000': 55,
  '0004000': 50,
  '0005000': 68,
  '0006000': 27,
  '0007000': 33,
  '0020000': 30,
  '0021000': 14,
  '0022000': 24,
  '0023000': 20,
  '0024000': 20,
  '0025000': 43,
  '0026000': 41,
  '0027000': 34,
  '0028000': 28,
  '0029000': 20,
  '0030000': 33,
  '0031000': 43,
  '0032000': 22,
  '0033000': 31,
  '0034000': 29,
  '0035000': 30,
  '0036000': 11,
  '0037000': 23,
  '0038000': 31,
  '0039000': 34,
  '0040000': 57,
  '0041000': 20,
  '0042000': 18,
  '0043000': 26,
  '0044000': 30,
  '0045000': 24,
  '0046000': 30,
  '0047000': 6,
  '0048000': 30,
  '0049000': 19,
  '0051000': 37,
  '0052000': 42,
  '0053000': 8,
  '0054000': 53,
  '0055000': 3,
  '0056000': 11,
};

/** The day the 43 municipalities came into being; demo data before it is recoded to them. */
const REFORM_DAY = '2021-07-01';

export interface Municipalities {
  /** ATVK codes of every municipality valid after the reform, in reference-file order. */
  codes: string[];
  byPopulation: Weighted<string>;
}

export function loadMunicipalities(): Municipalities {
  const codes = readReferenceCsv('municipalities.csv')
    .filter((m) => m.valid_from <= REFORM_DAY && (!m.valid_to || m.valid_to >= REFORM_DAY))
    .map((m) => m.atvk_code);
  const missing = codes.filter((code) => !(code in RESIDENTS_THOUSANDS));
  if (missing.length > 0) throw new Error(`No population weight for municipalities ${missing.join(', ')}`);
  return { codes, byPopulation: weighted(codes.map((code) => [code, RESIDENTS_THOUSANDS[code]] as const)) };
}
