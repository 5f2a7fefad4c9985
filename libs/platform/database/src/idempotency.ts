import { createHash } from 'node:crypto';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { AppError } from '@insurer/platform-http';
import type { RequestContext } from '@insurer/platform-observability';
import { transaction } from './unit-of-work';

export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(
      'IDEMPOTENCY.KEY_REUSED',
      'rule',
      'this Idempotency-Key was used for a different request; use a new key for a new request',
    );
  }
}

export interface IdempotentResult<T> {
  readonly body: T;
  /** True when the result is the stored answer to an earlier request with the same key. */
  readonly replayed: boolean;
}

/** The table `withIdempotency` keeps its keys in, one per service schema. */
export async function createIdempotencyTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}".idempotency_key (
      scope text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      response jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (scope, key)
    )`);
}

/**
 * Runs a creating request at most once per `Idempotency-Key`. The key row is inserted in the same transaction as the
 * work: a concurrent retry waits on it and then reads the committed answer; a failed attempt rolls back with its key,
 * so the client may retry it. The same key with a different body is refused. `context`: the request's, which the
 * events the work publishes carry.
 */
export async function withIdempotency<T>(
  dataSource: DataSource,
  context: RequestContext,
  schema: string,
  scope: string,
  key: string | undefined,
  request: unknown,
  work: (manager: EntityManager) => Promise<T>,
): Promise<IdempotentResult<T>> {
  if (!key) return { body: await transaction(dataSource, context, work), replayed: false };
  const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  return transaction(dataSource, context, async (manager) => {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "${schema}".idempotency_key (scope, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING key`,
      [scope, key, hash],
    );
    if (inserted.length === 0) {
      const [row] = (await manager.query(
        `SELECT request_hash, response FROM "${schema}".idempotency_key WHERE scope = $1 AND key = $2`,
        [scope, key],
      )) as { request_hash: string; response: T }[];
      if (row.request_hash !== hash) throw new IdempotencyKeyReusedError();
      return { body: row.response, replayed: true };
    }
    const body = await work(manager);
    await manager.query(
      `UPDATE "${schema}".idempotency_key SET response = $3 WHERE scope = $1 AND key = $2`,
      [scope, key, JSON.stringify(body)],
    );
    return { body, replayed: false };
  });
}
