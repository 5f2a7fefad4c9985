import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
  createParamDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, throwError } from 'rxjs';
import { isInfrastructureError } from '@insurer/platform-config';
import { ruleCode, type Locale } from '@insurer/contracts';
import { AppError, STATUS_BY_KIND, type FieldError, type RefusalReason } from '@insurer/platform-errors';
import {
  citation,
  httpTitle,
  joinTexts,
  negotiateLocale,
  ruleText,
  withCitation,
  type MessageValues,
} from '@insurer/platform-i18n';

/**
 * The rule a refusal rests on: the one the error names, else the registry's entry for its code (rule-codes.ts), so
 * every refusal by a law, the product's terms or an internal control names its source; platform codes name none. The
 * source stays in its registry spelling (integrators match on it); `citation` cites it in the answer's language.
 */
function ruleMember(
  exception: AppError,
  locale: Locale,
): { rule?: { id: string; source: string; citation: string } } {
  const entry = ruleCode(exception.code);
  const rule =
    exception.rule ??
    (entry && entry.kind !== 'platform' ? { id: exception.code, source: entry.source } : undefined);
  return rule ? { rule: { ...rule, citation: citation(rule.source, locale) } } : {};
}

/** A field error worded in the answer's language: from its rule's texts, or as the validator worded it. */
function fieldError(error: FieldError, locale: Locale): { pointer: string; message: string; rule?: string } {
  const message =
    error.texts?.[locale] ??
    (error.rule ? ruleText(error.rule, locale, error.params) : undefined) ??
    error.message;
  return { pointer: error.pointer, message, ...(error.rule ? { rule: error.rule } : {}) };
}

/** The `reasons` a refusal lists (sales, claims), each worded in the answer's language and citing its source so. */
function localizedReasons(reasons: readonly RefusalReason[], locale: Locale) {
  return reasons.map(({ params, ...reason }) => ({
    ...reason,
    message: ruleText(reason.code, locale, params) ?? reason.message,
    ...(reason.source ? { citation: citation(reason.source, locale) } : {}),
  }));
}

/**
 * The `detail` of a refusal: its code's text, then the rules its fields broke (a composite refusal such as a sale or a
 * claim intake), then the source it rests on, all in the answer's language.
 */
function detailOf(exception: AppError, locale: Locale, errors: { message: string; rule?: string }[]): string {
  const ruled = errors.filter((e) => e.rule);
  // A refusal whose one reason is its own code (an amount check) says it once.
  const sole = ruled.length === 1 && ruled[0]?.rule === exception.code ? ruled[0] : undefined;
  if (sole) return sole.message;
  const lead = ruleText(exception.code, locale, exception.params) ?? exception.message;
  const text = joinTexts(
    lead,
    ruled.map((e) => e.message),
    locale,
  );
  return exception.rule && !ruled.length ? withCitation(text, exception.rule.source, locale) : text;
}

/**
 * A problem the platform writes outside an exception (a framework refusal, the rate limiter, the NUL guard): the
 * code's title and text in the language asked for.
 */
export function localizedProblem(
  status: number,
  code: string,
  locale: Locale,
  params: MessageValues = {},
  extra: Partial<ProblemDetails> = {},
): ProblemDetails {
  return {
    type: problemType(code),
    title: httpTitle(status, locale),
    status,
    detail: ruleText(code, locale, params),
    code,
    ...extra,
  };
}

/** The language of the answer to a request, from its `Accept-Language` (Chinese when it names none we speak). */
export function localeOf(request: { headers: Record<string, string | string[] | undefined> }): Locale {
  return negotiateLocale(request.headers['accept-language']);
}

/**
 * The language of a successful answer's texts, from the request's `Accept-Language`, said in the reply's headers
 * (`Content-Language`, and `Vary` so a cache keeps one answer per language).
 */
