import { STATUS_CODES } from 'node:http';
import { DEFAULT_LOCALE } from '@insurer/platform-i18n';
import { localeOf, localizedProblem, problemType, type ProblemDetails } from './problem-details.filter';

/**
 * What Fastify refuses before any route or filter runs, answered as problem+json like everything else: a path
 * parameter over its length limit (414), a URL that cannot be decoded (400), and what the HTTP parser refuses (headers
 * over the size limit 431, a client that never finished its request 408, anything else malformed 400).
 */
const ROUTING: Record<string, { status: number; code: string }> = {
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'REQUEST.URI_TOO_LONG' },
  FST_ERR_BAD_URL: { status: 400, code: 'REQUEST.BAD_URL' },
};

const PARSER: Record<string, { status: number; code: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'REQUEST.HEADERS_TOO_LARGE' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'REQUEST.TIMEOUT' },
};

/** The answer to a routing failure of Fastify's (its `frameworkErrors` hook). */
export function routingProblem(
  error: { code?: string; statusCode?: number },
  request: { id: unknown; url: string; headers: Record<string, string | string[] | undefined> },
): ProblemDetails {
  const locale = localeOf(request);
  const base = { instance: request.url, correlationId: String(request.id) };
  const known = ROUTING[error.code ?? ''];
  if (known) return localizedProblem(known.status, known.code, locale, {}, base);
  // Kept under the code integrators know (REQUEST.INVALID), worded as what it is.
  const unroutable = localizedProblem(error.statusCode ?? 400, 'REQUEST.NOT_ROUTABLE', locale, {}, base);
  return { ...unroutable, type: problemType('REQUEST.INVALID'), code: 'REQUEST.INVALID' };
}

/**
 * The raw HTTP answer to a request the parser refused (Fastify's `clientErrorHandler`): there is no request object
 * yet, so no correlation id and no Accept-Language (answered in the default language). Null for a connection the
 * client already reset.
 */
export function parserProblemResponse(err: { code?: string }): string | null {
  if (err.code === 'ECONNRESET') return null;
  const known = PARSER[err.code ?? ''] ?? { status: 400, code: 'REQUEST.MALFORMED' };
  const body = JSON.stringify(localizedProblem(known.status, known.code, DEFAULT_LOCALE));
  return (
    `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\n` +
    `Content-Type: application/problem+json\r\nContent-Language: ${DEFAULT_LOCALE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}
