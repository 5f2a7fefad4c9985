import { Controller, Get, Header, Injectable } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { Public } from './public.decorator';

/**
 * How often the event loop's delay is sampled. prom-client's default, 10 ms, is a timer that wakes an idle service a
 * hundred times a second (on this platform's two-core machine a quarter to a third of an idle service's CPU); at
 * 100 ms a stall of 100 ms or more is always seen, and a scrape every 15 s still holds 150 samples.
 */
export const EVENT_LOOP_RESOLUTION_MS = 100;

/** The process's Prometheus registry: Node runtime metrics plus the platform's own. */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly eventsConsumed: Counter<'topic' | 'type' | 'outcome'>;
  readonly eventsSkipped: Counter<'topic' | 'type' | 'reason'>;
  readonly eventsPublished: Counter;
  readonly dbRoundTrips: Counter;
  readonly kafkaFetches: Counter;
  /** What each resource's held requests number, read at every scrape (`watchHeldRequests`). */
  private readonly held = new Map<string, () => number>();

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({
      register: this.registry,
      eventLoopMonitoringPrecision: EVENT_LOOP_RESOLUTION_MS,
    });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.eventsConsumed = new Counter({
      name: 'events_consumed_total',
      help: 'Consumed Kafka messages by outcome (applied, duplicate, retried, dead_lettered, rejected, skipped)',
      labelNames: ['topic', 'type', 'outcome'],
      registers: [this.registry],
    });
    this.eventsSkipped = new Counter({
      name: 'events_skipped_total',
      help: 'Messages a consumer read and left alone, by reason (not_handled: a type it does not need; unknown_type)',
      labelNames: ['topic', 'type', 'reason'],
      registers: [this.registry],
    });
    this.eventsPublished = new Counter({
      name: 'events_published_total',
      help: 'Outbox rows sent to Kafka by the relay',
      registers: [this.registry],
    });
    this.dbRoundTrips = new Counter({
      name: 'db_round_trips_total',
      help: "Round trips to Postgres through the service's data source (one per answer: a statement, or statements sent together)",
      registers: [this.registry],
    });
    this.kafkaFetches = new Counter({
      name: 'kafka_consumer_fetches_total',
      help: "Fetches the service's consumer made (each costs about the same CPU however many events it brings)",
      registers: [this.registry],
    });
    const held = this.held;
    new Gauge({
      name: 'http_requests_held',
      help: 'Requests held waiting (RFC 7240 Prefer: wait) for what they read to appear, by resource',
      labelNames: ['resource'],
      registers: [this.registry],
      collect() {
        for (const [resource, size] of held) this.set({ resource }, size());
      },
    });
  }

  /**
   * Reports, at every scrape, the process's consumer fetches by fetch session (`full`: naming every partition, each
   * creating a session; `incremental`: naming only what changed) and the sessions ended by a failure or by the
   * broker (evicted, epoch out of step): a climbing `ended` says the brokers keep too few session slots; and those
   * closed as the consumer disconnected.
   */
  watchFetchSessions(
    counts: () => { full: number; incremental: number; ended: number; closed: number },
  ): void {
    new Counter({
      name: 'kafka_fetch_session_fetches_total',
      help: 'Consumer fetches by fetch session (KIP-227): full (every partition named) or incremental (only what changed)',
      labelNames: ['kind'],
      registers: [this.registry],
      collect() {
        const now = counts();
        this.reset();
        this.inc({ kind: 'full' }, now.full);
        this.inc({ kind: 'incremental' }, now.incremental);
      },
    });
    const readAtScrape = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    readAtScrape(
      'kafka_fetch_sessions_ended_total',
      'Fetch sessions ended by a failed fetch or an error the broker named for the session',
      () => counts().ended,
    );
    readAtScrape(
      'kafka_fetch_sessions_closed_total',
      'Fetch sessions closed on the broker as the consumer disconnected from it',
      () => counts().closed,
    );
  }

  /** Reports, at every scrape, how many requests for `resource` are held waiting (`size`). */
  watchHeldRequests(resource: string, size: () => number): void {
    this.held.set(resource, size);
  }
}

@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Public()
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
