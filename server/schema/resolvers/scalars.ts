import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isIsoDate } from '../../analytics/periods';

/** Strings in, strings out: dates stay ISO text end to end, as in the database. */
function isoScalar(name: string, description: string, valid: (value: string) => boolean): GraphQLScalarType {
  const check = (value: unknown) => {
    if (typeof value !== 'string' || !valid(value)) {
      throw new GraphQLError(`${name} must be ${description}, got ${JSON.stringify(value)?.slice(0, 40)}`);
    }
    return value;
  };
  return new GraphQLScalarType({
    name,
    serialize: (value) => value,
    parseValue: check,
    parseLiteral: (ast) => check(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const scalarResolvers = {
  Date: isoScalar('Date', 'a calendar date written yyyy-mm-dd', isIsoDate),
  DateTime: isoScalar('DateTime', 'an ISO 8601 date-time such as 2026-01-31T12:00:00Z', (v) => ISO_DATETIME.test(v) && !Number.isNaN(Date.parse(v)) && isIsoDate(v.slice(0, 10))),
};
