import { useI18n } from 'vue-i18n';
import { cellText, type ChartTexts, type ValueFormat } from '../charts/format';
import type { Cell } from '../charts/pivot';
import type { Measure } from '../gql/graphql';
import { isRate } from '../model/semantics';

/** Numbers and dates in the current locale's formats, and the translated words charts need. */
export function useFormat() {
  const { n, d, t } = useI18n();

  const value: ValueFormat = (v: number, measure: Measure) => (isRate(measure) ? n(v, 'percent') : n(v, 'integer'));

  /** A calendar date (yyyy-mm-dd) or a timestamp. */
  function date(iso: string): string {
    return d(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso), 'short');
  }

  function dateTime(iso: string): string {
    return d(new Date(iso), 'long');
  }

  /** When something happened, to the second, with the time zone (UTC). */
  function timestamp(iso: string): string {
    return d(new Date(iso), 'stamp');
  }

  function chartTexts(title: string): ChartTexts {
    return {
      title,
      suppressed: t('chart.suppressed'),
      noData: t('chart.noData'),
      more: (count) => t('chart.more', { count }),
    };
  }

  /** A cell as text: suppressed cells say so, missing ones show a dash. */
  function cell(c: Cell, measure: Measure): string {
    return cellText(c, measure, value, { suppressed: t('chart.suppressed'), noData: t('chart.noData') });
  }

  return {
    value,
    cell,
    count: (v: number) => n(v, 'integer'),
    percent: (v: number) => n(v, 'percent'),
    date,
    dateTime,
    timestamp,
    chartTexts,
  };
}
