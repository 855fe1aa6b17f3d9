import { computed } from 'vue';
import { PublishedFiguresDocument } from '../api/documents';
import type { PublishedFiguresQuery } from '../gql/graphql';
import { useGraphQL } from './useGraphQL';
import { useApiLang } from './useLang';

export type PublishedFigure = PublishedFiguresQuery['publishedFigures'][number];

/** The figures the source articles publish, each with the value the data gives for it. */
export function usePublishedFigures() {
  const lang = useApiLang();
  const remote = useGraphQL(PublishedFiguresDocument, () => ({ lang: lang.value }), (r) => r.publishedFigures);
  const byId = computed(() => new Map((remote.data.value ?? []).map((f) => [f.id, f])));
  return { ...remote, byId };
}
