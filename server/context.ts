import type { FastifyBaseLogger } from 'fastify';
import type { Analytics, Timer } from './analytics/aggregate';
import type { DataState } from './analytics/data-state';
import type { Figures } from './analytics/figures';
import type { Kpis } from './analytics/kpis';
import type { Viewer } from './analytics/viewer';
import type { Sessions } from './auth/sessions';
import type { Users } from './auth/users';
import type { Catalog } from './catalog/catalog';
import type { Db } from './db/connection';

/** The product's services, built once at start and shared by GraphQL and the REST routes. */
export interface Services {
  db: Db;
  analytics: Analytics;
  figures: Figures;
  kpis: Kpis;
  catalog: Catalog;
  users: Users;
  sessions: Sessions;
}

/** The parts of the HTTP exchange a resolver may touch: who called from where, and the session cookie. */
export interface HttpExchange {
  ip: string;
  requestId: string;
  sessionToken: string | undefined;
  setSession(token: string, expiresAt: Date): void;
  clearSession(): void;
  /** Runs `work` as a named part of this request's Server-Timing header (http/server-timing.ts). */
  time: Timer;
}

/** What every resolver gets: the services, who is asking, and a logger carrying the request id. */
export interface Context extends Services {
  viewer: Viewer;
  /** The data state of this request (read once per request; `FastifyRequest.dataState`). */
  dataState(): Promise<DataState>;
  http: HttpExchange;
  log: FastifyBaseLogger;
}
