import { audit } from '../auth/audit';
import type { KpiModel } from '../catalog/models';
import { badInput } from '../errors';
import type { KpiTargetInput, Measure } from '../schema/generated/resolvers-types';
import type { Analytics } from './aggregate';
import type { DataState } from './data-state';
import { isIsoDate } from './periods';
import type { Viewer } from './viewer';

type TargetRow = Record<string, any>;

/**
 * KPI targets with their actual values. A target's history is kept as rows; the target as it stood at
 * `asOf` is the newest row set by then for the same programme × measure × period × region.
 */
export class Kpis {
  constructor(private readonly analytics: Analytics) {}

  async list(args: { programme?: string | null; year?: number | null; asOf?: string | null }, viewer: Viewer): Promise<KpiModel[]> {
    const asOf = args.asOf ?? new Date().toISOString();
    const rows: TargetRow[] = await this.analytics.guard(() => {
      const q = this.analytics.db('kpi_target').where('set_at', '<=', asOf).orderBy([{ column: 'set_at', order: 'desc' }, { column: 'id', order: 'desc' }]);
      if (args.programme) q.andWhere('programme_code', args.programme);
      if (args.year) q.andWhere('period_from', '<=', `${args.year}-12-31`).andWhere('period_to', '>=', `${args.year}-01-01`);
      return q;
    });
    const latest = new Map<string, TargetRow>();
    for (const r of rows) {
      const key = [r.programme_code, r.measure, r.period_from, r.period_to, r.region_code ?? ''].join('|');
      if (!latest.has(key)) latest.set(key, r);
    }
    const state = await this.analytics.dataState();
    return Promise.all([...latest.values()].map((r) => this.withActual(r, viewer, state)));
  }

  /** Records a new target; earlier ones stay as history. Checked like any query: known codes, from ≤ to. */
  async setTarget(input: KpiTargetInput, viewer: Viewer, http: { ip: string; requestId: string }): Promise<KpiModel> {
    const { catalog, db } = this.analytics;
    if (!catalog.programmes.has(input.programme)) throw badInput(`unknown programme "${input.programme}"`, 'input.programme');
    for (const [field, value] of [['periodFrom', input.periodFrom], ['periodTo', input.periodTo]] as const) {
      if (!isIsoDate(value)) throw badInput(`"${value}" is not a date written yyyy-mm-dd`, `input.${field}`);
    }
    if (input.periodFrom > input.periodTo) throw badInput(`periodFrom (${input.periodFrom}) is after periodTo (${input.periodTo})`, 'input.periodFrom');
    if (!Number.isFinite(input.target) || input.target < 0) throw badInput('a target is a number of at least 0', 'input.target');
    if (input.measure === 'REINTEGRATION_RATE' && input.target > 1) throw badInput('a rate target is a fraction between 0 and 1', 'input.target');
    const region = input.region ? catalog.region(input.region) : undefined;
    if (input.region && !region) throw badInput(`unknown region code "${input.region}"`, 'input.region');
    if (region && region.level !== 'MUNICIPALITY') throw badInput('targets are set for the country or one municipality', 'input.region');
    const row = {
      programme_code: input.programme,
      measure: input.measure,
      period_from: input.periodFrom,
      period_to: input.periodTo,
      region_code: region?.code ?? null,
      target_value: input.target,
      synthetic: false,
      set_at: new Date().toISOString(),
      set_by: viewer.username ?? null,
      note: input.note?.slice(0, 1000) ?? null,
    };
    const id = await db.transaction(async (trx) => {
      const previous = await trx('kpi_target')
        .where({ programme_code: row.programme_code, measure: row.measure, period_from: row.period_from, period_to: row.period_to, region_code: row.region_code })
        .orderBy('set_at', 'desc')
        .first('target_value');
      const [inserted] = await trx('kpi_target').insert(row).returning('id');
      await audit(trx, {
        action: 'kpi_target_set',
        userId: viewer.userId,
        username: viewer.username,
        ip: http.ip,
        requestId: http.requestId,
        details: { ...row, previous: previous ? Number(previous.target_value) : null },
      });
      return typeof inserted === 'object' ? inserted.id : inserted;
    });
    return this.withActual({ ...row, id }, viewer, await this.analytics.dataState());
  }

  private async withActual(r: TargetRow, viewer: Viewer, state: DataState): Promise<KpiModel> {
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
  }
}
