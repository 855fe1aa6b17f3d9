import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The same CSRF rule Apollo applies to GraphQL, for REST routes that change state: the request must
 * carry a non-empty `apollo-require-preflight` header, which a cross-site form or image cannot send.
 */
export async function requirePreflightHeader(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const header = request.headers['apollo-require-preflight'];
  if (typeof header !== 'string' || header.trim() === '') {
    await reply.code(400).send({
      error: 'CSRF_PREFLIGHT_REQUIRED',
      message: 'This request has been blocked as a possible Cross-Site Request Forgery: send a non-empty "apollo-require-preflight" header.',
    });
  }
}
