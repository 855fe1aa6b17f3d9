import type { Role } from '../gql/graphql';

/*
 * Who may use which page. The server enforces every rule; the app only avoids offering what would be
 * refused, and says why a page is closed.
 */

export type SignedInRole = Exclude<Role, 'PUBLIC'>;

export const pageRoles = {
  import: ['MANAGER', 'ADMIN'],
  targets: ['OFFICIAL', 'ADMIN'],
  audit: ['ADMIN'],
} as const satisfies Record<string, readonly SignedInRole[]>;

export type Access = 'allowed' | 'sign-in' | 'forbidden';

/** Whether a user (null: nobody signed in) may use a page open to `roles` (none: everybody). */
export function access(user: { role: Role } | null, roles: readonly Role[] | undefined): Access {
  if (!roles?.length) return 'allowed';
  if (!user || user.role === 'PUBLIC') return 'sign-in';
  return roles.includes(user.role) ? 'allowed' : 'forbidden';
}

/**
 * Where to go after signing in: a path of this app only (never another site, never the sign-in page
 * itself); anything else goes to the overview.
 */
export function safeRedirect(value: unknown): string {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || !text.startsWith('/') || text.startsWith('//') || text.includes('\\')) return '/';
  // Control characters have no place in a path, and browsers drop some of them (/\t/evil.example).
  if (/[\u0000-\u001f\u007f]/.test(text)) return '/';
  if (/^\/login(?:[/?#]|$)/.test(text)) return '/';
  return text;
}
