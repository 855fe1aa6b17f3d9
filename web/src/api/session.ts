import { sessionState, type SignedInUser } from '../composables/useSession';
import { invalidateAnswers, send } from './client';
import { LoginDocument, LogoutDocument, MeDocument } from './documents';

/*
 * Signing in and out, and asking who is signed in (once when the app starts, and again when the server
 * says a session has ended). The session itself is an HttpOnly cookie the app never sees. After any
 * change of user, kept answers are dropped and everything on screen asks again: suppression depends on
 * who asks.
 */

const { user, ready } = sessionState;
let pending: Promise<void> | null = null;

function setUser(next: SignedInUser | null): void {
  const changed = (user.value?.id ?? null) !== (next?.id ?? null) || user.value?.role !== next?.role;
  const first = !ready.value;
  user.value = next;
  ready.value = true;
  if (changed && !first) invalidateAnswers();
}

export function loadSession(): Promise<void> {
  pending ??= send(MeDocument, {})
    .then((r) => setUser(r.me ?? null))
    .catch(() => setUser(null))
    .finally(() => {
      pending = null;
    });
  return pending;
}

/** Signs in; throws the API's error (code UNAUTHENTICATED for wrong credentials, RATE_LIMITED). */
export async function signIn(username: string, password: string): Promise<SignedInUser> {
  const { login } = await send(LoginDocument, { username, password });
  user.value = login;
  ready.value = true;
  // Always a fresh start: even the same user may have seen answers given to somebody else in this tab.
  invalidateAnswers();
  return login;
}

export async function signOut(): Promise<void> {
  await send(LogoutDocument, {});
  user.value = null;
  invalidateAnswers();
}
