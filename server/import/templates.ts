import type { FactName } from '../analytics/model';

/** The columns of each import template, in the order the downloadable template lists them. */
export const TEMPLATES: Record<FactName, readonly string[]> = {
  participation: [
    'record_id',
    'person_key',
    'programme',
    'institution',
    'municipality',
    'entry_date',
    'exit_date',
    'outcome',
    'outcome_date',
    'gender',
    'age_band',
    'target_groups',
  ],
  consultation: ['record_id', 'person_key', 'programme', 'institution', 'site', 'date', 'stage', 'format', 'mode'],
};

export const isImportKind = (kind: unknown): kind is FactName => kind === 'participation' || kind === 'consultation';

/** The template as a CSV file: the header row, UTF-8 with a BOM so spreadsheets keep the encoding. */
export const templateCsv = (kind: FactName) => `\uFEFF${TEMPLATES[kind].join(',')}\r\n`;
