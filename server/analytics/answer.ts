import type { Lang } from '../catalog/models';
import type { Services } from '../context';
import type { AggregateInput } from '../schema/generated/resolvers-types';
import type { Timer } from './aggregate';
import type { DataState } from './data-state';
import type { Viewer } from './viewer';

/**
 * An aggregate answer as every client gets it — the GraphQL `aggregate` field and every export — so
 * rows, labels, totals, suppression and the published figures it reproduces are always the same.
 */
export async function answerQuery(services: Pick<Services, 'analytics' | 'figures'>, input: AggregateInput, lang: Lang, viewer: Viewer, state?: DataState, time?: Timer) {
  state ??= await services.analytics.dataState();
  const result = await services.analytics.aggregate(input, lang, viewer, state, time);
  const sources = await services.figures.reproducedBy(result.exact, state, result.isHidden);
  return { ...result, sources, state };
}
