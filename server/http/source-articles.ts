import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { REFERENCE_DIR } from '../../seeds/load-reference';

const SOURCES_DIR = path.join(REFERENCE_DIR, 'sources');

/**
 * GET /sources/<file>: the source articles, verbatim (Latvian, UTF-8), so every published figure links
 * to the text it is quoted from. Only the files in the folder are served; any other name is a 404.
 */
export function registerSourceArticles(app: FastifyInstance): void {
  const articles = new Map(fs.readdirSync(SOURCES_DIR).filter((f) => f.endsWith('.txt')).map((f) => [f, path.join(SOURCES_DIR, f)]));
  app.get<{ Params: { file: string } }>('/sources/:file', async (request, reply) => {
    const file = articles.get(request.params.file);
    if (!file) return reply.code(404).send({ error: 'NOT_FOUND', message: `There is no source article "${request.params.file.slice(0, 80)}".` });
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=86400').send(fs.readFileSync(file, 'utf8'));
  });
}
