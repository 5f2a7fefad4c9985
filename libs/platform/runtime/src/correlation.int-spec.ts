import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Topics } from '@insurer/contracts';
import { runServiceMigrations, transaction } from '@insurer/platform-database';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { OutboxPublisher, createKafka, createMessagingTables } from '@insurer/platform-messaging';
import { TopicCollector, testEnvironment, tokenFor } from '@insurer/platform-testing';
import { startService, type StartedService } from './bootstrap';
import { defineService } from './define-service';

const SCHEMA = 'runtime_test';

class RuntimeTestInit1764000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner, SCHEMA);
  }
  async down(): Promise<void> {
    return undefined;
  }
}

/** An endpoint that changes nothing but publishes an event, the way every service's endpoints will. */
@Controller('reopen')
class ReopenController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {}

  @Post()
  async reopen(@Body() body: { claimId: string }, @Correlation() ctx: RequestContext) {
    const event = await transaction(this.dataSource, ctx, (manager) =>
      this.outbox.publish(manager, {
        type: 'claims.claim-reopened',
        aggregateId: body.claimId,
        payload: { claimId: body.claimId, reason: 'appeal', reopenedAt: new Date().toISOString() },
      }),
    );
    return { eventId: event.eventId };
  }
}

@Module({ controllers: [ReopenController] })
class ReopenModule {}

const service = {
  descriptor: { name: 'runtime-test', schema: SCHEMA, defaultPort: 13099, staffRoles: ['admin' as const] },
  database: { schema: SCHEMA, entities: [], migrations: [RuntimeTestInit1764000000000] },
  imports: [ReopenModule],
};

describe('a service started in-process', () => {
  const env = testEnvironment();
  let started: StartedService<import('@insurer/platform-config').ServiceConfig>;
  let collector: TopicCollector;

  beforeAll(async () => {
    const admin = await new DataSource({ type: 'postgres', url: env.databaseUrl }).initialize();
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await admin.destroy();
    await runServiceMigrations(service.database, {
      url: env.databaseUrl,
      poolMax: 2,
      applicationName: 'runtime-test',
    });
    started = await startService(defineService(service), {
      DATABASE_URL: env.databaseUrl,
      KAFKA_BROKERS: env.kafkaBrokers,
      JWT_SECRET: env.jwtSecret,
      LOG_LEVEL: 'warn',
      // Swagger UI's static files do not load under jest; the process-level boot tests cover /docs.
      OPENAPI_DOCS: 'false',
    });
    collector = await new TopicCollector(
      createKafka({ clientId: 'runtime-test', brokers: env.kafkaBrokers.split(',') }),
      [Topics.CLAIMS_EVENTS],
    ).start();
  });

  afterAll(async () => {
    await collector.stop();
    await started.app.close();
  });

  it("carries the request's correlation id into the event its relay publishes", async () => {
    const claimId = randomUUID();
    const res = await fetch(`${started.url}/reopen`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokenFor('admin')}`,
        'content-type': 'application/json',
        'x-correlation-id': `req-${claimId}`,
      },
      body: JSON.stringify({ claimId }),
    });
    expect(res.status).toBe(201);
    const { eventId } = (await res.json()) as { eventId: string };
    const [published] = await collector.waitFor((m) => (m.json as { eventId?: string })?.eventId === eventId);
    expect(published.json).toMatchObject({
      correlationId: `req-${claimId}`,
      causationId: null,
      producer: 'runtime-test',
      aggregateId: claimId,
    });
    expect(published.headers['correlation-id']).toBe(`req-${claimId}`);
  });

  it("serves with AsyncResource's bind in its lean form, the one Fastify's body parsing calls", () => {
    // The POST above went through Fastify's content-type parser, which binds its callback for every body.
    expect(
      Object.getOwnPropertyDescriptor(
        new AsyncResource('spec').bind(() => 1),
        'asyncResource',
      ),
    ).toBeUndefined();
  });

  it('exposes the relay and consumer counters on /metrics', async () => {
    const text = await (await fetch(`${started.url}/metrics`)).text();
    expect(text).toMatch(/events_published_total\{service="runtime-test"\} [1-9]/);
  });
});
