import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { Analytics } from './analytics/aggregate';
import { Figures } from './analytics/figures';
import { Kpis } from './analytics/kpis';
import type { Viewer } from './analytics/viewer';
import { httpExchange, registerSessions } from './auth/http';
import { Sessions } from './auth/sessions';
import { Users } from './auth/users';
import { Catalog } from './catalog/catalog';
import type { Config } from './config';
import type { Context, Services } from './context';
import type { Db } from './db/connection';
import { registerExportRoutes } from './export/routes';
import { createApollo } from './graphql';
import { registerSecurityHeaders } from './http/security-headers';
import { registerImportRoutes } from './import/routes';

export const WEB_DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');
const BODY_LIMIT = 1024 * 1024;
const REQUEST_ID = /^[\w.-]{1,64}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking; every route that returns numbers passes this to the analytics layer. */
    viewer: Viewer;
  }
}

/** Composes the HTTP server: GraphQL, health checks and the built web app, all on one port. */
export async function buildApp(config: Config, db: Db): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.LOG_LEVEL },
    bodyLimit: BODY_LIMIT,
    requestIdHeader: false,
    // Keep a caller's request id when it is sane, so one id follows a request through proxies.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  await registerSecurityHeaders(app);

  const catalog = await Catalog.load(db);
  const analytics = new Analytics(db, catalog, { suppressionThreshold: config.SUPPRESSION_THRESHOLD, cacheEntries: config.RESPONSE_CACHE_ENTRIES });
  const users = new Users(db);
  const services: Services = {
    db,
    analytics,
    catalog,
    users,
    sessions: new Sessions(db, users),
    figures: new Figures(analytics),
    kpis: new Kpis(analytics),
  };

  app.decorateRequest('viewer', undefined as unknown as Viewer);
  await registerSessions(app, services.sessions);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await db.raw('SELECT 1');
      return { status: 'ready' };
    } catch (err) {
      app.log.warn({ err }, 'readiness check failed');
      return reply.code(503).send({ status: 'unavailable', message: 'The database is not reachable.' });
    }
  });

  const apollo = createApollo(app, config.NODE_ENV === 'production');
  await apollo.start();
  const handler = fastifyApolloHandler(apollo, {
    context: async (request, reply): Promise<Context> => ({ ...services, viewer: request.viewer, http: httpExchange(request, reply), log: request.log }),
  });
  app.route({ url: '/graphql', method: ['GET', 'POST', 'OPTIONS'], handler });
  registerExportRoutes(app, services);
  await registerImportRoutes(app, services);

  await serveWebApp(app);
  return app;
}

/** The built Vue app, with every other GET path answered by index.html (history-mode routing). */
async function serveWebApp(app: FastifyInstance): Promise<void> {
  const hasBuild = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasBuild) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
  app.setNotFoundHandler((request, reply) => {
    const isAppPath = request.method === 'GET' && !/^\/(api|graphql)(\/|$)/.test(request.url) && !path.extname(request.url.split('?')[0]);
    if (hasBuild && isAppPath) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply.code(404).send({ error: 'NOT_FOUND', message: `No such resource: ${request.method} ${request.url.slice(0, 200)}` });
  });
}
