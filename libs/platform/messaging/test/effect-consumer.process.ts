/**
 * A consumer in its own process, for the crash test: it applies `claims.claim-reopened` events of one run into
 * messaging_test.effects through the inbox, and is killed with SIGKILL part-way through.
 */
import { DataSource } from 'typeorm';
import { Topics } from '@insurer/contracts';
import { InboxConsumer } from '../src/inbox-consumer';
import { createKafka } from '../src/kafka';

async function main(): Promise<void> {
  const { DATABASE_URL, KAFKA_BROKERS, RUN_ID } = process.env;
  if (!DATABASE_URL || !KAFKA_BROKERS || !RUN_ID)
    throw new Error('DATABASE_URL, KAFKA_BROKERS and RUN_ID are required');
  const dataSource = await new DataSource({
    type: 'postgres',
    url: DATABASE_URL,
    extra: { max: 3 },
  }).initialize();
  const consumer = new InboxConsumer({
    name: `crash-${RUN_ID}`,
    schema: 'messaging_test',
    topics: [Topics.CLAIMS_EVENTS],
    kafka: createKafka({ clientId: 'crash-test', brokers: KAFKA_BROKERS.split(',') }),
    dataSource,
    sessionTimeoutMs: 6_000,
    eventHandlers: new Map([
      [
        'claims.claim-reopened',
        async (event, ctx) => {
          if (event.type !== 'claims.claim-reopened' || !event.payload.reason.startsWith(RUN_ID)) return;
          // Some work per event, so that a kill lands in the middle of a batch.
          await ctx.manager.query('SELECT pg_sleep(0.01)');
          await ctx.manager.query(
            'INSERT INTO messaging_test.effects (event_id, aggregate_id, note) VALUES ($1, $2, $3)',
            [event.eventId, event.aggregateId, event.payload.reason],
          );
        },
      ],
    ]),
  });
  await consumer.start();
  process.stdout.write('consumer started\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
