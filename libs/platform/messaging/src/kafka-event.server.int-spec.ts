import { randomUUID } from 'node:crypto';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestMicroservice } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { Topics, type DomainEvent } from '@insurer/contracts';
import { TopicCollector, testEnvironment } from '@insurer/platform-testing';
import type { DeliveryContext } from './inbox-consumer';
import { createKafka } from './kafka';
import { KafkaEventServer } from './kafka-event.server';
import { OutboxPublisher } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { recreateMessagingSchema } from '../test/messaging-schema';

const SCHEMA = 'transport_test';
const env = testEnvironment();
const kafka = createKafka({ clientId: 'transport-test', brokers: env.kafkaBrokers.split(',') });
const publisher = new OutboxPublisher(SCHEMA, 'transport-test');
const claimId = randomUUID();

/** A handler written the way services write them: an @EventPattern with the payload and the delivery context. */
@Controller()
class ReopenedClaimsController {
  @EventPattern('claims.claim-reopened')
  async onReopened(@Payload() event: DomainEvent, @Ctx() ctx: DeliveryContext): Promise<void> {
    if (event.type !== 'claims.claim-reopened' || event.payload.claimId !== claimId) return;
    await publisher.publish(ctx.manager, {
      type: 'claims.documents-requested',
      aggregateId: claimId,
      payload: { claimId, missing: ['appeal_letter'], requestedAt: new Date().toISOString() },
    });
  }
}

@Module({ controllers: [ReopenedClaimsController] })
class TransportTestModule {}

describe('the Nest transport on kafkajs', () => {
  let dataSource: DataSource;
  let app: INestMicroservice;
  let relay: OutboxRelay;
  let collector: TopicCollector;

  beforeAll(async () => {
    dataSource = await new DataSource({ type: 'postgres', url: env.databaseUrl }).initialize();
    await recreateMessagingSchema(dataSource, SCHEMA);
    relay = new OutboxRelay({
      schema: SCHEMA,
      connectionString: env.databaseUrl,
      kafka,
      pollIntervalMs: 100,
    });
    relay.start();
    collector = await new TopicCollector(kafka, [Topics.CLAIMS_EVENTS]).start();
    app = await NestFactory.createMicroservice(TransportTestModule, {
      strategy: new KafkaEventServer({
        name: `transport-${claimId}`,
        schema: SCHEMA,
        kafka,
        dataSource,
        publisher,
      }),
      logger: false,
    });
    await app.listen();
  });

  afterAll(async () => {
    await app.close();
    await collector.stop();
    await relay.stop();
    await dataSource.destroy();
  });

  it('delivers to an @EventPattern handler, whose event carries the correlation and causation ids', async () => {
    const original = await dataSource.transaction((manager) =>
      publisher.publish(manager, {
        type: 'claims.claim-reopened',
        aggregateId: claimId,
        payload: { claimId, reason: 'appeal', reopenedAt: new Date().toISOString() },
      }),
    );
    const [reaction] = await collector.waitFor(
      (m) =>
        (m.json as { type?: string; aggregateId?: string })?.type === 'claims.documents-requested' &&
        (m.json as { aggregateId?: string }).aggregateId === claimId,
    );
    expect(reaction.json).toMatchObject({
      correlationId: original.correlationId,
      causationId: original.eventId,
      producer: 'transport-test',
      payload: { claimId, missing: ['appeal_letter'] },
    });
    expect(reaction.key).toBe(claimId);
    expect(reaction.headers['event-type']).toBe('claims.documents-requested');
  });
});
