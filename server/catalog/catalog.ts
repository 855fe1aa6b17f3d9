import type { Db } from '../db/connection';
import { badInput } from '../errors';
import type {
  InstitutionModel,
  ProgrammeModel,
  PublishedFigureRow,
  RegionModel,
  TargetGroupModel,
} from './models';

/**
 * The reference dimensions, held in memory: they are small (a few hundred rows) and read by every
 * query to expand filters (a parent includes its children, a current municipality its predecessors)
 * and to label codes.
 */
export class Catalog {
  readonly regions = new Map<string, RegionModel>();
  readonly planningRegions = new Map<string, RegionModel>();
  readonly institutions = new Map<string, InstitutionModel>();
  readonly programmes = new Map<string, ProgrammeModel>();
  readonly targetGroups = new Map<string, TargetGroupModel>();
  readonly figures: PublishedFigureRow[] = [];
  private readonly altCodes = new Map<string, string>();

  static async load(db: Db): Promise<Catalog> {
    const catalog = new Catalog();
    const [planning, regions, institutions, programmes, groups, figures] = await Promise.all([
      db('planning_region').select(),
      db('region').select(),
      db('institution').select(),
      db('programme').select(),
      db('target_group').select(),
      db('published_figure').select().orderBy('id'),
    ]);
    for (const r of planning) {
      catalog.planningRegions.set(r.code, {
        code: r.code,
        altCode: null,
        level: 'PLANNING_REGION',
        nameLv: r.name_lv,
        nameEn: r.name_en,
        kind: 'planning_region',
        planningRegionCode: null,
        validFrom: null,
        validTo: null,
        successorCode: null,
        rollupCode: null,
        lat: null,
        lon: null,
        note: null,
      });
    }
    for (const r of regions) {
      catalog.regions.set(r.code, {
        code: r.code,
        altCode: r.alt_code,
        level: 'MUNICIPALITY',
        nameLv: r.name_lv,
        nameEn: r.name_en,
        kind: r.kind,
        planningRegionCode: r.planning_region_code,
        validFrom: r.valid_from,
        validTo: r.valid_to,
        successorCode: r.successor_code,
        rollupCode: r.rollup_code,
        lat: r.lat,
        lon: r.lon,
        note: r.note,
      });
      if (r.alt_code) catalog.altCodes.set(r.alt_code, r.code);
    }
    for (const i of institutions) {
      catalog.institutions.set(i.code, {
        code: i.code,
        nameLv: i.name_lv,
        nameEn: i.name_en,
        kind: i.kind,
        parentCode: i.parent_code,
        regionCode: i.region_code,
        validFrom: i.valid_from,
        validTo: i.valid_to,
        note: i.note,
      });
    }
    for (const p of programmes) {
      catalog.programmes.set(p.code, {
        code: p.code,
        nameLv: p.name_lv,
        nameEn: p.name_en,
        projectNo: p.project_no,
        operatorCode: p.operator_code,
        specificObjective: p.specific_objective,
        startDate: p.start_date,
        endDate: p.end_date,
        esfShare: p.esf_share,
        stateShare: p.state_share,
        synthetic: Boolean(p.synthetic),
        note: p.note,
      });
    }
    for (const g of groups) {
      catalog.targetGroups.set(g.code, {
        code: g.code,
        parentCode: g.parent_code,
        nameLv: g.name_lv,
        nameEn: g.name_en,
        esfIndicator: g.esf_indicator_code,
        note: g.note,
      });
    }
    for (const f of figures) {
      catalog.figures.push({
        id: f.id,
        programmeCode: f.programme_code,
        institutionCode: f.institution_code,
        regionCode: f.region_code,
        periodFrom: f.period_from,
        periodTo: f.period_to,
        measure: f.measure,
        breakdown: f.breakdown,
        value: Number(f.value),
        qualifier: f.qualifier,
        source: f.source,
        quote: f.quote,
        interpretation: f.interpretation,
      });
    }
    return catalog;
  }

  /** A municipality or planning region by its code; historic municipalities also by pre-2021 ATVK code. */
  region(code: string): RegionModel | undefined {
    return this.regions.get(code) ?? this.regions.get(this.altCodes.get(code) ?? '') ?? this.planningRegions.get(code);
  }

  /**
   * The recorded municipality codes a region filter covers: a planning region covers every municipality
   * (current or historic) in it; a municipality covers itself and every unit whose successor chain
   * passes through it, so 0031000 covers LV-107 and 0038000 covers 0055000 and its own predecessors.
   */
  expandRegions(codes: readonly string[], field: string): string[] {
    const out = new Set<string>();
    codes.forEach((raw, i) => {
      const region = this.region(raw);
      if (!region) throw badInput(`unknown region code "${raw}"`, `${field}[${i}]`);
      for (const candidate of this.regions.values()) {
        if (region.level === 'PLANNING_REGION' ? candidate.planningRegionCode === region.code : this.chainPasses(candidate, region.code)) {
          out.add(candidate.code);
        }
      }
    });
    return [...out].sort();
  }

  private chainPasses(region: RegionModel, through: string): boolean {
    for (let at: RegionModel | undefined = region; at; at = at.successorCode ? this.regions.get(at.successorCode) : undefined) {
      if (at.code === through) return true;
    }
    return false;
  }

  /** The codes and all their descendants, for trees where a parent includes its children. */
  private expandTree<T extends { code: string; parentCode: string | null }>(
    items: Map<string, T>,
    codes: readonly string[],
    field: string,
    what: string,
  ): string[] {
    const out = new Set<string>();
    codes.forEach((code, i) => {
      if (!items.has(code)) throw badInput(`unknown ${what} code "${code}"`, `${field}[${i}]`);
      const stack = [code];
      while (stack.length) {
        const at = stack.pop()!;
        if (out.has(at)) continue;
        out.add(at);
        for (const item of items.values()) if (item.parentCode === at) stack.push(item.code);
      }
    });
    return [...out].sort();
  }

  expandInstitutions(codes: readonly string[], field: string): string[] {
    return this.expandTree(this.institutions, codes, field, 'institution');
  }

  expandTargetGroups(codes: readonly string[], field: string): string[] {
    return this.expandTree(this.targetGroups, codes, field, 'target group');
  }

  children<T extends { code: string; parentCode: string | null }>(items: Map<string, T>, code: string): T[] {
    return [...items.values()].filter((item) => item.parentCode === code);
  }
}
