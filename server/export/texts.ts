import type { Lang } from '../catalog/models';

/*
 * The words every export format shares, in both languages. Formats take their phrases from here so a
 * CSV's README, an XLSX metadata sheet and a JSON document never say the same thing two ways.
 */

export type Bilingual = { lv: string; en: string };

export const inLang = (text: Bilingual, lang: Lang) => (lang === 'LV' ? text.lv : text.en);

export const PRODUCT: Bilingual = { en: 'Inclusion Monitor', lv: 'Iekļaušanas monitors' };

export const LICENCE = {
  id: 'CC-BY-4.0',
  title: 'Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

/** SDMX's code for "all values of this dimension" (CL_* code lists use _T for the total). */
export const TOTAL_CODE = '_T';
export const TOTAL_LABEL: Bilingual = { en: 'Total', lv: 'Kopā' };

/**
 * Cell status, as statistics offices publish it (SDMX cross-domain code lists CL_OBS_STATUS v2.2 and
 * CL_CONF_STATUS). A value withheld by disclosure control is "missing; suppressed" and "confidential",
 * never an empty cell that could pass for zero; a rate with no participants to divide by cannot exist.
 */
export const OBS_STATUS = {
  A: { en: 'Normal value', lv: 'Parasta vērtība' },
  M: { en: 'Missing value; data cannot exist (a rate with no participants)', lv: 'Vērtības nav; dati nevar pastāvēt (īpatsvars bez dalībniekiem)' },
  Q: { en: 'Missing value; suppressed (see CONF_STATUS)', lv: 'Vērtības nav; slēpta (skatīt CONF_STATUS)' },
} satisfies Record<string, Bilingual>;
export type ObsStatus = keyof typeof OBS_STATUS;

export const CONF_STATUS = {
  F: { en: 'Free: may be published', lv: 'Brīvi publicējama' },
  C: {
    en: 'Confidential statistical information: withheld by disclosure control (a small count of persons, a rate over few persons, or a cell that would reveal one)',
    lv: 'Konfidenciāla statistiskā informācija: slēpta atklāšanas kontroles dēļ (mazs personu skaits, īpatsvars no maz personām vai šūna, kas ļautu to atklāt)',
  },
} satisfies Record<string, Bilingual>;
export type ConfStatus = keyof typeof CONF_STATUS;

export const COLUMN = {
  code: { en: 'code', lv: 'kods' },
  obsStatus: { en: 'observation status', lv: 'novērojuma statuss' },
  confStatus: { en: 'confidentiality status', lv: 'konfidencialitātes statuss' },
  codeDescription: { en: 'Code of', lv: 'Kods:' },
  labelDescription: { en: 'Name of', lv: 'Nosaukums:' },
} satisfies Record<string, Bilingual>;

/** Headings of the metadata, in the order every format lists them. */
export const HEADINGS = {
  title: { en: 'Title', lv: 'Nosaukums' },
  measures: { en: 'Measures', lv: 'Rādītāji' },
  dimensions: { en: 'Breakdown', lv: 'Dalījums' },
  filters: { en: 'Filters', lv: 'Filtri' },
  none: { en: 'none', lv: 'nav' },
  asOf: { en: 'Only data loaded by (asOf)', lv: 'Tikai dati, kas ielādēti līdz (asOf)' },
  boundaries: { en: 'Municipal boundaries', lv: 'Pašvaldību robežas' },
  from: { en: 'Period from', lv: 'Periods no' },
  to: { en: 'Period to', lv: 'Periods līdz' },
  generatedAt: { en: 'Generated at', lv: 'Izveidots' },
  dataAsOf: { en: 'Data loaded', lv: 'Dati ielādēti' },
  rows: { en: 'Rows', lv: 'Rindas' },
  suppressedCells: { en: 'Suppressed cells', lv: 'Slēptās šūnas' },
  notices: { en: 'Notices', lv: 'Piezīmes' },
  licence: { en: 'Licence', lv: 'Licence' },
  citation: { en: 'How to cite', lv: 'Kā atsaukties' },
  permalink: { en: 'Permalink', lv: 'Pastāvīgā saite' },
  sources: { en: 'Published figures this table reproduces', lv: 'Publicētie skaitļi, ko šī tabula atkārto' },
  statusCodes: { en: 'Status codes', lv: 'Statusa kodi' },
  columns: { en: 'Columns', lv: 'Kolonnas' },
  column: { en: 'Column', lv: 'Kolonna' },
  type: { en: 'Type', lv: 'Tips' },
  description: { en: 'Description', lv: 'Apraksts' },
  code: { en: 'Code', lv: 'Kods' },
  meaning: { en: 'Meaning', lv: 'Nozīme' },
  data: { en: 'Data', lv: 'Dati' },
  metadata: { en: 'Metadata', lv: 'Metadati' },
  sourceId: { en: 'Figure', lv: 'Skaitlis' },
  sourceValue: { en: 'Value', lv: 'Vērtība' },
  sourceQuote: { en: 'Quote', lv: 'Citāts' },
  sourceFile: { en: 'Source file', lv: 'Avota fails' },
  sourceInterpretation: { en: 'Interpretation', lv: 'Interpretācija' },
} satisfies Record<string, Bilingual>;

export const BOUNDARIES: Record<'CURRENT' | 'AS_RECORDED', Bilingual> = {
  CURRENT: { en: 'current (historic codes roll up to today’s municipalities)', lv: 'pašreizējās (vēsturiskie kodi apvienoti šodienas pašvaldībās)' },
  AS_RECORDED: { en: 'as recorded', lv: 'kā reģistrēts' },
};

export const NOTICES = {
  synthetic: {
    en: 'SYNTHETIC DATA: demo data contributed to these figures. They reproduce every published figure exactly; everything else is invented and must not be reported as fact.',
    lv: 'SINTĒTISKI DATI: šajos skaitļos ir demonstrācijas dati. Tie precīzi atkārto publicētos skaitļus, viss pārējais ir izdomāts un nav izmantojams kā fakts.',
  },
  truncated: {
    en: 'Truncated: the query had more rows than its limit; only the first rows are included. The total row covers all of them.',
    lv: 'Saīsināts: vaicājumam bija vairāk rindu nekā atļauts; iekļautas tikai pirmās rindas. Kopsummas rinda aptver visas.',
  },
  suppressed: {
    en: 'Small counts are suppressed to protect people’s privacy: a suppressed cell has no value, OBS_STATUS Q and CONF_STATUS C.',
    lv: 'Mazi skaitļi ir slēpti personu privātuma aizsardzībai: slēptai šūnai nav vērtības, OBS_STATUS ir Q un CONF_STATUS ir C.',
  },
  total: {
    en: 'The last row (codes _T) holds the totals over the whole filter, computed rather than summed: distinct persons do not add up across rows.',
    lv: 'Pēdējā rinda (kodi _T) satur kopsummas visam filtram, aprēķinātas, nevis saskaitītas: dažādas personas rindās neskaitās kopā.',
  },
} satisfies Record<string, Bilingual>;

export const CITATION = {
  en: (title: string, year: string, dataAsOf: string, accessed: string, link: string) =>
    `${PRODUCT.en} (${year}). ${title}. Data loaded ${dataAsOf}, accessed ${accessed}. Licence CC BY 4.0. ${link}`,
  lv: (title: string, year: string, dataAsOf: string, accessed: string, link: string) =>
    `${PRODUCT.lv} (${year}). ${title}. Dati ielādēti ${dataAsOf}, skatīts ${accessed}. Licence CC BY 4.0. ${link}`,
};

export const BREAKDOWN: Bilingual = { en: 'by', lv: 'dalījumā' };
