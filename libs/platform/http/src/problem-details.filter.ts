import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, throwError } from 'rxjs';
import { isInfrastructureError } from '@insurer/platform-config';
import { ruleCode } from '@insurer/contracts';
import { AppError, STATUS_BY_KIND } from '@insurer/platform-errors';

/**
 * The rule a refusal rests on: the one the error names, else the registry's entry for its code (rule-codes.ts), so
 * every refusal by a law, the product's terms or an internal control names its source; platform codes name none.
 */
function ruleMember(exception: AppError): { rule?: { id: string; source: string } } {
  if (exception.rule) return { rule: exception.rule };
  const entry = ruleCode(exception.code);
  return entry && entry.kind !== 'platform' ? { rule: { id: exception.code, source: entry.source } } : {};
}

/** Seconds a client is asked to wait before retrying a request that met a database outage. */
const RETRY_AFTER_SECONDS = 5;

/** RFC 9457 body. `code`, `errors`, `rule` and `correlationId` are this platform's extension members. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  correlationId?: string;
  errors?: readonly { pointer: string; message: string; rule?: string }[];
  rule?: { id: string; source: string };
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemType(code: string): string {
  return `urn:insurer:problem:${code}`;
}

/** The one place where failures become HTTP responses. Unexpected errors are logged with their stack and hidden. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetailsFilter');

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // A Kafka handler's error goes back, untouched, to the consumer that decides on retries and dead letters.
    if (host.getType() !== 'http') return throwError(() => exception);
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception, request);
    if (problem.code === 'DATABASE.UNAVAILABLE') {
      // Expected during an outage and answered as such: no stack, and the client is told when to retry.
      this.logger.warn(
        `${request.method} ${request.url} met an unavailable database: ${describe(exception)}`,
      );
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (problem.status >= 500) {
      this.logger.error(
        `unhandled error on ${request.method} ${request.url}: ${describe(exception)}`,
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
    void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }

  private toProblem(exception: unknown, request: FastifyRequest): ProblemDetails {
    const base = { instance: request.url, correlationId: String(request.id) };
    if (exception instanceof AppError) {
      const status = STATUS_BY_KIND[exception.kind];
      return {
        ...exception.extensions,
        type: problemType(exception.code),
        title: TITLES[status],
        status,
        detail: exception.message,
        code: exception.code,
        ...(exception.errors.length ? { errors: exception.errors } : {}),
        ...ruleMember(exception),
        ...base,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = `HTTP.${status}`;
      return {
        type: problemType(code),
        title: TITLES[status] ?? 'Error',
        status,
        detail: status >= 500 ? undefined : exception.message,
        code,
        ...base,
      };
    }
    // A Fastify plugin's answer prepared as a problem (the rate limiter's 429): kept as it was written.
    const prepared = (exception as { problem?: { status?: unknown; code?: unknown } } | null)?.problem;
    if (prepared && typeof prepared.status === 'number' && typeof prepared.code === 'string')
      return { ...(prepared as ProblemDetails), ...base };
    // Fastify's own errors (malformed JSON, body too large, wrong content type) carry a 4xx statusCode.
    const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      const code = `HTTP.${statusCode}`;
      return {
        type: problemType(code),
        title: TITLES[statusCode] ?? 'Error',
        status: statusCode,
        detail: (exception as Error).message,
        code,
        ...base,
      };
    }
    if (isInfrastructureError(exception)) {
      return {
        type: problemType('DATABASE.UNAVAILABLE'),
        title: TITLES[503],
        status: 503,
        detail: `The database cannot be reached just now. Retry in ${RETRY_AFTER_SECONDS} seconds (with the same Idempotency-Key where the endpoint takes one).`,
        code: 'DATABASE.UNAVAILABLE',
        ...base,
      };
    }
    return {
      type: problemType('INTERNAL'),
      title: TITLES[500],
      status: 500,
      detail: 'An unexpected error occurred. Quote the correlation id when reporting it.',
      code: 'INTERNAL',
      ...base,
    };
  }
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
}
