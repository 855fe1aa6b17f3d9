import type { AggregateInput, Dimension, Measure } from '../gql/graphql';
import { viewFilter, type ViewState } from '../model/view';

/*
 * Every chart of the app as data (after OWID Grapher): a title, the aggregate query it draws, and how.
 * Pages and /embed/<id> render a chart from its id and the view in the URL, so an embedded chart is
 * always the same chart as on its page.
 */

export type Draw = 'bar' | 'stacked' | 'line' | 'ranking' | 'presence' | 'map';

export type Translate = (key: string, named?: Record<string, unknown>) => string;

export interface ChartSpec {
  /** The page that shows this chart, for "open the full view" from an embed. */
  page: string;
  title(view: ViewState, t: Translate): string;
  /** Null when the view does not say enough to draw the chart yet; `missing` says what to choose. */
  query(view: ViewState): AggregateInput | null;
  missing?: string;
  draw(view: ViewState): Draw;
  /** Categories down the side, for long names. */
  horizontal?: boolean;
}

const bar = () => 'bar' as const;
const global = (view: ViewState) => viewFilter(view, 'global');
const regionDimension = (view: ViewState): Dimension => (view.level === 'planning' ? 'PLANNING_REGION' : 'MUNICIPALITY');
const outcomeMeasures: Measure[] = ['PARTICIPANTS', 'REINTEGRATED', 'REINTEGRATION_RATE'];

const catalog = {
  'participants-by-year': {
    page: '/',
    title: (_, t) => t('charts.participantsByYear'),
    query: (view) => ({ measures: outcomeMeasures, dimensions: ['YEAR'], filter: global(view) }),
    draw: bar,
  },
  'esf-results': {
    page: '/',
    title: (_, t) => t('charts.esfResults'),
    query: (view) => ({
      measures: ['REINTEGRATED'],
      dimensions: ['OUTCOME'],
      filter: { ...global(view), outcomes: ['EMPLOYMENT', 'EDUCATION'] },
    }),
    draw: bar,
    horizontal: true,
  },
  'consultations-by-year': {
    page: '/',
    title: (_, t) => t('charts.consultationsByYear'),
    query: (view) => ({ measures: ['CONSULTATIONS'], dimensions: ['YEAR', 'CONSULTATION_STAGE'], filter: global(view) }),
    draw: () => 'stacked',
  },
  'regions-map': {
    page: '/regions',
    title: (view, t) => t(`charts.regionsMap.${view.level}`, { measure: t(`measure.${view.measure}`) }),
    query: (view) => ({ measures: [view.measure], dimensions: [regionDimension(view)], filter: global(view) }),
    draw: () => 'map',
  },
  'regions-ranking': {
    page: '/regions',
    title: (view, t) => t(`charts.regionsRanking.${view.level}`, { measure: t(`measure.${view.measure}`) }),
    query: (view) => ({ measures: [view.measure], dimensions: [regionDimension(view)], filter: global(view) }),
    draw: () => 'ranking',
  },
  'regions-compare': {
    page: '/regions',
    title: (view, t) => t('charts.regionsCompare', { measure: t(`measure.${view.measure}`) }),
    // The chosen regions replace the region filter: comparing them is the point of this chart.
    query: (view) =>
      view.compare.length < 2
        ? null
        : { measures: [view.measure], dimensions: ['YEAR', regionDimension(view)], filter: { ...global(view), regions: view.compare } },
    missing: 'chart.compareHint',
    draw: () => 'line',
  },
  'target-groups': {
    page: '/target-groups',
    title: (_, t) => t('charts.targetGroups'),
    query: (view) => ({ measures: ['PARTICIPANTS', 'REINTEGRATION_RATE'], dimensions: ['TARGET_GROUP'], filter: global(view) }),
    draw: bar,
    horizontal: true,
  },
  'target-group-outcomes': {
    page: '/target-groups',
    title: (_, t) => t('charts.targetGroupOutcomes'),
    query: (view) => ({ measures: ['PARTICIPANTS'], dimensions: ['TARGET_GROUP', 'OUTCOME'], filter: global(view) }),
    draw: () => 'stacked',
    horizontal: true,
  },
  gender: {
    page: '/target-groups',
    title: (_, t) => t('charts.gender'),
    query: (view) => ({ measures: outcomeMeasures, dimensions: ['GENDER'], filter: global(view) }),
    draw: bar,
  },
  'age-bands': {
    page: '/target-groups',
    title: (_, t) => t('charts.ageBands'),
    query: (view) => ({ measures: outcomeMeasures, dimensions: ['AGE_BAND'], filter: global(view) }),
    draw: bar,
  },
  'prison-sites': {
    page: '/institutions',
    title: (_, t) => t('charts.prisonSites'),
    query: (view) => ({ measures: ['CONSULTATION_SITES'], dimensions: ['YEAR'], filter: global(view) }),
    draw: bar,
  },
  'site-activity': {
    page: '/institutions',
    title: (_, t) => t('charts.siteActivity'),
    query: (view) => ({ measures: ['CONSULTATIONS'], dimensions: ['YEAR', 'SITE'], filter: global(view) }),
    draw: () => 'presence',
  },
  'consultations-by-stage': {
    page: '/institutions',
    title: (_, t) => t('charts.consultationsByStage'),
    query: (view) => ({ measures: ['CONSULTATIONS', 'CONSULTED_PERSONS'], dimensions: ['CONSULTATION_STAGE'], filter: global(view) }),
    draw: bar,
  },
  'consultations-by-format': {
    page: '/institutions',
    title: (_, t) => t('charts.consultationsByFormat'),
    query: (view) => ({
      measures: ['CONSULTATIONS'],
      dimensions: ['CONSULTATION_FORMAT', 'CONSULTATION_MODE'],
      filter: global(view),
    }),
    draw: () => 'stacked',
  },
  'participants-by-institution': {
    page: '/institutions',
    title: (_, t) => t('charts.participantsByInstitution'),
    query: (view) => ({ measures: ['PARTICIPANTS', 'REINTEGRATED'], dimensions: ['INSTITUTION'], filter: global(view) }),
    draw: () => 'ranking',
  },
  explorer: {
    page: '/explorer',
    title: (view, t) => {
      // Names after the first sit mid-sentence in the title.
      const lower = (text: string) => text.toLocaleLowerCase(view.lang);
      const measures = view.measures.map((m, i) => (i ? lower(t(`measure.${m}`)) : t(`measure.${m}`))).join(', ');
      if (!view.dimensions.length) return t('charts.explorerTotals', { measures });
      const dimensions = view.dimensions.map((d) => lower(t(`dimension.${d}`))).join(', ');
      return t('charts.explorer', { measures, dimensions });
    },
    query: (view) => ({
      measures: view.measures,
      dimensions: view.dimensions,
      filter: viewFilter(view, 'explorer'),
      ...(view.boundaries === 'AS_RECORDED' ? { boundaries: view.boundaries } : {}),
    }),
    draw: (view) => view.chart,
  },
} satisfies Record<string, ChartSpec>;

export type ChartId = keyof typeof catalog;

export function chartSpec(id: string): ChartSpec | undefined {
  return Object.hasOwn(catalog, id) ? catalog[id as ChartId] : undefined;
}
