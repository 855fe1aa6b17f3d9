import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { onScopeDispose, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import { answersGeneration, request, send } from '../api/client';

export interface Remote<T> {
  data: ShallowRef<T | null>;
  /** The message of the last failure; never thrown into templates. */
  error: ShallowRef<string | null>;
  loading: Ref<boolean>;
  retry(): void;
}

/**
 * Runs a document whenever its variables change (null variables: nothing to ask yet). Answers that
 * arrive after newer variables were asked for are dropped, so fast filter changes cannot show stale data.
 */
export function useGraphQL<R, V, T>(
  document: TypedDocumentNode<R, V>,
  variables: () => V | null,
  pick: (result: R) => T,
  /** fresh: never answered from what was kept (the audit log grows with every request). */
  options: { fresh?: boolean } = {},
): Remote<T> {
  const data = shallowRef<T | null>(null);
  const error = shallowRef<string | null>(null);
  const loading = ref(false);
  let latest = 0;
  let alive = true;

  async function run(vars: V | null) {
    const ticket = ++latest;
    if (vars === null) {
      loading.value = false;
      return;
    }
    loading.value = true;
    error.value = null;
    try {
      const result = pick(await (options.fresh ? send : request)(document, vars));
      if (ticket !== latest || !alive) return;
      data.value = result;
    } catch (e) {
      if (ticket !== latest || !alive) return;
      data.value = null;
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (ticket === latest && alive) loading.value = false;
    }
  }

  // Compared as JSON so that an equal query built afresh does not ask again; asked again when kept
  // answers stop being true (sign-in, sign-out, an import, a new target).
  watch([() => JSON.stringify(variables()), answersGeneration], () => void run(variables()), { immediate: true });
  onScopeDispose(() => {
    alive = false;
  });

  return { data, error, loading, retry: () => void run(variables()) };
}
