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
 * Runs warm-ups one at a time, each for the newest data. After a change it waits until the data has been
 * quiet for `QUIET_MS`, so a burst of writes (an import and its rollback, several files in a row) costs one
 * rebuild of the rollup, not one per write, and a second import does not share the cores with the rebuild
 * the first one caused. A failed warm-up is left for the first question to report, as any database failure is.
 */
export class WarmUps {
  static readonly QUIET_MS = 1000;
  /** Warm-ups that completed (GET /metrics; tests wait on it). */
  completed = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly services: Pick<Services, 'analytics' | 'figures' | 'kpis'>) {}

  /** Now (at start), or once the data has been quiet for `QUIET_MS` (after a change). */
  request(afterChange = false): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = afterChange ? setTimeout(() => this.run(), WarmUps.QUIET_MS).unref() : undefined;
    if (!afterChange) this.run();
  }

  /** No more warm-ups; the one running, if any, is left to fail with the analytics it uses. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private run(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = warmUp(this.services)
      .then(() => void this.completed++, () => undefined)
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.closed) {
          this.again = false;
          this.run();
        }
      });
  }
}
