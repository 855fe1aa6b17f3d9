import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC_VIEWER } from '../analytics/viewer';
import type { HttpExchange } from '../context';
import { API_PATH } from '../http/readiness';
import { timed } from '../http/server-timing';
import { IDLE_MS, SESSION_COOKIE, type Sessions } from './sessions';

/**
 * Resolves every request's viewer from its session cookie. The cookie is HttpOnly (scripts cannot read
 * it), SameSite=Lax (not sent on cross-site POSTs) and Secure when the site is served over HTTPS.
 */
export async function registerSessions(app: FastifyInstance, sessions: Sessions): Promise<void> {
  await app.register(fastifyCookie);
  app.addHook('onRequest', async (request) => {
    // Static files and health checks need nobody's identity: no session read for them.
    const signedIn = API_PATH.test(request.url) ? await sessions.resolve(request.cookies[SESSION_COOKIE]) : undefined;
    request.viewer = signedIn?.viewer ?? PUBLIC_VIEWER;
  });
}

export function httpExchange(request: FastifyRequest, reply: FastifyReply): HttpExchange {
  const options = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https' };
  return {
    ip: request.ip,
    requestId: request.id,
    sessionToken: request.cookies[SESSION_COOKIE],
    setSession: (token, expiresAt) =>
      reply.setCookie(SESSION_COOKIE, token, { ...options, expires: expiresAt, maxAge: Math.floor(Math.min(IDLE_MS * 6, expiresAt.getTime() - Date.now()) / 1000) }),
    clearSession: () => reply.clearCookie(SESSION_COOKIE, options),
    time: (name, work) => timed(request, name, work),
  };
}
