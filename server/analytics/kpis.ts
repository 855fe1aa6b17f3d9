import type { KpiModel } from '../catalog/models';
import type { Measure } from '../schema/generated/resolvers-types';
import type { Analytics } from './aggregate';
import type { Viewer } from './viewer';

/**
 * KPI targets with their actual values. A target's history is kept as rows; the target as it stood at
 * `asOf` is the newest row set by then for the same programme × measure × period × region.
 */
export class Kpis {
  constructor(private readonly analytics: Analytics) {}

  async list(args: { programme?: string | null; year?: number | null; asOf?: string | null }, viewer: Viewer): Promise<KpiModel[]> {
    const asOf = args.asOf ?? new Date().toISOString();
    const rows = await this.analytics.guard(() => {
      const q = this.analytics.db('kpi_target').where('set_at', '<=', asOf).orderBy([{ column: 'set_at', order: 'desc' }, { column: 'id', order: 'desc' }]);
      if (args.programme) q.andWhere('programme_code', args.programme);
      if (args.year) q.andWhere('period_from', '<=', `${args.year}-12-31`).andWhere('period_to', '>=', `${args.year}-01-01`);
      return q;
    });
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of rows) {
      const key = [r.programme_code, r.measure, r.period_from, r.period_to, r.region_code ?? ''].join('|');
      if (!latest.has(key)) latest.set(key, r);
    }
    const state = await this.analytics.dataState();
    return Promise.all(
      [...latest.values()].map(async (r) => {
        const result = await this.analytics.aggregate(
          {
            measures: [r.measure as Measure],
            filter: { programmes: [r.programme_code], regions: r.region_code ? [r.region_code] : undefined, from: r.period_from, to: r.period_to },
          },
          'EN',
          viewer,
          state,
        );
        return {
          id: Number(r.id),
          programmeCode: r.programme_code,
          measure: r.measure,
          periodFrom: r.period_from,
          periodTo: r.period_to,
          regionCode: r.region_code,
          target: Number(r.target_value),
          actual: result.totals[0].value,
          synthetic: Boolean(r.synthetic),
          setAt: r.set_at,
        };
      }),
    );
  }
}
