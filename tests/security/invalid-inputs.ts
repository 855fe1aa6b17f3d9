import fc from 'fast-check';
import { DIMENSIONS, FILTERS, MEASURES, type FilterName } from '../../server/analytics/model';
import type { Dimension, Measure } from '../../server/schema/generated/resolvers-types';
import { aggregateInput } from '../helpers/arbitraries';

/*
 * Random AggregateInputs with exactly one thing wrong, each a mistake a client could make: a valid query
 * from the shared generator, then one defect. Every one must be refused with BAD_USER_INPUT.
 */

type Query = Record<string, any>;
type Defect = (q: Query) => Query;

const FILTER_NAMES = Object.keys(FILTERS) as FilterName[];
const ALL_DIMENSIONS = Object.keys(DIMENSIONS) as Dimension[];
const ALL_MEASURES = Object.keys(MEASURES) as Measure[];
const withFilter = (q: Query, filter: Query) => ({ ...q, filter: { ...q.filter, ...filter } });

/** Codes no reference table holds: random text, SQL, unicode oddities, a code of the wrong kind. */
const unknownCode = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }).map((s) => `ZZ${s}`),
  fc.constantFrom("' OR 1=1 --", '\uD800', '0031000 ', 'riga', '__proto__', 'constructor', '..', '%', 'VERTE\u0000'),
);

/** Strings the Date scalar or the plan refuses. */
const badDate = fc.oneof(
  fc.constantFrom('2021-02-30', '2021-13-01', '2021-00-10', '21-01-01', '2021-1-1', '', 'yesterday', '1899-12-31', '2101-01-01', '2021-01-01T00:00:00Z', '２０２１-01-01'),
  fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
);

const defect: fc.Arbitrary<Defect> = fc.oneof(
  fc.tuple(fc.constantFrom(...FILTER_NAMES), unknownCode).map(([name, code]) => (q: Query) => withFilter(q, { [name]: [...(q.filter?.[name] ?? []), code] })),
  fc.tuple(fc.constantFrom('from', 'to'), badDate).map(([field, date]) => (q: Query) => withFilter(q, { [field]: date })),
  fc.string({ maxLength: 30 }).map((asOf) => (q: Query) => withFilter(q, { asOf: `not ${asOf}` })),
  fc.integer({ min: 1, max: 3000 }).map((days) => (q: Query) => withFilter(q, { from: '2024-01-01', to: new Date(Date.UTC(2024, 0, 1) - days * 86_400_000).toISOString().slice(0, 10) })),
  fc.uniqueArray(fc.constantFrom(...ALL_DIMENSIONS), { minLength: 5, maxLength: 8 }).map((dimensions) => (q: Query) => ({ ...q, dimensions })),
  fc.constantFrom<Dimension[]>(['YEAR', 'MONTH'], ['QUARTER', 'YEAR'], ['MONTH', 'QUARTER']).map((dimensions) => (q: Query) => ({ ...q, dimensions })),
  fc.constant((q: Query) => ({ ...q, dimensions: [...(q.dimensions ?? []), ...(q.dimensions?.length ? [q.dimensions[0]] : ['GENDER', 'GENDER'])] })),
  fc.constantFrom<unknown>(0, -1, 10_001, 2 ** 31 - 1, 2 ** 31, 1.5, 1e9, 'ten', [5]).map((limit) => (q: Query) => ({ ...q, limit })),
  fc.constantFrom('PEOPLE', 'participants', '', 'PARTICIPANTS ').map((m) => (q: Query) => ({ ...q, measures: [...q.measures, m] })),
  fc.constant((q: Query) => ({ ...q, measures: [] })),
  fc.constant((q: Query) => ({ ...q, measures: [...q.measures, q.measures[0]] })),
  fc.constant((q: Query) => {
    const measure = ALL_MEASURES.find((m) => !q.measures.includes(m));
    return { ...q, orderBy: [measure ? { measure } : { dimension: ALL_DIMENSIONS.find((d) => !q.dimensions?.includes(d)) }] };
  }),
  fc.constant((q: Query) => ({ ...q, orderBy: [{}] })),
  fc.constant((q: Query) => withFilter(q, { regions: Array(501).fill('RIGA') })),
  fc.constantFrom('ANCIENT', 'current', '').map((boundaries) => (q: Query) => ({ ...q, boundaries })),
  fc.constant((q: Query) => ({ ...q, unexpected: true })),
);

export const invalidAggregateInput: fc.Arbitrary<Query> = fc.tuple(aggregateInput, defect).map(([q, broken]) => broken(q as Query));
