import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { rightsOf } from '../analytics/viewer';

/**
 * Whole GraphQL responses for repeated identical questions, served without parsing, validating or
 * executing again. Only operations whose every root field depends on nothing but the data and the
 * viewer's rights are kept, under a key of the request, those rights and the data version
 * (`request.dataState()`), so an import retires old answers: through this replica at once, through
 * another within `DATA_VERSION_TTL_MS`.
 */
const CACHEABLE_FIELDS = new Set(['aggregate', 'publishedFigures', 'regions', 'programmes', 'institutions', 'targetGroups', 'health']);

const MAX_QUERY_LENGTH = 20_000;

interface Cached {
  key?: string;
}

export function registerGraphqlResponseCache(app: FastifyInstance, options: { entries: number }): void {
  if (options.entries === 0) return;
  const answers = new LRUCache<string, string>({ max: options.entries, maxSize: 64 * 1024 * 1024, sizeCalculation: (v) => v.length || 1 });
  const cacheable = new LRUCache<string, boolean>({ max: 1000 });

  const isCacheable = (query: string): boolean => {
    if (query.length > MAX_QUERY_LENGTH) return false;
    let known = cacheable.get(query);
    if (known === undefined) {
      try {
        const operations = parse(query, { maxTokens: 2000 }).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
        known =
          operations.length === 1 &&
          operations[0].operation === 'query' &&
          operations[0].selectionSet.selections.every((s) => s.kind === Kind.FIELD && CACHEABLE_FIELDS.has(s.name.value));
      } catch {
        known = false;
      }
      cacheable.set(query, known);
    }
    return known;
  };

  app.addHook('preHandler', async (request: FastifyRequest & Cached, reply: FastifyReply) => {
    const body = request.body as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    if (request.method !== 'POST' || request.routeOptions.url !== '/graphql' || typeof body?.query !== 'string' || !isCacheable(body.query)) return;
    // The request's own data state: the resolvers answer from the same read, not a second one.
    request.key = JSON.stringify([(await request.dataState()).version, rightsOf(request.viewer), body.query, body.variables ?? null, body.operationName ?? null]);
    const hit = answers.get(request.key);
    if (hit !== undefined) await reply.type('application/json; charset=utf-8').header('x-cache', 'hit').send(hit);
  });
  app.addHook('onSend', async (request: FastifyRequest & Cached, reply: FastifyReply, payload: unknown) => {
    if (request.key && reply.statusCode === 200 && reply.getHeader('x-cache') !== 'hit' && typeof payload === 'string' && !payload.includes('"errors"')) {
      answers.set(request.key, payload);
    }
    return payload;
  });
}
