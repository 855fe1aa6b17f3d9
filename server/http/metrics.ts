import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { LoadShedding } from './load-shedding';

/** Timer resolution of the event-loop sampler: delays shorter than this are not told apart. */
const RESOLUTION_MS = 10;

export interface Metrics {
  /** Start measuring the event loop: called once serving begins, so start-up work (seeding) is not counted. */
  start(): void;
}

/** What the analytics layer has done so far; zero before the API opens. */
export interface AnalyticsCounts {
  figureComputations: number;
  answersComputed: number;
  exactComputed: number;
  warmUps: number;
}

/**
 * GET /metrics in Prometheus' text format: how long the event loop was blocked (better-sqlite3 answers
 * synchronously, so a slow SQLite query stalls every request of the process), requests in flight and
 * shed, how often answers and the published figures were computed and warm-ups completed, and memory.
 * Nothing in it is about the data or its users.
 */
export function registerMetrics(app: FastifyInstance, shedding: Pick<LoadShedding, 'inFlight' | 'shed'>, analytics: () => AnalyticsCounts): Metrics {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  // The same since the previous scrape, so a scraper (or the benchmark) sees one interval's worst alone.
  const recent = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  app.addHook('onClose', async () => (delay.disable(), recent.disable()));

  app.get('/metrics', async (_request, reply) => {
    const memory = process.memoryUsage();
    const counts = analytics();
    const seconds = (ns: number, histogram = delay) => (histogram.count ? ns / 1e9 : 0);
    const lines = [
      gauge('im_event_loop_delay_max_seconds', 'Longest event-loop delay since serving began.', seconds(delay.max)),
      gauge('im_event_loop_delay_p99_seconds', '99th percentile of event-loop delay since serving began.', seconds(delay.percentile(99))),
      gauge('im_event_loop_delay_mean_seconds', 'Mean event-loop delay since serving began.', seconds(delay.mean)),
      gauge('im_event_loop_delay_recent_max_seconds', 'Longest event-loop delay since the previous scrape of /metrics.', seconds(recent.max, recent)),
      gauge('im_event_loop_delay_recent_p99_seconds', '99th percentile of event-loop delay since the previous scrape of /metrics.', seconds(recent.percentile(99), recent)),
      gauge('im_http_requests_in_flight', 'API requests being answered.', shedding.inFlight()),
      counter('im_http_requests_shed_total', 'API requests refused with 503 because the server was overloaded.', shedding.shed()),
      counter('im_published_figures_computations_total', 'Times the published figures were computed (at start and after each change of the data).', counts.figureComputations),
      counter('im_answers_computed_total', 'Aggregate answers computed, not served from the answer cache.', counts.answersComputed),
      counter('im_exact_results_computed_total', 'Exact results computed by a scan or SQL, not served from the cache (an answer in another language or for another role may reuse one).', counts.exactComputed),
      counter('im_warm_ups_total', "Completed warm-ups: the Overview's questions answered ahead, at start and after each change of the data.", counts.warmUps),
      gauge('process_resident_memory_bytes', 'Resident set size.', memory.rss),
      gauge('nodejs_heap_used_bytes', 'V8 heap in use.', memory.heapUsed),
    ];
    recent.reset();
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(`${lines.join('\n')}\n`);
  });

  return { start: () => (delay.enable(), recent.enable()) };
}

const gauge = (name: string, help: string, value: number) => `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${name} ${value}`;
const counter = (name: string, help: string, value: number) => `# HELP ${name} ${help}\n# TYPE ${name} counter\n${name} ${value}`;
