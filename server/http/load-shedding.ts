import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { send } from './error-responses';
import { API_PATH } from './readiness';

export interface SheddingLimits {
  /** API requests answered at once; one more is refused at once rather than queued (0: no limit). */
  maxInFlight: number;
  /** Mean event-loop delay over a second above which API requests are refused (0: no limit). */
  maxEventLoopDelayMs: number;
}

export interface SheddingCounters {
  inFlight(): number;
  shed(): number;
}

const RETRY_AFTER_S = '2';
const BUSY = 'The server is busy; please retry in a few seconds.';

/**
 * Overload is answered with a quick 503 and Retry-After instead of a growing queue that times out every
 * client at once: past a number of API requests in flight, or while the event loop lags (a slow
 * synchronous query, garbage collection). Health checks and static files are never refused, so a
 * busy replica is not mistaken for a dead one.
 */
export async function registerLoadShedding(app: FastifyInstance, limits: SheddingLimits): Promise<SheddingCounters> {
  let inFlight = 0;
  let shed = 0;
  const refuse = (request: FastifyRequest, reply: FastifyReply) => {
    shed++;
    return send(request, reply.header('retry-after', RETRY_AFTER_S), 503, 'SERVICE_UNAVAILABLE', BUSY);
  };

  if (limits.maxInFlight > 0) {
    app.addHook('onRequest', async (request, reply) => {
      if (!API_PATH.test(request.url)) return;
      if (inFlight >= limits.maxInFlight) return refuse(request, reply);
      inFlight++;
      // 'close' fires whether the answer was sent or the client went away.
      reply.raw.once('close', () => inFlight--);
    });
  }
  if (limits.maxEventLoopDelayMs > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: limits.maxEventLoopDelayMs,
      // Lets everything but the API through; under-pressure goes on to the route unless a reply was sent.
      pressureHandler: async (request, reply) => {
        if (API_PATH.test(request.url)) await refuse(request, reply);
      },
    });
  }
  return { inFlight: () => inFlight, shed: () => shed };
}
