import type { QueryRunner } from 'typeorm';

/**
 * The outbox (events committed with the state that caused them, waiting for the relay) and the inbox (events this
 * service has applied, so a redelivery is skipped) live in every service's own schema.
 */
export async function createMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}".outbox (
      id           bigserial PRIMARY KEY,
      event_id     uuid        NOT NULL UNIQUE,
      topic        text        NOT NULL,
      message_key  text        NOT NULL,
      event_type   text        NOT NULL,
      envelope     jsonb       NOT NULL,
      headers      jsonb       NOT NULL DEFAULT '{}'::jsonb,
      created_at   timestamptz NOT NULL DEFAULT now(),
      sent_at      timestamptz
    )`);
  await queryRunner.query(`CREATE INDEX outbox_unsent_idx ON "${schema}".outbox (id) WHERE sent_at IS NULL`);
  await queryRunner.query(
    `CREATE INDEX outbox_sent_at_idx ON "${schema}".outbox (sent_at) WHERE sent_at IS NOT NULL`,
  );
  await queryRunner.query(`
    CREATE TABLE "${schema}".inbox (
      consumer      text        NOT NULL,
      event_id      uuid        NOT NULL,
      topic         text        NOT NULL,
      kafka_partition integer   NOT NULL,
      kafka_offset  bigint      NOT NULL,
      processed_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
}

export async function dropMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".inbox`);
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".outbox`);
}

/**
 * The outbox is a queue table: every row is inserted, updated once when sent and deleted after its retention, so dead
 * entries pile up in the index of unsent rows the relay reads at every poll. Postgres' default autovacuum trigger
 * (20% of the table dead) lets a large outbox collect hundreds of thousands of them; measured here with autovacuum off,
 * 25,000 dead rows made the relay's read of its next batch take 7.5 ms instead of well under one. A fixed threshold
 * vacuums it after every few thousand sent rows, however large the table has grown.
 */
export const OUTBOX_AUTOVACUUM = {
  autovacuum_vacuum_scale_factor: 0,
  autovacuum_vacuum_threshold: 2000,
  autovacuum_analyze_scale_factor: 0,
  autovacuum_analyze_threshold: 2000,
} as const;

export async function tuneOutboxAutovacuum(queryRunner: QueryRunner, schema: string): Promise<void> {
  const settings = Object.entries(OUTBOX_AUTOVACUUM).map(([name, value]) => `${name} = ${value}`);
  await queryRunner.query(`ALTER TABLE "${schema}".outbox SET (${settings.join(', ')})`);
}

export async function untuneOutboxAutovacuum(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(
    `ALTER TABLE "${schema}".outbox RESET (${Object.keys(OUTBOX_AUTOVACUUM).join(', ')})`,
  );
}
