import type { TimeGrain } from './model';

/** A period bucket: its row code and inclusive ISO bounds, already clipped to the query's [from, to]. */
export interface Bucket {
  code: string;
  start: string;
  end: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const lastDayOfMonth = (year: number, month: number) => (month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

/** True for a real calendar date written yyyy-mm-dd (2021-02-30 is not). Imports check millions of these. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= lastDayOfMonth(year, month);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Buckets of one grain covering [from, to], clipped to it; with no grain, the whole period as one bucket. */
export function buckets(from: string, to: string, grain: TimeGrain | undefined): Bucket[] {
  if (!grain) return [{ code: 'ALL', start: from, end: to }];
  const monthsPerBucket = grain === 'year' ? 12 : grain === 'quarter' ? 3 : 1;
  let year = Number(from.slice(0, 4));
  let month = Math.floor((Number(from.slice(5, 7)) - 1) / monthsPerBucket) * monthsPerBucket + 1;
  const out: Bucket[] = [];
  for (;;) {
    const endMonth = month + monthsPerBucket - 1;
    const start = `${year}-${pad(month)}-01`;
    if (start > to) break;
    const end = `${year}-${pad(endMonth)}-${pad(lastDayOfMonth(year, endMonth))}`;
    const code =
      grain === 'year' ? `${year}` : grain === 'quarter' ? `${year}-Q${(month - 1) / 3 + 1}` : `${year}-${pad(month)}`;
    out.push({ code, start: start < from ? from : start, end: end > to ? to : end });
    month += monthsPerBucket;
    if (month > 12) {
      month -= 12;
      year += 1;
    }
  }
  return out;
}

const MONTHS_LV = ['janvāris', 'februāris', 'marts', 'aprīlis', 'maijs', 'jūnijs', 'jūlijs', 'augusts', 'septembris', 'oktobris', 'novembris', 'decembris'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A human label for a bucket code: "2021", "2021 Q2" / "2021. g. 2. cet.", "May 2021" / "2021. g. maijs". */
export function timeLabel(code: string, lang: 'LV' | 'EN'): string {
  const quarter = /^(\d{4})-Q(\d)$/.exec(code);
  if (quarter) return lang === 'LV' ? `${quarter[1]}. g. ${quarter[2]}. cet.` : `${quarter[1]} Q${quarter[2]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(code);
  if (month) {
    const m = Number(month[2]) - 1;
    return lang === 'LV' ? `${month[1]}. g. ${MONTHS_LV[m]}` : `${MONTHS_EN[m]} ${month[1]}`;
  }
  return code;
}
