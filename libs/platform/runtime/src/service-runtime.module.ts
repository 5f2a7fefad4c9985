import { writeSync } from 'node:fs';
import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Module,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AuthModule } from '@insurer/platform-auth';
import type { ServiceConfig } from '@insurer/platform-config';
import {
  countRoundTrips,
  sendStatementsAhead,
  serviceDataSourceOptions,
  type ServiceDatabase,
} from '@insurer/platform-database';
import { ProblemDetailsFilter } from '@insurer/platform-http';
import {
  KafkaClient,
  LocalRelay,
  OutboxPublisher,
  OutboxRelay,
  createKafka,
} from '@insurer/platform-messaging';
import { MetricsController, MetricsRegistry } from '@insurer/platform-observability';
import { Clock } from '@insurer/platform-time';
import { HealthController } from './health.controller';
import { ReadinessRegistry } from './readiness';
import type { ServiceDescriptor } from './service-descriptor';
import { SessionController } from './session.controller';
import { LOGGER, SERVICE_CONFIG, SERVICE_DESCRIPTOR } from './tokens';

export interface ServiceRuntimeOptions {
  readonly descriptor: ServiceDescriptor;
  readonly config: ServiceConfig;
  readonly database: ServiceDatabase;
  readonly logger: Logger;
  readonly clock: Clock;
}

/** Registers the Postgres and Kafka readiness checks once both are constructed, and keeps readiness current. */
class DependencyChecks implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly readiness: ReadinessRegistry,
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaClient,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.readiness.register({
      name: 'postgres',
      check: async () => void (await this.dataSource.query('SELECT 1')),
    });
    this.readiness.register({ name: 'kafka', check: () => this.kafka.ping(2_000) });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.readiness.start(this.intervalMs, this.logger);
  }

  beforeApplicationShutdown(): void {
    this.readiness.stop();
  }
}

/**
 * Fault injection (FAULT_KILL_AFTER_*, refused in production): a function to call at the point of the fault; on its
 * Nth call the process kills itself with SIGKILL, as an OOM kill or a lost node would, with no shutdown hooks.
 */
export function faultKillAfter(n: number, point: string): () => void {
  let calls = 0;
  return () => {
    if (n > 0 && ++calls === n) {
      // Written synchronously: the logger's buffer would die with the process, unflushed.
      writeSync(2, `${JSON.stringify({ level: 'warn', point, calls, msg: 'fault injection: SIGKILL' })}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
  };
}

/** Runs the service's outbox relay for as long as the application lives. */
export class OutboxRelayHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

/**
 * The composition root every service shares: configuration, logging, metrics, its own Postgres schema, its Kafka
 * client, bearer-token auth, problem+json errors, correlation ids, health and readiness.
 */
@Global()
@Module({})
export class ServiceRuntimeModule {
  static forRoot(options: ServiceRuntimeOptions): DynamicModule {
    const { descriptor, config, database, logger, clock } = options;
    const kafka = createKafka(
      {
        clientId: descriptor.name,
        brokers: config.KAFKA_BROKERS,
        fetchSessions: config.KAFKA_FETCH_SESSIONS,
      },
      logger,
    );
    const metrics = new MetricsRegistry(descriptor.name);
    // The relay and the service's writers share it: while the relay leads, writers wake it in process.
    const localRelay = new LocalRelay();
    return {
      module: ServiceRuntimeModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...serviceDataSourceOptions(database, {
              url: config.DATABASE_URL,
              poolMax: config.DB_POOL_MAX,
              idleMs: config.DB_POOL_IDLE_MS,
              preparedPerConnection: config.DB_PREPARED_STATEMENTS,
              applicationName: descriptor.name,
            }),
            // Start-up already probed Postgres; do not hide a lost database behind minutes of retries.
            retryAttempts: 2,
            retryDelay: 500,
          }),
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('no data source options');
            const dataSource = new DataSource(options);
            sendStatementsAhead(dataSource);
            await dataSource.initialize();
            countRoundTrips(dataSource, () => metrics.dbRoundTrips.inc());
            return dataSource;
          },
        }),
        AuthModule.forRoot({
          secret: config.JWT_SECRET,
          publicKey: config.JWT_PUBLIC_KEY,
          jwks: config.JWT_JWKS_URL
            ? { url: config.JWT_JWKS_URL, cacheSeconds: config.JWT_JWKS_CACHE_SECONDS }
            : undefined,
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
          maxLifetimeSeconds: config.JWT_MAX_LIFETIME_SECONDS,
        }),
      ],
      controllers: [HealthController, MetricsController, SessionController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: SERVICE_DESCRIPTOR, useValue: descriptor },
        { provide: LOGGER, useValue: logger },
        { provide: Clock, useValue: clock },
        { provide: MetricsRegistry, useValue: metrics },
        { provide: KafkaClient, useValue: new KafkaClient(kafka) },
        {
          provide: OutboxPublisher,
          useValue: new OutboxPublisher(database.schema, descriptor.name, localRelay),
        },
        {
          provide: OutboxRelayHost,
          inject: [MetricsRegistry],
          useFactory: (metrics: MetricsRegistry) => {
            const killAfter = faultKillAfter(config.FAULT_KILL_AFTER_RELAY_BATCHES, 'relay batch sent');
            return new OutboxRelayHost(
              new OutboxRelay({
                schema: database.schema,
                connectionString: config.DATABASE_URL,
                preparedStatements: config.DB_PREPARED_STATEMENTS,
                kafka,
                logger,
                onBatchSent: (ids) => {
                  metrics.eventsPublished.inc(ids.length);
                  killAfter();
                },
                local: localRelay,
              }),
            );
          },
        },
        ReadinessRegistry,
        {
          provide: DependencyChecks,
          inject: [ReadinessRegistry, DataSource, KafkaClient],
          useFactory: (r: ReadinessRegistry, d: DataSource, k: KafkaClient) =>
            new DependencyChecks(r, d, k, config.READINESS_INTERVAL_MS, logger),
        },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [
        SERVICE_CONFIG,
        SERVICE_DESCRIPTOR,
        LOGGER,
        Clock,
        MetricsRegistry,
        KafkaClient,
        OutboxPublisher,
        ReadinessRegistry,
      ],
    };
  }
}
