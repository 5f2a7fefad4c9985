import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { problemType } from './problem-details.filter';

/**
 * The headers helmet sets for these options (nosniff, frame denial, referrer and cross-origin policies, HSTS, ...),
 * worked out once. They depend on the options only, never on the request, while helmet's Fastify plugin built the
 * whole middleware again for every request, in two async hooks: some 15-20% of a read's instructions. Helmet stays the
 * source of the values; a response gets them with `reply.headers()`, and a route that sets one of them wins.
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet({ ...options })({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return Object.freeze(headers);
}

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
