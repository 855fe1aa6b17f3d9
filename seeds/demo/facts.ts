import type { AgeBand, Gender } from './profiles';

/** One participation episode as the generator yields it; the writer numbers them and adds the dataset. */
export interface ParticipationFact {
  recordId: string;
  personKey: string;
  programme: string;
  institution: string;
  region: string;
  entryDate: string;
  exitDate: string | null;
  outcome: Outcome;
  outcomeDate: string | null;
  gender: Gender;
  ageBand: AgeBand;
  targetGroups: string[];
}

export type Outcome = 'EMPLOYMENT' | 'EDUCATION' | 'NOT_REINTEGRATED' | 'ONGOING';

export interface ConsultationFact {
  recordId: string;
  personKey: string;
  programme: string;
  institution: string;
  site: string;
  date: string;
  stage: 'PRE_VOCATIONAL' | 'PRE_RELEASE';
  format: 'INDIVIDUAL' | 'GROUP';
  mode: 'IN_PERSON' | 'ONLINE';
}
