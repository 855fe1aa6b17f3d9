import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { AggregateDocument } from '../api/documents';
import type { AggregateInput, AggregateQuery } from '../gql/graphql';
import { reportNotice } from './dataNotices';
import { useGraphQL, type Remote } from './useGraphQL';
import { useApiLang } from './useLang';

export type AggregateResult = AggregateQuery['aggregate'];

/**
 * The one way a page asks for numbers: re-runs when the query or the language changes, and reports
 * synthetic data and freshness to the layout while its answer is on screen.
 */
export function useAggregate(query: MaybeRefOrGetter<AggregateInput | null>): Remote<AggregateResult> {
  const lang = useApiLang();
  const remote = useGraphQL(
    AggregateDocument,
    () => {
      const q = toValue(query);
      return q ? { query: q, lang: lang.value } : null;
    },
    (r) => r.aggregate,
  );
  const owner = Symbol('aggregate');
  watch(remote.data, (result) => reportNotice(owner, result && { synthetic: result.synthetic, dataAsOf: result.dataAsOf ?? null }), {
    immediate: true,
  });
  onScopeDispose(() => reportNotice(owner, null));
  return remote;
}
