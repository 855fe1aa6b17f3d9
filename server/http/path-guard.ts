import type { FastifyInstance } from 'fastify';
import { send } from './error-responses';

/** After one decoding, what only a traversal attempt contains: separators or NUL inside a segment, or encoding left over. */
const SMUGGLED = /[/\\\0]|%(2e|2f|5c|00)/i;

/**
 * Refuses paths that try to climb out of the web root ("..", encoded or double-encoded separators, NUL)
 * and hidden files (".env", ".git"), before any route or the web app's history fallback sees them.
 * @fastify/static already refuses to serve such files; this makes the answer a plain 4xx instead of
 * the app's index.html, so scanners and people get the same clear "no".
 */
export function registerPathGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0];
    for (const raw of path.split('/')) {
      let segment: string;
      try {
        segment = decodeURIComponent(raw);
      } catch {
        return send(request, reply, 400, 'BAD_REQUEST', 'The path is not a valid URL.');
      }
      if (segment === '.' || segment === '..' || SMUGGLED.test(segment)) {
        return send(request, reply, 400, 'BAD_REQUEST', 'The path may not contain "..", encoded slashes or NUL.');
      }
      if (segment.startsWith('.')) return send(request, reply, 404, 'NOT_FOUND', 'No such resource.');
    }
  });
}
