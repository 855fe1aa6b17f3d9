import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError } from 'graphql';
import { databaseFault } from './database-faults';

/** An error no code of ours or Apollo's describes: something a resolver did not expect. */
const isUntyped = (error: GraphQLError) => error.extensions?.code === undefined || error.extensions.code === 'INTERNAL_SERVER_ERROR';

/**
 * The typed error to answer for an untyped one: a database that went away or timed out mid-request
 * (outside the analytics layer, e.g. signing in or writing the audit log) is a 503 the client may
 * retry; anything else stays an internal error.
 */
export function typedDatabaseFault(error: unknown): GraphQLError | undefined {
  return databaseFault(unwrapResolverError(error));
}

/**
 * Apollo answers an execution error that carries no HTTP status with 200. An unexpected error gets 500
 * here, and a database fault 503, so load balancers, monitors and load tests see failures as failures.
 */
export function httpStatusOfUntypedErrors<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, response }) {
          const untyped = errors.filter(isUntyped);
          if (untyped.length === 0) return;
          response.http.status = untyped.every((e) => typedDatabaseFault(e)) ? 503 : 500;
        },
      };
    },
  };
}
