import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { Analytics } from './analytics/aggregate';
import { shareDataState } from './analytics/data-state';
import { Figures } from './analytics/figures';
import { Kpis } from './analytics/kpis';
import { WarmUps } from './analytics/warm-up';
import type { Viewer } from './analytics/viewer';
import { httpExchange, registerSessions } from './auth/http';
import { Sessions } from './auth/sessions';
import { Users } from './auth/users';
import { Catalog } from './catalog/catalog';
import type { Config } from './config';
import type { Context, Services } from './context';
import type { Db } from './db/connection';
import { onWritesSettled } from './db/write-watch';
import { registerExportRoutes } from './export/routes';
import { createApollo } from './graphql';
import { registerErrorResponses } from './http/error-responses';
import { clientErrorHandler, frameworkErrors } from './http/framework-errors';
import { registerLoadShedding } from './http/load-shedding';
import { registerMetrics } from './http/metrics';
import { registerPathGuard } from './http/path-guard';
import { registerRequestDataState } from './http/request-data-state';
import { API_PATH, registerHealthChecks } from './http/readiness';
import { registerGraphqlResponseCache } from './http/graphql-response-cache';
import { registerSecurityHeaders } from './http/security-headers';
import { registerServerTiming } from './http/server-timing';
import { registerSourceArticles } from './http/source-articles';
import { prepareImports } from './import/importer';
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

export interface App {
  app: FastifyInstance;
  /** Loads what needs the database (the catalog and what is built on it), then opens the API. */
  open(): Promise<void>;
}

/**
 * Composes the HTTP server: GraphQL, health checks and the built web app, all on one port. Nothing here
 * touches the database, so the server can listen (and answer /healthz) while the database is not up yet;
 * the API answers 503 until `open()` has run.
 */
export async function buildApp(config: Config, db: Db): Promise<App> {
  const app = Fastify({
    logger: { level: config.LOG_LEVEL },
    bodyLimit: BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    frameworkErrors,
    clientErrorHandler,
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
  registerServerTiming(app);
  registerErrorResponses(app);
  registerPathGuard(app);
  const readiness = registerHealthChecks(app, db);
  const shedding = registerLoadShedding(app, { maxInFlight: config.MAX_IN_FLIGHT, maxEventLoopDelayMs: config.MAX_EVENT_LOOP_DELAY_MS });
  registerSecurityHeaders(app);

  const users = new Users(db);
  // Completed by open(); until then the readiness hook answers API requests before any route reads it.
  const services = { db, users, sessions: new Sessions(db, config.SESSION_TTL_MS) } as Services;
  // Reads the services only when open() asks it to warm up.
  const warmUps = new WarmUps(services);
  const metrics = registerMetrics(app, shedding, () => ({
    figureComputations: services.figures?.computations ?? 0,
    answersComputed: services.analytics?.answersComputed ?? 0,
    exactComputed: services.analytics?.exactComputed ?? 0,
    warmUps: warmUps.completed,
  }));

  app.addHook('onClose', async () => (warmUps.close(), services.analytics?.close()));
  app.decorateRequest('viewer', undefined as unknown as Viewer);
  await registerSessions(app, services.sessions);
  shareDataState(db, config.DATA_VERSION_TTL_MS);
  registerRequestDataState(app, () => services.analytics.dataState());

  const apollo = createApollo(app, config.NODE_ENV === 'production');
  await apollo.start();
  const handler = fastifyApolloHandler(apollo, {
    context: async (request, reply): Promise<Context> => ({
      ...services,
      viewer: request.viewer,
      dataState: () => request.dataState(),
      http: httpExchange(request, reply),
      log: request.log,
    }),
  });
  registerGraphqlResponseCache(app, { entries: config.RESPONSE_CACHE_ENTRIES });
  app.route({ url: '/graphql', method: ['GET', 'POST', 'OPTIONS'], handler });
  registerExportRoutes(app, services);
  await registerImportRoutes(app, services);

  registerSourceArticles(app);
  await serveWebApp(app);
  return {
    app,
    async open() {
      const catalog = await Catalog.load(db);
      const analytics = new Analytics(db, catalog, {
        suppressionThreshold: config.SUPPRESSION_THRESHOLD,
        cacheEntries: config.RESPONSE_CACHE_ENTRIES,
        engine: config.ANALYTICS_ENGINE,
        scanThreads: config.SCAN_THREADS,
        onRollupError: (err) => app.log.error({ err }, 'loading the in-memory rollup failed; answering from SQL'),
        sqliteReadProcesses: config.SQLITE_READ_PROCESSES,
        queryTimeoutMs: config.QUERY_TIMEOUT_MS,
        onReaderLost: (err) => app.log.error({ err }, 'a SQLite reader process stopped; its statement failed and another reader takes its place'),
      });
      Object.assign(services, { catalog, analytics, figures: new Figures(analytics), kpis: new Kpis(analytics) });
      prepareImports(db);
      readiness.open();
      // Ready what the first page needs before anyone asks, now and after each change of the data through
      // this process (an import through another replica is answered afresh by its first question).
      warmUps.request();
      onWritesSettled(db, ['dataset'], () => warmUps.request(true));
      shedding.start();
      metrics.start();
    },
  };
}

/** The built Vue app, with every other GET path answered by index.html (history-mode routing). */
async function serveWebApp(app: FastifyInstance): Promise<void> {
  const hasBuild = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  // wildcard: files are looked up per request, so a rebuilt bundle is served without a restart.
  if (hasBuild) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: 'index.html' });
  app.setNotFoundHandler((request, reply) => {
    const isAppPath = request.method === 'GET' && !API_PATH.test(request.url) && !path.extname(request.url.split('?')[0]);
    if (hasBuild && isAppPath) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply.code(404).send({ error: 'NOT_FOUND', message: `No such resource: ${request.method} ${request.url.slice(0, 200)}` });
  });
}
