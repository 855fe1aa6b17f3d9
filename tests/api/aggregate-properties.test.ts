import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analytics } from '../../server/analytics/aggregate';
import { DIMENSIONS, MEASURES } from '../../server/analytics/model';
import { PUBLIC_VIEWER, type Viewer } from '../../server/analytics/viewer';
import { Catalog } from '../../server/catalog/catalog';
import { ensureSeeded } from '../../seeds';
import { aggregateInput } from '../helpers/arbitraries';
import { testDatabases } from '../helpers/databases';

const OFFICIAL: Viewer = { role: 'OFFICIAL', institutions: [] };
const THRESHOLD = 5;

describe('aggregate properties over random queries (SQLite, demo data)', () => {
  let database: Awaited<ReturnType<ReturnType<typeof testDatabases>[number]['create']>>;
  let analytics: Analytics;
  beforeAll(async () => {
    database = await testDatabases()[0].create();
    await ensureSeeded(database.db);
    analytics = new Analytics(database.db, await Catalog.load(database.db), { suppressionThreshold: THRESHOLD });
  });
  afterAll(() => database?.drop());

  it('additive measures sum to their totals; distinct counts in a row never exceed the total', async () => {
    await fc.assert(
      fc.asyncProperty(aggregateInput, async (input) => {
        const result = await analytics.aggregate({ ...input, limit: 10_000 }, 'EN', OFFICIAL);
        const multiValued = result.plan.dimensions.some((d) => DIMENSIONS[d].multiValued);
        result.plan.measures.forEach((m, i) => {
          const total = result.totals[i].value;
          const values = result.rows.map((r) => r.measures[i].value ?? 0);
          if (MEASURES[m].additive && !multiValued && result.rows.length > 0) {
            expect(values.reduce((a, b) => a + b, 0), m).toBe(total);
          } else if (!MEASURES[m].ratio) {
            for (const v of values) expect(v, m).toBeLessThanOrEqual(total!);
          } else {
            for (const v of values) expect(v, m).toBeLessThanOrEqual(1);
          }
        });
      }),
      { numRuns: 60, seed: 20261123 },
    );
  });

  it('anonymous results never show a count from 1 to 4, and no line has exactly one hidden cell', async () => {
    await fc.assert(
      fc.asyncProperty(aggregateInput, async (input) => {
        const result = await analytics.aggregate({ ...input, limit: 10_000 }, 'EN', PUBLIC_VIEWER);
        result.plan.measures.forEach((m, i) => {
          if (!MEASURES[m].disclosive) return;
          const cells = [...result.rows.map((r) => r.measures[i]), result.totals[i]];
          for (const c of cells) {
            if (c.suppressed) expect(c.value).toBeNull();
            if (!MEASURES[m].ratio && c.value !== null) expect(c.value === 0 || c.value >= THRESHOLD, `${m}=${c.value}`).toBe(true);
          }
          if (MEASURES[m].ratio) return;
          // Every line: all rows with the total, and the rows differing in one dimension only.
          const lines: (typeof cells)[] = [cells];
          const width = result.plan.dimensions.length;
          if (width > 1) {
            for (let d = 0; d < width; d++) {
              const groups = new Map<string, typeof cells>();
              for (const row of result.rows) {
                const key = row.dimensions.filter((_, j) => j !== d).map((x) => x.code).join('|');
                groups.set(key, [...(groups.get(key) ?? []), row.measures[i]]);
              }
              lines.push(...groups.values());
            }
          }
          // A line of one cell has no other cell to subtract: its hidden value is as safe as its marginal.
          for (const line of lines.filter((l) => l.length > 1)) expect(line.filter((c) => c.suppressed).length, m).not.toBe(1);
        });
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
