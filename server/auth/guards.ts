import { GraphQLError } from 'graphql';
import type { Role, Viewer } from '../analytics/viewer';

/** Refuses unless the viewer has one of the roles: 401 for anonymous users, 403 for the wrong role. */
export function requireRole(viewer: Viewer, roles: Role[], what: string): void {
  if (roles.includes(viewer.role)) return;
  if (viewer.role === 'PUBLIC') {
    throw new GraphQLError(`Sign in to ${what}.`, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
  throw new GraphQLError(`Your role (${viewer.role}) may not ${what}; it needs ${roles.join(' or ')}.`, {
    extensions: { code: 'FORBIDDEN', http: { status: 403 } },
  });
}
