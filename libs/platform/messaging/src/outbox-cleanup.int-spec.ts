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
    const [old, recent] = [randomUUID(), randomUUID()];
    for (const [id, hoursAgo] of [
      [old, 100],
      [recent, 1],
    ] as const) {
      await dataSource.query(
        `INSERT INTO ${SCHEMA}.outbox (event_id, topic, message_key, event_type, envelope, sent_at)
         VALUES ($1, 'claims.events.v1', 'k', 'claims.claim-reopened', '{}', now() - make_interval(hours => $2))`,
        [id, hoursAgo],
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
          return rows.length === 1 ? rows : undefined;
        },
        { description: 'the old sent row to be deleted' },
      );
      expect(remaining.map((r) => r.event_id)).toEqual([recent]);
    } finally {
      await relay.stop();
      await dataSource.destroy();
    }
  });
});
