import type { FastifyInstance } from 'fastify';
import { problemType } from './problem-details.filter';

/**
 * Headers every API response carries beyond what helmet sets: no caching of what may be personal data, and a content
 * security policy that lets nothing run or frame a JSON answer. A route that serves a page (the dashboard) or opts into
 * caching sets its own, which is kept. The OpenAPI explorer under /docs is left to its own page scripts.
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

export function addApiSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    if (!reply.hasHeader('content-security-policy') && !request.url.startsWith('/docs'))
      void reply.header('content-security-policy', API_CONTENT_SECURITY_POLICY);
    done(null, payload);
  });
}

/** The problem+json a rate-limited request gets (429), with when to try again. */
export function rateLimitedProblem(request: { url: string; id: unknown }, retryAfterSeconds: number) {
  return {
    type: problemType('REQUEST.RATE_LIMITED'),
    title: 'Too Many Requests',
    status: 429,
    detail: `Too many requests of this kind; try again in ${retryAfterSeconds} s.`,
    code: 'REQUEST.RATE_LIMITED',
    instance: request.url,
    correlationId: String(request.id),
    retryAfterSeconds,
  };
}
