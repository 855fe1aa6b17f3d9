/** Who is asking: decides whether aggregates come back exact or under disclosure control. */
export type Role = 'PUBLIC' | 'MANAGER' | 'OFFICIAL' | 'ADMIN';

export interface Viewer {
  role: Role;
  /** For managers: the institutions they answer for (their children and sites are included). */
  institutions: string[];
  userId?: number;
  username?: string;
}

export const PUBLIC_VIEWER: Viewer = { role: 'PUBLIC', institutions: [] };

/** Officials and admins see exact values everywhere; everyone else gets small cells suppressed. */
export const seesExactValues = (viewer: Viewer) => viewer.role === 'OFFICIAL' || viewer.role === 'ADMIN';

/** Who may see what: answers are shared only between viewers with the same rights. */
export function rightsOf(viewer: Viewer): string {
  if (seesExactValues(viewer)) return 'exact';
  return viewer.role === 'MANAGER' ? `manager:${[...viewer.institutions].sort().join(',')}` : 'public';
}
