import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { databaseFault } from './database-faults';

/** Fastify's own 4xx codes, named the way the rest of the API names them. */
const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * Errors that escape a route (a body that is not JSON, a body too large, a session lookup while the
 * database is down, a bug) answered the way the API answers everything: a code and a clear message,
 * in GraphQL's shape on /graphql so GraphQL clients can read it. A 4xx keeps Fastify's message, which
 * describes the request; a database fault is a 503 the client may retry; anything else is a logged 500
 * that says nothing about its cause (no stack, no SQL).
 */
export function registerErrorResponses(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // A typed error of ours thrown in a hook (e.g. SERVICE_UNAVAILABLE while reading the data version).
    if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
      const typed = (error.extensions.http as { status?: number } | undefined)?.status ?? 400;
      return send(request, typed === 503 ? reply.header('retry-after', '5') : reply, typed, error.extensions.code, error.message);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return send(request, reply, status, CODES[status] ?? error.code ?? 'BAD_REQUEST', error.message);
    const fault = databaseFault(error);
    if (fault) {
      request.log.warn({ err: error }, 'database fault');
      return send(request, reply.header('retry-after', '5'), 503, String(fault.extensions.code), fault.message);
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(request, reply, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  });
}

/** An error in the shape the path's clients read: GraphQL's `errors` on /graphql, `{error, message}` elsewhere. */
export function send(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string) {
  const body = isGraphqlPath(request) ? { errors: [{ message, extensions: { code } }] } : { error: code, message };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

const isGraphqlPath = (request: FastifyRequest) => request.url === '/graphql' || request.url.startsWith('/graphql?');
