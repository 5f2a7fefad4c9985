import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/**
 * Ids that travel with a unit of work (an HTTP request or a consumed event) into the events it produces. They are
 * passed along explicitly (a handler hands them to the transaction it opens) rather than kept in AsyncLocalStorage,
 * whose promise hooks run for every promise in the process once it is used: about 10-15% of a read's CPU here.
 */
export interface RequestContext {
  readonly correlationId: string;
  readonly causationId?: string;
  readonly actor?: string;
}

/** The request's context for a handler parameter: its correlation id is the request id (`x-correlation-id`). */
export const Correlation = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext => ({
  correlationId: String(ctx.switchToHttp().getRequest<{ id: string | number }>().id),
}));

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accepts a caller's correlation id only when it is short and plain, so logs cannot be polluted through it. */
export function isAcceptableCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && CORRELATION_ID.test(value);
}
