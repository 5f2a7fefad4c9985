import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { EVENT_TOPICS } from '@insurer/contracts';
import { InboxConsumer, KafkaClient } from '@insurer/platform-messaging';
import { LOGGER, PeriodicJob } from '@insurer/platform-runtime';
import { ProjectionService } from './projection.service';
import { RebuildRunningError } from '../domain/projection.errors';

const TABLES = [
  'p_policy',
  'p_application',
  'p_quote',
  'p_premium',
  'p_visit',
  'p_claim',
  'p_claim_payment',
  'p_complaint',
  'p_survey',
  'p_alert',
];

/**
 * Projection generations. The live consumer writes every event into the active generation and any generation being
 * built; a rebuild replays every events topic from the beginning under a new consumer group into a new generation, and
 * once that group has passed the offsets the topics had when it started, the new generation becomes the active one
 * and the old one is dropped. The service keeps answering from the active generation throughout.
 */
@Injectable()
export class GenerationService implements OnApplicationShutdown {
  private rebuild: { generation: number; consumer: InboxConsumer; monitor: PeriodicJob } | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaClient,
    private readonly projections: ProjectionService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async active(m: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await m.query(
      `SELECT generation FROM analytics.projection_generation WHERE status = 'active'`,
    );
    return row.generation as number;
  }

  status() {
    return this.dataSource.query(
      `SELECT generation, status, consumer_group AS "consumerGroup", started_at AS "startedAt", activated_at AS "activatedAt"
       FROM analytics.projection_generation ORDER BY generation`,
    );
  }

  async startRebuild(ctx: RequestContext): Promise<{ generation: number; consumerGroup: string }> {
    if (this.rebuild) throw new RebuildRunningError(this.rebuild.generation);
    const { generation, group } = await transaction(this.dataSource, ctx, async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('analytics.rebuild'))`);
      const [building] = await m.query(
        `SELECT generation FROM analytics.projection_generation WHERE status = 'building'`,
      );
      if (building) throw new RebuildRunningError(building.generation);
      const [{ next }] = await m.query(
        `SELECT coalesce(max(generation), 0) + 1 AS next FROM analytics.projection_generation`,
      );
      const consumerGroup = `analytics-rebuild-${next}-${Date.now()}`;
      await m.query(
        `INSERT INTO analytics.projection_generation (generation, status, consumer_group, started_at) VALUES ($1, 'building', $2, now())`,
        [next, consumerGroup],
      );
      return { generation: next as number, group: consumerGroup };
    });
    // The marks are taken after the generation exists: from now on the live consumer also writes into it, so the
    // replay only has to reach what was on the topics at this moment.
    const admin = this.kafka.kafka.admin();
    await admin.connect();
    const highWater: Record<string, Record<number, number>> = {};
    try {
      for (const topic of EVENT_TOPICS) {
        highWater[topic] = Object.fromEntries(
          (await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]),
        );
      }
    } finally {
      await admin.disconnect();
    }
    await this.dataSource.query(
      `UPDATE analytics.projection_generation SET high_water = $2 WHERE generation = $1`,
      [generation, JSON.stringify(highWater)],
    );
    const consumer = new InboxConsumer({
      name: group,
      schema: 'analytics',
      topics: EVENT_TOPICS,
      kafka: this.kafka.kafka,
      dataSource: this.dataSource,
      fromBeginning: true,
      logger: this.logger,
      fallbackEventHandler: (event, ctx) => this.projections.apply(ctx.manager, event, [generation]),
      fallbackBatchHandler: (events, ctx) => this.projections.applyAll(ctx.manager, events, [generation]),
    });
    await consumer.start();
    const monitor = new PeriodicJob(
      'projection-rebuild',
      500,
      () => this.activateIfCaughtUp(generation, group, highWater),
      this.logger,
    );
    this.rebuild = { generation, consumer, monitor };
    monitor.start();
    this.logger.info({ generation, group }, 'projection rebuild started');
    return { generation, consumerGroup: group };
  }

  private async activateIfCaughtUp(
    generation: number,
    group: string,
    highWater: Record<string, Record<number, number>>,
  ): Promise<number> {
    if (this.rebuild?.generation !== generation) return 0;
    const admin = this.kafka.kafka.admin();
    await admin.connect();
    let caughtUp = true;
    try {
      const committed = await admin.fetchOffsets({ groupId: group, topics: Object.keys(highWater) });
      for (const { topic, partitions } of committed) {
        for (const p of partitions) {
          const high = highWater[topic]?.[p.partition] ?? 0;
          if (high > 0 && Number(p.offset) < high) caughtUp = false;
        }
      }
    } finally {
      await admin.disconnect();
    }
    if (!caughtUp) return 0;
    await transaction(this.dataSource, undefined, async (m) => {
      await m.query(`UPDATE analytics.projection_generation SET status = 'retired' WHERE status = 'active'`);
      await m.query(
        `UPDATE analytics.projection_generation SET status = 'active', activated_at = now() WHERE generation = $1`,
        [generation],
      );
      for (const table of TABLES) {
        await m.query(
          `DELETE FROM analytics.${table} WHERE generation IN (SELECT generation FROM analytics.projection_generation WHERE status = 'retired')`,
        );
      }
      await m.query(`DELETE FROM analytics.inbox WHERE consumer = $1`, [group]);
    });
    this.logger.info({ generation }, 'rebuilt projection generation is now active');
    const running = this.rebuild;
    this.rebuild = undefined;
    // Stopped outside the monitor's own run: stopping waits for that run to finish.
    setImmediate(() => void running?.consumer.stop().then(() => running.monitor.stop()));
    return 1;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rebuild?.monitor.stop();
    await this.rebuild?.consumer.stop();
  }
}
