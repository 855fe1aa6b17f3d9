import { computed, ref, shallowRef } from 'vue';
import type { SignedInUserFragment } from '../gql/graphql';

/*
 * Who is signed in, as state only: the header needs it on every page, so it stays tiny. Asking the
 * server (`me`, sign-in, sign-out) lives in api/session.ts, loaded on demand.
 */

export type SignedInUser = SignedInUserFragment;

export const sessionState = {
  user: shallowRef<SignedInUser | null>(null),
  /** False until the first `me` answer (or failure): pages behind a sign-in wait for it. */
  ready: ref(false),
};

export function useSession() {
  const { user, ready } = sessionState;
  return {
    user: computed(() => user.value),
    ready: computed(() => ready.value),
    role: computed(() => user.value?.role ?? 'PUBLIC'),
  };
}
