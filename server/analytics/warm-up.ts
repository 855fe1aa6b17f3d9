import type { Services } from '../context';
import { overviewQuestions } from '../../web/src/model/overview';
import { defaultView } from '../../web/src/model/view';
import { figureInput } from './figures';
import { PUBLIC_VIEWER } from './viewer';

/**
 * Answers what the Overview's first visitor asks — the published figures, the KPI targets and the
 * default view's aggregates, for the public, in the app's default language — before anyone asks, so the
 * first page after a start or an import is drawn from the answer cache instead of waiting for scans on a
 * cold server. The questions are the web app's own (web/src/model/overview.ts), read from there so the
 * two cannot drift apart; tests/e2e/warm-up.test.ts holds that a fresh Overview asks nothing else.
 */
export async function warmUp({ analytics, figures, kpis }: Pick<Services, 'analytics' | 'figures' | 'kpis'>): Promise<void> {
  const state = await analytics.dataState();
  // The rollup first: every question below is answered from it, and loading it once is the slow part.
  await analytics.rollup.get(state.version);
  // The figures keep their own cache; the aggregates only the answer cache, when there is one.
  if (!analytics.cachesAnswers) return void (await figures.all(state));
  const published = new Map(analytics.catalog.figures.map((f) => [f.id, f]));
  const questions = overviewQuestions(defaultView, (id) => {
    const figure = published.get(id);
    return figure && figureInput(figure);
  });
  const lang = defaultView.lang === 'lv' ? 'LV' : 'EN';
  await Promise.all([
    figures.all(state),
    kpis.list({}, PUBLIC_VIEWER),
    ...questions.map((question) => analytics.aggregate(question, lang, PUBLIC_VIEWER, state)),
  ]);
}

/**
 * Runs warm-ups one at a time: asked again while one runs (an import landing during the start's), it runs once
 * more after it, for the newest data. A failed warm-up is left for the first question to report, as any
 * failure of the database is.
 */
export class WarmUps {
  /** Warm-ups that completed (GET /metrics; tests wait on it). */
  completed = 0;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly services: Pick<Services, 'analytics' | 'figures' | 'kpis'>) {}

  request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = warmUp(this.services)
      .then(() => void this.completed++, () => undefined)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.request();
        }
      });
  }
}
