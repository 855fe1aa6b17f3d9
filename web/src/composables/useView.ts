import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { parseView, serializeView, type ViewState } from '../model/view';

/**
 * The one way pages read and change the view: it lives in the URL's query string, so reload, back
 * and a shared link all restore it.
 */
export function useView() {
  const route = useRoute();
  const router = useRouter();
  const view = computed(() => parseView(route.query));

  function update(patch: Partial<ViewState>): void {
    void router.push({ query: serializeView({ ...view.value, ...patch }), hash: route.hash });
  }

  /** A link to another page with the same view (filters and language travel along). */
  function linkTo(path: string, hash = ''): { path: string; query: Record<string, string>; hash: string } {
    return { path, query: serializeView(view.value), hash };
  }

  return { view, update, linkTo };
}
