import { AsyncLocalStorage } from 'node:async_hooks';

/** Ids that travel with a unit of work (an HTTP request or a consumed event) into logs and produced events. */
export interface RequestContext {
  readonly correlationId: string;
  readonly causationId?: string;
  readonly actor?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accepts a caller's correlation id only when it is short and plain, so logs cannot be polluted through it. */
export function isAcceptableCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && CORRELATION_ID.test(value);
}