export function answerLanguage(acceptLanguage: string | string[] | undefined, reply: FastifyReply): Locale {
  const locale = negotiateLocale(acceptLanguage);
  void reply.header('content-language', locale).header('vary', 'Accept-Language');
  return locale;
}

/** A handler's parameter: the language its answer is worded in (`answerLanguage` of the request it serves). */
export const AnswerLanguage = createParamDecorator((_: unknown, ctx: ExecutionContext): Locale => {
  const http = ctx.switchToHttp();
  return answerLanguage(
    http.getRequest<FastifyRequest>().headers['accept-language'],
    http.getResponse<FastifyReply>(),
  );
});

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
  rule?: { id: string; source: string; citation?: string };
  [extension: string]: unknown;
}

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
    const locale = localeOf(request);
    const problem = this.toProblem(exception, request, locale);
    if (problem.code === 'DATABASE.UNAVAILABLE') {
      // Expected during an outage and answered as such: no stack, and the client is told when to retry.
      this.logger.warn(
        `${request.method} ${request.url} (correlation id ${String(request.id)}) met an unavailable database: ${describe(exception)}`,
      );
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (problem.status >= 500) {
      this.logger.error(
        `unhandled error on ${request.method} ${request.url} (correlation id ${String(request.id)}): ${describe(exception)}`,
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json')
      .header('content-language', locale)
      .header('vary', 'Accept-Language')
      .send(problem);
  }

  private toProblem(exception: unknown, request: FastifyRequest, locale: Locale): ProblemDetails {
    const base = { instance: request.url, correlationId: String(request.id) };
    if (exception instanceof AppError) {
      const status = STATUS_BY_KIND[exception.kind];
      const errors = exception.errors.map((e) => fieldError(e, locale));
      return {
        ...exception.extensions,
        ...(exception.reasons ? { reasons: localizedReasons(exception.reasons, locale) } : {}),
        type: problemType(exception.code),
        title: httpTitle(status, locale),
        status,
        detail: detailOf(exception, locale, errors),
        code: exception.code,
        ...(errors.length ? { errors } : {}),
        ...ruleMember(exception, locale),
        ...base,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = `HTTP.${status}`;
      return {
        type: problemType(code),
        title: httpTitle(status, locale),
        status,
        detail: status >= 500 ? undefined : locale === 'en' ? exception.message : httpTitle(status, locale),
        code,
        ...base,
      };
    }
    // A Fastify plugin's answer prepared as a problem (the rate limiter's 429): kept as it was written.
    const prepared = (exception as { problem?: { status?: unknown; code?: unknown } } | null)?.problem;
    if (prepared && typeof prepared.status === 'number' && typeof prepared.code === 'string') {
      const { retryAfterSeconds } = prepared as { retryAfterSeconds?: number };
      return {
        ...(prepared as ProblemDetails),
        ...localizedProblem(prepared.status, prepared.code, locale, { seconds: retryAfterSeconds }),
        ...base,
      };
    }
    // Fastify's own errors (malformed JSON, body too large, wrong content type) carry a 4xx statusCode.
    const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      const code = `HTTP.${statusCode}`;
      // Fastify words these itself (in English); the code and the title say the rest in the answer's language.
      return {
        type: problemType(code),
        title: httpTitle(statusCode, locale),
        status: statusCode,
        detail: ruleText('REQUEST.BODY', locale, { reason: (exception as Error).message }),
        code,
        ...base,
      };
    }
    if (isInfrastructureError(exception)) {
      return localizedProblem(503, 'DATABASE.UNAVAILABLE', locale, { seconds: RETRY_AFTER_SECONDS }, base);
    }
    return {
      type: problemType('INTERNAL'),
      title: httpTitle(500, locale),
      status: 500,
      detail:
        locale === 'en'
          ? 'An unexpected error occurred. Quote the correlation id when reporting it.'
          : '发生意外错误。报告问题时请提供关联编号（correlationId）。',
      code: 'INTERNAL',
      ...base,
    };
  }
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
}
