import type { FactName } from '../analytics/model';

/** The stored columns of each fact an import writes (besides id and dataset_id), in the writers' order. */
export const FACT_COLUMNS: Record<FactName, readonly string[]> = {
  participation: ['record_id', 'person_key', 'programme_code', 'institution_code', 'region_code', 'entry_date', 'exit_date', 'outcome', 'outcome_date', 'gender', 'age_band'],
  consultation: ['record_id', 'person_key', 'programme_code', 'institution_code', 'site_code', 'date', 'stage', 'format', 'mode'],
};
