import type { FastifyBaseLogger } from 'fastify';
import type { Analytics } from './analytics/aggregate';
import type { Figures } from './analytics/figures';
import type { Kpis } from './analytics/kpis';
import type { Viewer } from './analytics/viewer';
import type { Catalog } from './catalog/catalog';

/** The product's services, built once at start and shared by GraphQL and the REST routes. */
export interface Services {
  analytics: Analytics;
  figures: Figures;
  kpis: Kpis;
  catalog: Catalog;
}

/** What every resolver gets: the services, who is asking, and a logger carrying the request id. */
export interface Context extends Services {
  viewer: Viewer;
  log: FastifyBaseLogger;
}
