import type { Dimension, Measure } from '../schema/generated/resolvers-types';
import { DIMENSIONS, FACTS, FILTERS, JOINS, MEASURES, type FactName, type FilterName, type JoinName } from './model';
import type { Bucket } from './periods';
import type { Plan } from './plan';

/** One SQL statement with its positional bindings, ready for knex.raw. */
export interface Statement {
  sql: string;
  bindings: (string | number)[];
  /** Result column of each dimension, in order (d0, d1, ...). */
  dimensionColumns: string[];
  /** Result column of each measure. */
  measureColumns: Partial<Record<Measure, string>>;
}

export interface FactQuery {
  fact: FactName;
  measures: Measure[];
  dimensions: Dimension[];
  buckets: Bucket[];
  /** The whole period, for the sargable outer condition. */
  from: string;
  to: string;
  boundaries: Plan['boundaries'];
  filters: Plan['filters'];
  /** Restrict to these datasets (asOf); undefined for all. */
  datasetIds?: string[];
  /** Extra SELECT column: which datasets contributed (for provenance), grouped instead of measured. */
  groupByDataset?: boolean;
  /** For a manager: count, per cell, the rows that do not belong to these institutions (column foreign_rows). */
  ownInstitutions?: string[];
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * Builds the one statement that answers some measures of one fact, grouped by the dimensions.
 * Everything comes from the declarations in model.ts; this function only assembles them.
 */
export function buildFactStatement(q: FactQuery): Statement {
  const fact = FACTS[q.fact];
  const bindings: (string | number)[] = [];
  const joins = new Set<JoinName>();
  const needJoin = (name: JoinName) => {
    const join = JOINS[q.fact][name];
    if (!join) throw new Error(`join ${name} is not declared for ${q.fact}`);
    if (join.requires) needJoin(join.requires);
    joins.add(name);
  };

  const select: string[] = [];
  const dimensionColumns = q.dimensions.map((d, i) => {
    const column = DIMENSIONS[d].columns[q.fact];
    if (!column) throw new Error(`dimension ${d} is not declared for ${q.fact}`);
    column.joins?.forEach(needJoin);
    const expr = q.boundaries === 'AS_RECORDED' && column.asRecorded ? column.asRecorded : column.code;
    select.push(`${expr} AS d${i}`);
    return `d${i}`;
  });
  if (q.groupByDataset) select.push(`${fact.alias}.dataset_id AS dataset_id`);

  const measureColumns: Statement['measureColumns'] = {};
  for (const m of q.measures) {
    const sql = MEASURES[m].sql;
    if (!sql) throw new Error(`measure ${m} has no SQL of its own`);
    const column = `m_${m.toLowerCase()}`;
    select.push(`${sql} AS ${column}`);
    measureColumns[m] = column;
  }

  const selectBindings: string[] = [];
  if (q.ownInstitutions) {
    const own = q.ownInstitutions.length
      ? fact.ownedBy.map((column) => `${column} IN (${placeholders(q.ownInstitutions!.length)})`).join(' OR ')
      : '1 = 0';
    select.push(`SUM(CASE WHEN ${own} THEN 0 ELSE 1 END) AS foreign_rows`);
    for (const _ of fact.ownedBy) selectBindings.push(...q.ownInstitutions);
  }

  const where: string[] = [fact.inPeriod];
  const whereBindings: (string | number)[] = [q.to, q.from];
  for (const [name, codes] of Object.entries(q.filters) as [FilterName, string[]][]) {
    const target = FILTERS[name].columns[q.fact];
    if (!target) throw new Error(`filter ${name} is not declared for ${q.fact}`);
    if (codes.length === 0) {
      where.push('1 = 0');
    } else if ('subquery' in target) {
      where.push(target.subquery.replace(':codes', placeholders(codes.length)));
      whereBindings.push(...codes);
    } else {
      target.joins?.forEach(needJoin);
      where.push(`${target.column} IN (${placeholders(codes.length)})`);
      whereBindings.push(...codes);
    }
  }
  if (q.datasetIds) {
    where.push(q.datasetIds.length ? `${fact.alias}.dataset_id IN (${placeholders(q.datasetIds.length)})` : '1 = 0');
    whereBindings.push(...q.datasetIds);
  }

  const values = q.buckets.map(() => '(?, ?, ?)').join(', ');
  for (const b of q.buckets) bindings.push(b.code, b.start, b.end);
  bindings.push(...selectBindings, ...whereBindings);

  const groupCount = dimensionColumns.length + (q.groupByDataset ? 1 : 0);
  const lines = [
    `WITH b(code, b_start, b_end) AS (VALUES ${values})`,
    `SELECT ${select.join(', ')}`,
    `FROM ${fact.table} ${fact.alias}`,
    `JOIN b ON ${fact.inBucket}`,
    // Joins in declaration order, so a join always follows the one it requires.
    ...Object.entries(JOINS[q.fact])
      .filter(([name]) => joins.has(name as JoinName))
      .map(([, join]) => join!.sql),
    `WHERE ${where.join(' AND ')}`,
  ];
  if (groupCount > 0) lines.push(`GROUP BY ${Array.from({ length: groupCount }, (_, i) => i + 1).join(', ')}`);
  return { sql: lines.join('\n'), bindings, dimensionColumns, measureColumns };
}
