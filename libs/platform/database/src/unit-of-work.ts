import { EntityManager, type DataSource, type QueryRunner } from 'typeorm';
import type { RequestContext } from '@insurer/platform-observability';

/**
 * What each open transaction is done for: the request or event whose correlation id (and cause) the events it
 * publishes carry. It travels with the transaction, passed in by whoever opens it, rather than in AsyncLocalStorage:
 * that store's promise hooks ran for every promise in the process, some 10-15% of a read's CPU.
 */
const contexts = new WeakMap<QueryRunner, RequestContext>();

/** The request or event the manager's transaction is done for; undefined outside one or for a timer's own work. */
export function contextOf(manager: EntityManager): RequestContext | undefined {
  return manager.queryRunner ? contexts.get(manager.queryRunner) : undefined;
}

/**
 * Names what the transaction does next: a consumer applying a run of events one by one in one transaction names
 * each event before its handler runs. Undefined clears it (then what is published names its cause itself).
 */
export function setContextOf(manager: EntityManager, context: RequestContext | undefined): void {
  const runner = manager.queryRunner;
  if (!runner) return;
  if (context) contexts.set(runner, context);
  else contexts.delete(runner);
}

/**
 * Runs `work` in a new transaction done for `context`: a request's (`@Correlation()`) or an event's. `undefined` for
 * work of the service's own (a sweep, a timer), whose events start a correlation of their own.
 */
export function transaction<T>(
  dataSource: DataSource,
  context: RequestContext | undefined,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction((manager) => {
    setContextOf(manager, context);
    return work(manager);
  });
}

/**
 * Where a handler's work runs: in the caller's transaction (an event's delivery, whose inbox row must commit with
 * the effect and which already names its cause), or in a new one for a request, named by its context.
 */
export type Within = EntityManager | RequestContext;

/** Runs `work` in the caller's transaction when given one, or in a new one done for the given request. */
export function inTransaction<T>(
  dataSource: DataSource,
  within: Within | undefined,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return within instanceof EntityManager ? work(within) : transaction(dataSource, within, work);
}
