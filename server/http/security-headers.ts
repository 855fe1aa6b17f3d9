import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Security headers for every response: a CSP that allows only our own scripts (no inline script),
 * no MIME sniffing, a strict referrer policy, and no framing, except /embed/… pages, which exist to
 * be framed by news sites.
 */
const HEADERS = headersOf(
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // ECharts and Vue set style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  }),
);

/**
 * The headers helmet sets, worked out once: with no nonces they are the same for every response, and
 * @fastify/helmet rebuilt helmet's middleware from these options on every request (about a tenth of a
 * millisecond of each request here).
 */
function headersOf(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  const embedCsp = HEADERS['content-security-policy'].replace("frame-ancestors 'none'", 'frame-ancestors *');
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(HEADERS);
    if (request.url.startsWith('/embed/')) {
      reply.removeHeader('x-frame-options');
      reply.header('content-security-policy', embedCsp);
    }
    done();
  });
}
