import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { testEnvironment, waitFor } from '@insurer/platform-testing';
import { createKafka } from './kafka';
import { OutboxRelay } from './outbox-relay';
import { recreateMessagingSchema } from '../test/messaging-schema';

const SCHEMA = 'outbox_cleanup_test';

describe('the outbox relay housekeeping', () => {
  it('deletes sent rows older than the retention and keeps newer ones', async () => {
    const env = testEnvironment();
    const dataSource = await new DataSource({ type: 'postgres', url: env.databaseUrl }).initialize();
    await recreateMessagingSchema(dataSource, SCHEMA);
    // Retention 72 hours: a minute past it goes, a minute short of it stays.
    const [old, justOld, justKept, recent] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const [id, minutesAgo] of [
      [old, 100 * 60],
      [justOld, 72 * 60 + 1],
      [justKept, 72 * 60 - 1],
      [recent, 60],
    ] as const) {
      await dataSource.query(
        `INSERT INTO ${SCHEMA}.outbox (event_id, topic, message_key, event_type, envelope, sent_at)
         VALUES ($1, 'claims.events.v1', 'k', 'claims.claim-reopened', '{}', now() - make_interval(mins => $2))`,
        [id, minutesAgo],
      );
    }
    const relay = new OutboxRelay({
      schema: SCHEMA,
      connectionString: env.databaseUrl,
      kafka: createKafka({ clientId: 'cleanup-test', brokers: env.kafkaBrokers.split(',') }),
      retentionHours: 72,
      pollIntervalMs: 100,
    });
    relay.start();
    try {
      const remaining = await waitFor(
        async () => {
          const rows: { event_id: string }[] = await dataSource.query(
            `SELECT event_id FROM ${SCHEMA}.outbox`,
          );
          return rows.length === 2 ? rows : undefined;
        },
        { description: 'the old sent rows to be deleted' },
      );
      expect(remaining.map((r) => r.event_id).sort()).toEqual([justKept, recent].sort());
    } finally {
      await relay.stop();
      await dataSource.destroy();
    }
  });
});
