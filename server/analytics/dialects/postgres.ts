import type { Dialect } from './index';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006']);

export const postgres: Dialect = {
  name: 'postgres',
  rows: (result) => (result as { rows: Record<string, unknown>[] }).rows,
  // 57014: query_canceled, which statement_timeout raises.
  isTimeout: (error) => (error as { code?: string })?.code === '57014',
  isConnectionLost: (error) => {
    const e = error as { code?: string; message?: string };
    return CONNECTION_CODES.has(e?.code ?? '') || /Connection terminated|Knex: Timeout acquiring a connection/.test(e?.message ?? '');
  },
};
