import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { FastifyInstance } from 'fastify';
import { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { Context } from './context';
import { httpStatusOfUntypedErrors, typedDatabaseFault } from './http/graphql-errors';
import { resolvers } from './schema/resolvers';

const SCHEMA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema');

export function readTypeDefs(): string {
  return fs
    .readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8'))
    .join('\n');
}

/**
 * Apollo with hard limits (graphql-armor: depth, aliases, tokens, cost, directives), no batching,
 * CSRF prevention on, and error messages that never carry a stack trace or SQL: anything that is not
 * a typed error of ours is logged with the request id and answered with a generic message.
 */
export function createApollo(app: FastifyInstance, production: boolean): ApolloServer<Context> {
  const armor = new ApolloArmor({
    maxDepth: { n: 10 },
    maxAliases: { n: 15 },
    // Armor's token limit throws from a plugin hook, which Apollo answers with a 500; graphql-js's own
    // parser limit (parseOptions below) fails the parse instead, a 400 GRAPHQL_PARSE_FAILED.
    maxTokens: { enabled: false },
    maxDirectives: { n: 10 },
    costLimit: { maxCost: 5000 },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  const plugins: ApolloServerPlugin<Context>[] = [
    ...(armor.plugins as ApolloServerPlugin<Context>[]),
    fastifyApolloDrainPlugin(app),
    httpStatusOfUntypedErrors<Context>(),
    // No resolver gives cache hints and HTTP caching of answers is ours (graphql-response-cache.ts); Apollo's
    // default cache-control plugin would still run a hook around every field of every response.
    ApolloServerPluginCacheControlDisabled(),
  ];
  if (production) plugins.push(ApolloServerPluginLandingPageDisabled());
  return new ApolloServer<Context>({
    typeDefs: readTypeDefs(),
    resolvers,
    plugins,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: 2000 },
    allowBatchedHttpRequests: false,
    // The web app sends whole queries; a persisted-query cache would only be memory for strangers to fill.
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    introspection: !production,
    csrfPrevention: true,
    formatError: (formatted, error) => {
      const code = formatted.extensions?.code;
      if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
        const fault = typedDatabaseFault(error);
        if (fault) return { message: fault.message, path: formatted.path, extensions: { code: fault.extensions.code } };
        app.log.error({ err: error }, 'unexpected error in a GraphQL request');
        return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      }
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code, ...pick(formatted.extensions, 'field') } };
    },
  });
}

const pick = (obj: Record<string, unknown> | undefined, key: string) => (obj && key in obj ? { [key]: obj[key] } : {});
