import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { answerQuery } from '../analytics/answer';
import { databaseFault } from '../http/database-faults';
import type { Services } from '../context';
import { FORMATS } from './formats';
import { exportMetadata } from './metadata';
import { ExportParameterError, exportRequestParser } from './parse-query';
import { exportTable } from './table';

/*
 * GET /api/export?format=csv|xlsx|json|datapackage|zip&query=<JSON of an AggregateInput>&lang=lv|en
 * The URL scheme is documented in docs/open-data.md and is a promise: published links must keep working.
 */

/** Exports are recomputed when data is imported; a few minutes of browser caching is harmless. */
const CACHE_CONTROL = 'private, max-age=300';
const SANE_HOST = /^([\w-]+\.)*[\w-]+(:\d{1,5})?$|^\[[\da-f:.]+\](:\d{1,5})?$/i;

export function registerExportRoutes(app: FastifyInstance, services: Services): void {
  const parse = exportRequestParser();

  app.get('/api/export', async (request, reply) => {
    try {
      const asked = parse(request.query);
      const { sources, state, ...result } = await answerQuery(services, asked.input, asked.lang, request.viewer);

      const table = exportTable(result, asked.lang);
      const meta = exportMetadata({
        request: asked,
        result,
        sources,
        catalog: services.catalog,
        datasets: state.datasets,
        origin: originOf(request),
        generatedAt: new Date(),
      });
      const format = FORMATS[asked.format];
      const body = await format.body(table, meta, asked.lang);
      return reply
        .header('content-type', format.contentType)
        .header('content-disposition', `attachment; filename="${format.fileName(meta)}"`)
        .header('cache-control', CACHE_CONTROL)
        // Open data: scripts on any site may fetch it. Browsers send no cookies with a wildcard origin,
        // so another site only ever gets the anonymous export.
        .header('access-control-allow-origin', '*')
        .send(body);
    } catch (error) {
      return sendError(reply, error, request.log);
    }
  });
}

/** scheme://host of the request for the permalink; a relative link when the Host header looks odd. */
function originOf(request: FastifyRequest): string {
  return SANE_HOST.test(request.host) ? `${request.protocol}://${request.host}` : '';
}

/**
 * Errors as JSON with a code, a message and the offending parameter, mapped as the GraphQL endpoint maps
 * them: bad input 400, an unreachable or overloaded database 503, anything else a logged 500 that
 * says nothing about its cause (no stack, no SQL).
 */
function sendError(reply: FastifyReply, error: unknown, log: FastifyBaseLogger) {
  error = databaseFault(error) ?? error;
  if (error instanceof ExportParameterError) {
    return reply.code(400).send({ error: error.code, message: error.message, field: error.field });
  }
  if (error instanceof GraphQLError) {
    const code = error.extensions.code;
    if (code === 'BAD_USER_INPUT') {
      return reply.code(400).send({ error: code, message: error.message, field: error.extensions.field });
    }
    if (code === 'SERVICE_UNAVAILABLE' || code === 'QUERY_TIMEOUT') {
      return reply.code(503).send({ error: code, message: error.message });
    }
  }
  log.error({ err: error }, 'unexpected error in an export');
  return reply.code(500).send({ error: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
}
