import type { FastifyInstance, FastifyRequest } from 'fastify';

/*
 * A Server-Timing header (W3C) on every response: `total`, from the request's first hook to its answer being
 * sent, and the parts measured with `timed()` — `aggregate`, the whole answer to an aggregate question, and
 * within it `compute`, its exact numbers (the scan or SQL) when they were not cached — so the time a client
 * waits splits into the computation, the rest of the server's work (HTTP, session, GraphQL, labels) and the
 * network between. The benchmark reads its overhead figure so, and browsers' developer tools show it. It says
 * how long, never what.
 */

const started = new WeakMap<FastifyRequest, number>();
const parts = new WeakMap<FastifyRequest, Map<string, number>>();

export function registerServerTiming(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => void started.set(request, performance.now()));
  app.addHook('onSend', async (request, reply) => {
    const start = started.get(request);
    if (start === undefined) return;
    const measured = [...(parts.get(request) ?? [])].map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`);
    reply.header('server-timing', [...measured, `total;dur=${(performance.now() - start).toFixed(2)}`].join(', '));
  });
}

/** Runs `work`, adding its time to the request's part `name` (parts run at once add up, so may exceed total). */
export async function timed<T>(request: FastifyRequest, name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    let measured = parts.get(request);
    if (!measured) parts.set(request, (measured = new Map()));
    measured.set(name, (measured.get(name) ?? 0) + performance.now() - start);
  }
}
