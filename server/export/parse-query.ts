import { buildSchema, coerceInputValue, GraphQLNonNull, isInputObjectType, isScalarType, type GraphQLInputType } from 'graphql';
import type { Lang } from '../catalog/models';
import { readTypeDefs } from '../graphql';
import type { AggregateInput } from '../schema/generated/resolvers-types';
import { scalarResolvers } from '../schema/resolvers/scalars';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json', 'datapackage', 'zip'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const LANGS = new Map<string, Lang>([
  ['lv', 'LV'],
  ['en', 'EN'],
]);

/** What GET /api/export was asked for, validated. */
export interface ExportRequest {
  format: ExportFormat;
  lang: Lang;
  /** The query after GraphQL's own coercion (defaults applied), exactly what the aggregate resolver gets. */
  input: AggregateInput;
  /** The query parameter as sent, so the permalink reproduces the same view. */
  queryText: string;
}

/**
 * A parameter the route cannot use: BAD_REQUEST for the URL itself (a missing or malformed parameter),
 * BAD_USER_INPUT for a query the GraphQL schema refuses, as the GraphQL endpoint names it.
 */
export class ExportParameterError extends Error {
  constructor(
    readonly code: 'BAD_REQUEST' | 'BAD_USER_INPUT',
    message: string,
    readonly field: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/**
 * A parser of the export's URL parameters. The query is coerced against the AggregateInput type of the
 * very schema the GraphQL endpoint serves (same SDL, same Date/DateTime scalars), so enum values, types,
 * required fields and defaults are checked by graphql-js exactly as for the `aggregate` query's variable.
 */
export function exportRequestParser(): (params: unknown) => ExportRequest {
  const aggregateInput = executableSchema().getType('AggregateInput');
  if (!isInputObjectType(aggregateInput)) throw new Error('the GraphQL schema has no AggregateInput input type');
  const type = new GraphQLNonNull(aggregateInput);

  return (params) => {
    const given = (params ?? {}) as Record<string, unknown>;
    const format = single(given, 'format', `one of ${EXPORT_FORMATS.join(', ')}`);
    if (!EXPORT_FORMATS.includes(format as ExportFormat)) {
      throw new ExportParameterError('BAD_REQUEST', `unknown format "${clip(format)}"; expected one of ${EXPORT_FORMATS.join(', ')}`, 'format');
    }
    const langText = given.lang === undefined ? 'en' : single(given, 'lang', 'lv or en');
    const lang = LANGS.get(langText.toLowerCase());
    if (!lang) throw new ExportParameterError('BAD_REQUEST', `unknown language "${clip(langText)}"; expected lv or en`, 'lang');
    const queryText = single(given, 'query', 'the JSON of an AggregateInput, e.g. {"measures":["PARTICIPANTS"]}');
    return { format: format as ExportFormat, lang, input: coerceQuery(queryText, type), queryText };
  };
}

/**
 * The served SDL with the served scalars' parsing. Built here with graphql-js alone (not graphql-tools)
 * so that the schema and coerceInputValue come from one copy of graphql: under Vite's module loader a
 * library loaded natively would get the CommonJS build, and graphql refuses types from another copy.
 * Setting a built scalar's functions in place is what graphql-tools' addResolversToSchema does too.
 */
function executableSchema() {
  const schema = buildSchema(readTypeDefs());
  for (const [name, scalar] of Object.entries(scalarResolvers)) {
    const type = schema.getType(name);
    if (!isScalarType(type)) throw new Error(`the GraphQL schema has no scalar ${name}`);
    Object.assign(type, { parseValue: scalar.parseValue, parseLiteral: scalar.parseLiteral, serialize: scalar.serialize });
  }
  return schema;
}

function coerceQuery(text: string, type: GraphQLInputType): AggregateInput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ExportParameterError('BAD_REQUEST', `is not valid JSON (${(error as Error).message})`, 'query');
  }
  let first: ExportParameterError | undefined;
  const input = coerceInputValue(json, type, (path, _value, error) => {
    first ??= new ExportParameterError('BAD_USER_INPUT', error.message, fieldPath(path));
  });
  if (first) throw first;
  return input as AggregateInput;
}

/** ['filter', 'regions', 1] → "query.filter.regions[1]", the form the analytics layer's errors use. */
function fieldPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${key}`), 'query');
}

/** A parameter that must be present once (a repeated one would leave the meaning to chance). */
function single(params: Record<string, unknown>, name: string, expected: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw new ExportParameterError('BAD_REQUEST', `missing; give ${expected}`, name);
  if (typeof value !== 'string') throw new ExportParameterError('BAD_REQUEST', 'given more than once', name);
  return value;
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
