import { chartSpec, type ChartId } from '../charts/catalog';
import type { AggregateInput, Dimension, Measure } from '../gql/graphql';
import { viewFilter, type ViewState } from './view';

/*
 * What the Overview asks, as data: the page draws from it, and the server answers the default view's
 * questions before anyone asks (server/analytics/warm-up.ts), so the first visitor after a start or an
 * import does not wait for the scans. Nothing here imports Vue, so the server can read it.
 */

/** A headline card: the published figures it states, recomputed with its lead figure's query. */
export interface FigureCardSpec {
  figures: string[];
  measures: Measure[];
  dimensions?: Dimension[];
}

export const figureCards = {
  verte: { figures: ['VERTE_2021_PARTICIPANTS', 'VERTE_2021_REINTEGRATED'], measures: ['PARTICIPANTS', 'REINTEGRATED', 'REINTEGRATION_RATE'] },
  consulted: {
    figures: ['NVA_CONSULTED_TOTAL', 'NVA_CONSULTED_PRE_VOCATIONAL', 'NVA_CONSULTED_PRE_RELEASE'],
    measures: ['CONSULTED_PERSONS'],
    dimensions: ['CONSULTATION_STAGE'],
  },
  diversity: { figures: ['DIVERSITY_TOTAL_2021'], measures: ['PARTICIPANTS'] },
} as const satisfies Record<string, FigureCardSpec>;

/** A card's question: the lead figure's own query (filter and period), never the page's filters. */
export function figureCardQuery(leadQuery: AggregateInput, card: FigureCardSpec): AggregateInput {
  return { ...leadQuery, measures: [...card.measures], dimensions: [...(card.dimensions ?? [])] };
}

/** The headline totals for whatever the global filters select. */
export const summaryMeasures: Measure[] = ['PARTICIPANTS', 'REINTEGRATED', 'REINTEGRATION_RATE', 'NEW_PARTICIPANTS', 'CONSULTED_PERSONS'];

export const summaryQuery = (view: ViewState): AggregateInput => ({ measures: summaryMeasures, filter: viewFilter(view, 'global') });

/** The years the filter bar offers (on every page): those with any participant or consultation. */
export const yearsWithDataQuery: AggregateInput = { measures: ['NEW_PARTICIPANTS', 'CONSULTATIONS'], dimensions: ['YEAR'] };

export const overviewCharts: ChartId[] = ['participants-by-year', 'esf-results', 'consultations-by-year'];

/**
 * Every aggregate the Overview sends for a view; `figureQuery` gives a published figure's query by id (the
 * server's own for it). The published figures and the KPI targets are questions of their own, not aggregates.
 */
export function overviewQuestions(view: ViewState, figureQuery: (id: string) => AggregateInput | undefined): AggregateInput[] {
  const cards = Object.values(figureCards).flatMap((card: FigureCardSpec) => {
    const lead = figureQuery(card.figures[0]);
    return lead ? [figureCardQuery(lead, card)] : [];
  });
  const charts = overviewCharts.flatMap((id) => chartSpec(id)?.query(view) ?? []);
  return [...cards, yearsWithDataQuery, summaryQuery(view), ...charts];
}
