import { benchConsultations, benchEpisodes } from './bench';
import { demoContext } from './context';
import { sifEpisodes } from './diversity';
import type { ConsultationFact, ParticipationFact } from './facts';
import type { DemoPlan } from './plan';
import { prisonerConsultations } from './prison-consultations';
import { verteEpisodes } from './verte';

/** Every demo fact of a plan, as a stream: the published cores first, then the volume around them. */
export function* participationFacts(plan: DemoPlan): Generator<ParticipationFact> {
  const context = demoContext(plan.seed);
  yield* verteEpisodes(context);
  yield* sifEpisodes(context, plan.sifEpisodes);
  yield* benchEpisodes(context, plan.benchEpisodes);
}

export function* consultationFacts(plan: DemoPlan): Generator<ConsultationFact> {
  yield* prisonerConsultations(plan.seed, plan.prisonerConsultations);
  yield* benchConsultations(plan.seed, plan.benchConsultations);
}
