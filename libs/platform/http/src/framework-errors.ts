import { STATUS_CODES } from 'node:http';
import { problemType, type ProblemDetails } from './problem-details.filter';

/**
 * What Fastify refuses before any route or filter runs, answered as problem+json like everything else: a path
 * parameter over its length limit (414), a URL that cannot be decoded (400), and what the HTTP parser refuses (headers
 * over the size limit 431, a client that never finished its request 408, anything else malformed 400).
 */
const ROUTING: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'REQUEST.URI_TOO_LONG',
    detail: 'a path parameter is longer than the server accepts',
  },
  FST_ERR_BAD_URL: { status: 400, code: 'REQUEST.BAD_URL', detail: 'the URL cannot be decoded' },
};

const PARSER: Record<string, { status: number; code: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'REQUEST.HEADERS_TOO_LARGE',
    detail: 'the request headers are larger than the server accepts',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'REQUEST.TIMEOUT',
    detail: 'the request was not completed in time',
  },
};

function problem(
  status: number,
  code: string,
  detail: string,
  extra: Partial<ProblemDetails> = {},
): ProblemDetails {
  return { type: problemType(code), title: STATUS_CODES[status] ?? 'Error', status, detail, code, ...extra };
}

/** The answer to a routing failure of Fastify's (its `frameworkErrors` hook). */
export function routingProblem(
  error: { code?: string; statusCode?: number },
  request: { id: unknown; url: string },
): ProblemDetails {
  const known = ROUTING[error.code ?? ''];
  const base = { instance: request.url, correlationId: String(request.id) };
  return known
    ? problem(known.status, known.code, known.detail, base)
    : problem(error.statusCode ?? 400, 'REQUEST.INVALID', 'the request cannot be routed', base);
}

/**
 * The raw HTTP answer to a request the parser refused (Fastify's `clientErrorHandler`): there is no request object
 * yet, so no correlation id. Null for a connection the client already reset.
 */
export function parserProblemResponse(err: { code?: string }): string | null {
  if (err.code === 'ECONNRESET') return null;
  const known = PARSER[err.code ?? ''] ?? {
    status: 400,
    code: 'REQUEST.MALFORMED',
    detail: 'the request is not valid HTTP',
  };
  const body = JSON.stringify(problem(known.status, known.code, known.detail));
  return (
    `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\n` +
    `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}
