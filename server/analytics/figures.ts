import type { PublishedFigureModel, PublishedFigureRow } from '../catalog/models';
import type { AggregateFilter, AggregateInput, Dimension, Measure } from '../schema/generated/resolvers-types';
import type { Analytics, ExactResult } from './aggregate';
import type { DataState } from './data-state';
import { FILTERS, type FilterName } from './model';
import { planQuery, type Plan } from './plan';

/*
 * Reconciliation of the figures published in the source articles with the data. Each figure is an
 * aggregate query of its own (its programme, institution, region, period and breakdown); the product
 * computes it and says whether it matches, respecting the figure's qualifier ("more than 2000").
 */

/** A figure's breakdown ("consultation_stage=PRE_VOCATIONAL") as the filter and dimension it means. */
const BREAKDOWNS: Record<string, { filter: FilterName; dimension: Dimension }> = {
  consultation_stage: { filter: 'stages', dimension: 'CONSULTATION_STAGE' },
};

function breakdownOf(figure: PublishedFigureRow) {
  if (!figure.breakdown) return undefined;
  const [name, code] = figure.breakdown.split('=');
  const known = BREAKDOWNS[name];
  if (!known || !code) throw new Error(`published figure ${figure.id} has an unknown breakdown "${figure.breakdown}"`);
  return { ...known, code };
}

/** The AggregateInput whose total is the figure. */
export function figureInput(figure: PublishedFigureRow): AggregateInput {
  const filter: AggregateFilter = { programmes: [figure.programmeCode], from: figure.periodFrom, to: figure.periodTo };
  if (figure.institutionCode) filter.institutions = [figure.institutionCode];
  if (figure.regionCode) filter.regions = [figure.regionCode];
  const breakdown = breakdownOf(figure);
  if (breakdown) filter[breakdown.filter] = [breakdown.code];
  return { measures: [figure.measure as Measure], filter };
}

export function qualifierHolds(figure: PublishedFigureRow, computed: number | null): boolean {
  if (computed === null) return false;
  switch (figure.qualifier) {
    case 'exact':
      return computed === figure.value;
    case 'more_than':
      return computed > figure.value;
    case 'at_most':
      return computed <= figure.value;
  }
}

export class Figures {
  private cache: { version: string; figures: Promise<PublishedFigureModel[]> } | undefined;
  /** How many times the whole set was computed (GET /metrics): once per data version when all goes well. */
  computations = 0;

  constructor(private readonly analytics: Analytics) {}

  /** Every published figure with its computed value, cached until the data changes. */
  async all(state: DataState): Promise<PublishedFigureModel[]> {
    if (this.cache?.version !== state.version) {
      this.computations++;
      const figures = Promise.all(this.analytics.catalog.figures.map((f) => this.compute(f, state)));
      this.cache = { version: state.version, figures };
      figures.catch(() => (this.cache = undefined));
    }
    return this.cache.figures;
  }

  private async compute(figure: PublishedFigureRow, state: DataState): Promise<PublishedFigureModel> {
    const plan = planQuery(figureInput(figure), this.analytics.catalog, new Set(state.datasets.map((d) => d.id)));
    const exact = await this.analytics.exact(plan, state);
    const computedValue = exact.totals[figure.measure as Measure] ?? null;
    const synthetic = state.datasets.some((d) => d.synthetic && exact.datasetIds.includes(d.id));
    return { ...figure, computedValue, matches: qualifierHolds(figure, computedValue), synthetic };
  }

  /**
   * The matching figures that a query's answer shows: same measure and period, a filter that covers the
   * figure's scope and narrows nothing else, and the very same value in the cell that holds the figure
   * (the total, or the row of the figure's breakdown). `hidden` says whether that cell was suppressed.
   */
  async reproducedBy(exact: ExactResult, state: DataState, hidden: (measure: Measure, rowKey?: string[]) => boolean): Promise<PublishedFigureModel[]> {
    const { plan } = exact;
    const candidates = this.analytics.catalog.figures.filter(
      (f) => plan.measures.includes(f.measure as Measure) && plan.from === f.periodFrom && plan.to === f.periodTo,
    );
    if (candidates.length === 0) return [];
    const figures = await this.all(state);
    const known = new Set(state.datasets.map((d) => d.id));
    return figures.filter((figure) => {
      if (!figure.matches || !candidates.some((c) => c.id === figure.id)) return false;
      const scope = planQuery(figureInput(figure), this.analytics.catalog, known);
      const cell = figureCell(figure, plan, scope, exact);
      return cell !== undefined && cell.value === figure.computedValue && !hidden(figure.measure as Measure, cell.rowKey);
    });
  }
}

function figureCell(figure: PublishedFigureRow, plan: Plan, scope: Plan, exact: ExactResult): { value: number | null | undefined; rowKey?: string[] } | undefined {
  const measure = figure.measure as Measure;
  const breakdown = breakdownOf(figure);
  for (const name of Object.keys(FILTERS) as FilterName[]) {
    if (name === breakdown?.filter || name === 'datasets') continue;
    const asked = plan.filters[name];
    const needed = scope.filters[name];
    if (asked === undefined) continue;
    if (needed === undefined || !needed.every((code) => asked.includes(code))) return undefined;
  }
  if (!breakdown) return { value: exact.totals[measure] };
  const asked = plan.filters[breakdown.filter];
  if (asked) return asked.length === 1 && asked[0] === breakdown.code ? { value: exact.totals[measure] } : undefined;
  if (plan.dimensions.length !== 1 || plan.dimensions[0] !== breakdown.dimension) return undefined;
  const row = exact.rows.find((r) => r.key[0] === breakdown.code);
  return row && { value: row.values[measure], rowKey: row.key };
}
