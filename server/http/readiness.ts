import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connection';
import { send } from './error-responses';

/** Paths that need the database: answered 503 until the server is ready. */
export const API_PATH = /^\/(api|graphql)(\/|\?|$)/;
/** A load balancer waits about this long for a probe; a database stuck behind a long write is "not ready". */
const PROBE_TIMEOUT_MS = 2000;

export interface Readiness {
  /** The database is migrated and the catalog loaded: open the API. */
  open(): void;
}

/**
 * Liveness and readiness, Kubernetes-style. /healthz says the process is alive and never touches the
 * database, so a database outage does not get healthy replicas restarted. /readyz says whether to send
 * traffic here: not before start-up has reached the database, nor while the database does not answer.
 * Until ready, API paths answer 503 with Retry-After, while the web app's static files are served.
 */
export function registerHealthChecks(app: FastifyInstance, db: Db): Readiness {
  let ready = false;

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (!ready) return reply.code(503).send({ status: 'starting', message: 'Waiting for the database; start-up retries until it answers.' });
    try {
      await withTimeout(db.raw('SELECT 1'), PROBE_TIMEOUT_MS);
      return { status: 'ready' };
    } catch (err) {
      app.log.warn({ err }, 'readiness check failed');
      return reply.code(503).send({ status: 'unavailable', message: 'The database is not reachable.' });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    if (ready || !API_PATH.test(request.url)) return;
    return send(request, reply.header('retry-after', '5'), 503, 'SERVICE_UNAVAILABLE', 'The server is starting and waiting for its database; please retry shortly.');
  });

  return { open: () => void (ready = true) };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
