import { createI18n } from 'vue-i18n';
import type { Locale } from '../model/view';
import en from './en';
import lv from './lv';

type Formats = Record<Locale, Record<string, Intl.NumberFormatOptions>>;

const number: Record<string, Intl.NumberFormatOptions> = {
  integer: { maximumFractionDigits: 0 },
  decimal: { maximumFractionDigits: 1 },
  percent: { style: 'percent', maximumFractionDigits: 1 },
};

// Dates from the API are calendar dates (yyyy-mm-dd, read as UTC midnight): formatting them in UTC
// keeps them from slipping a day in time zones west of Greenwich.
const date: Record<string, Intl.DateTimeFormatOptions> = {
  short: { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' },
  long: { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' },
  // When something happened (audit log, imports, targets): to the second, saying the time zone.
  stamp: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC', timeZoneName: 'short' },
};

export const i18n = createI18n({
  legacy: false,
  locale: 'en' as Locale,
  fallbackLocale: 'en' as Locale,
  messages: { en, lv },
  numberFormats: { en: number, lv: number } satisfies Formats,
  datetimeFormats: { en: date, lv: date },
});
