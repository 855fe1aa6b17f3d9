import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { send } from './error-responses';
import { API_PATH } from './readiness';

export interface SheddingLimits {
  /** API requests answered at once; one more is refused at once rather than queued (0: no limit). */
  maxInFlight: number;
  /** Mean event-loop delay over the last half second above which API requests are refused (0: no limit). */
  maxEventLoopDelayMs: number;
}

export interface LoadShedding {
  inFlight(): number;
  shed(): number;
  /** Start watching the event loop: called once serving begins, so start-up's own work is not taken for load. */
  start(): void;
}

const SAMPLE_MS = 500;
const RETRY_AFTER_S = '2';
const BUSY = 'The server is busy; please retry in a few seconds.';

/**
 * Overload is answered with a quick 503 and Retry-After instead of a queue that grows until every client
 * times out at once. Two signs of it: more API requests in flight than the limit (the database is the
 * bottleneck), or an event loop running late (the process itself is: a slow synchronous SQLite query, an
 * import validating rows, garbage collection). Health checks and static files are never refused, so a
 * busy replica is not mistaken for a dead one.
 */
export function registerLoadShedding(app: FastifyInstance, limits: SheddingLimits): LoadShedding {
  let inFlight = 0;
  let shed = 0;
  let lagging = false;
  const lag = monitorEventLoopDelay({ resolution: 10 });
  let sampler: NodeJS.Timeout | undefined;

  const refuse = (request: FastifyRequest, reply: FastifyReply) => {
    shed++;
    return send(request, reply.header('retry-after', RETRY_AFTER_S), 503, 'SERVICE_UNAVAILABLE', BUSY);
  };

  app.addHook('onRequest', async (request, reply) => {
    if (!API_PATH.test(request.url)) return;
    if (lagging || (limits.maxInFlight > 0 && inFlight >= limits.maxInFlight)) return refuse(request, reply);
    inFlight++;
    // 'close' fires whether the answer was sent or the client went away.
    reply.raw.once('close', () => inFlight--);
  });
  app.addHook('onClose', async () => {
    clearInterval(sampler);
    lag.disable();
  });

  return {
    inFlight: () => inFlight,
    shed: () => shed,
    start() {
      if (limits.maxEventLoopDelayMs <= 0) return;
      lag.enable();
      sampler = setInterval(() => {
        lagging = lag.count > 0 && lag.mean / 1e6 > limits.maxEventLoopDelayMs;
        lag.reset();
      }, SAMPLE_MS).unref();
    },
  };
}
