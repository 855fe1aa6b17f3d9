import { GraphQLError } from 'graphql';
import { audit } from '../../auth/audit';
import { login } from '../../auth/login';
import { requireRole } from '../../auth/guards';
import { rollbackImport, RollbackRefused } from '../../import/importer';
import type { MutationResolvers, QueryResolvers, UserResolvers } from '../generated/resolvers-types';

const MAX_PAGE = 500;

export const AccountQueries: Pick<QueryResolvers, 'me' | 'auditLog' | 'datasets' | 'users'> = {
  me: async (_parent, _args, { viewer, users }) => (viewer.userId ? (await users.byId(viewer.userId)) ?? null : null),

  auditLog: async (_parent, { first, after, action }, { viewer, db }) => {
    requireRole(viewer, ['ADMIN'], 'read the audit log');
    const limit = Math.min(Math.max(first ?? 50, 1), MAX_PAGE);
    const q = db('audit_log').orderBy('id', 'desc').limit(limit + 1);
    if (after) q.where('id', '<', Number(after) || 0);
    if (action) q.where({ action });
    const rows = await q;
    const entries = rows.slice(0, limit).map((r) => ({
      id: String(r.id),
      at: r.at,
      action: r.action,
      username: r.username,
      ip: r.ip,
      requestId: r.request_id,
      details: r.details,
    }));
    return { entries, nextCursor: rows.length > limit ? entries.at(-1)!.id : null };
  },

  datasets: async (_parent, _args, { dataState, db, viewer }) => {
    const state = await dataState();
    const extra = await db('dataset').select('id', 'fact', 'source_file', 'file_hash', 'row_count', 'loaded_by');
    // The data state may be up to DATA_VERSION_TTL_MS old: a dataset rolled back since through another replica is left out.
    return state.datasets.flatMap((d) => {
      const row = extra.find((e) => e.id === d.id);
      if (!row) return [];
      return {
        ...d,
        fact: row.fact,
        sourceFile: row.source_file,
        fileHash: row.file_hash,
        rowCount: Number(row.row_count),
        // Who loaded a file is for signed-in users; the public sees what was loaded and when.
        loadedBy: viewer.role === 'PUBLIC' ? null : row.loaded_by,
      };
    });
  },

  users: async (_parent, _args, { viewer, users }) => {
    requireRole(viewer, ['ADMIN'], 'list users');
    return users.list();
  },
};

export const Mutation: MutationResolvers = {
  login: async (_parent, { username, password }, ctx) => {
    const { user, token, expiresAt } = await login(ctx, {
      username,
      password,
      ip: ctx.http.ip,
      requestId: ctx.http.requestId,
      previousToken: ctx.http.sessionToken,
    });
    ctx.http.setSession(token, expiresAt);
    return user;
  },

  logout: async (_parent, _args, { sessions, http, db, viewer }) => {
    await sessions.destroy(http.sessionToken);
    http.clearSession();
    if (viewer.userId) {
      await audit(db, { action: 'logout', userId: viewer.userId, username: viewer.username, ip: http.ip, requestId: http.requestId });
    }
    return true;
  },

  setKpiTarget: async (_parent, { input }, ctx) => {
    requireRole(ctx.viewer, ['OFFICIAL', 'ADMIN'], 'set KPI targets');
    return ctx.kpis.setTarget(input, ctx.viewer, { ip: ctx.http.ip, requestId: ctx.http.requestId });
  },

  rollbackImport: async (_parent, { dataset }, { viewer, db, http }) => {
    requireRole(viewer, ['MANAGER', 'ADMIN'], 'roll back imports');
    try {
      await rollbackImport(db, dataset, {
        userId: viewer.userId ?? null,
        username: viewer.username ?? '',
        isAdmin: viewer.role === 'ADMIN',
        ip: http.ip,
        requestId: http.requestId,
      });
    } catch (error) {
      if (error instanceof RollbackRefused) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
      throw error;
    }
    return true;
  },
};

export const User: UserResolvers = {
  id: (u) => String(u.id),
  institutions: (u, _args, { catalog }) => u.institutions.map((code) => catalog.institutions.get(code)).filter((i) => i !== undefined),
};
