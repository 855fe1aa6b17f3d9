import { GraphQLError } from 'graphql';

/**
 * A value the schema admits but the data does not (an unknown code, from after to, a limit too large).
 * `field` is the path of the offending input, e.g. "query.filter.regions[1]".
 */
export function badInput(message: string, field: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } },
  });
}

/** The database is unreachable or was cut off: the client may retry. */
export function serviceUnavailable(): GraphQLError {
  return new GraphQLError('The database is not available right now; please retry shortly.', {
    extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
  });
}

export function queryTimeout(): GraphQLError {
  return new GraphQLError('The query took too long and was cancelled; narrow the filter or use fewer dimensions.', {
    extensions: { code: 'QUERY_TIMEOUT', http: { status: 503 } },
  });
}
