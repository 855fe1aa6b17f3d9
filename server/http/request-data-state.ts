import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DataState } from '../analytics/data-state';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The data state this request answers from, read once however many parts of it ask (the response
     * cache's key, then the resolvers), so a request is one version throughout and pays for one read.
     */
    dataState(): Promise<DataState>;
  }
}

const perRequest = new WeakMap<FastifyRequest, Promise<DataState>>();

export function registerRequestDataState(app: FastifyInstance, read: () => Promise<DataState>): void {
  app.decorateRequest('dataState', function (this: FastifyRequest) {
    let state = perRequest.get(this);
    if (!state) perRequest.set(this, (state = read()));
    return state;
  });
}
