import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  ConfigError,
  StartupError,
  applyLeanAsyncResourceBind,
  applyServiceV8Flags,
  loadConfig,
  serviceConfigSchema,
  type ServiceConfig,
} from '@insurer/platform-config';
import { probePostgres } from '@insurer/platform-database';
import {
  addApiSecurityHeaders,
  completeOpenApiDocument,
  findNulCharacters,
  helmetHeaders,
  localeOf,
  localizedProblem,
  parserProblemResponse,
  rateLimitedProblem,
  routingProblem,
} from '@insurer/platform-http';
import { ruleText } from '@insurer/platform-i18n';
import { DataSource } from 'typeorm';
import {
  KafkaClient,
  KafkaEventServer,
  OutboxPublisher,
  fetchSessionCounts,
  probeKafka,
} from '@insurer/platform-messaging';
import {
  MetricsRegistry,
  PinoNestLogger,
  createLogger,
  isAcceptableCorrelationId,
} from '@insurer/platform-observability';
import { ReadinessRegistry } from './readiness';
import { faultKillAfter } from './service-runtime.module';
import type { ServiceDescriptor } from './service-descriptor';

export interface ServiceDefinition<C extends ServiceConfig> {
  readonly descriptor: ServiceDescriptor;
  /** The service's own variables on top of the common ones; defaults to the common schema. */
  readonly configSchema?: z.ZodType<C>;
  /** Builds the root module from the validated configuration and the process logger. */
  readonly module: (config: C, logger: Logger) => DynamicModule;
}

export interface StartedService<C extends ServiceConfig> {
  readonly app: NestFastifyApplication;
  readonly config: C;
  readonly logger: Logger;
  readonly url: string;
  readonly openApi: OpenAPIObject;
}

/**
 * Validates configuration, checks that Postgres and Kafka answer (so a wrong address fails in seconds, not after
 * minutes of client retries), then starts the HTTP server with the platform's hooks.
 */
export async function startService<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  env: Record<string, string | undefined> = process.env,
): Promise<StartedService<C>> {
  const { descriptor } = definition;
  const schema = (definition.configSchema ?? serviceConfigSchema) as z.ZodType<C>;
  const config = loadConfig(schema, { PORT: String(descriptor.defaultPort), ...env });
  const logger = createLogger(descriptor.name, config.LOG_LEVEL);

  // Before Fastify serves: it binds an AsyncResource for every request with a body (platform-config's
  // async-resource-bind.ts).
  applyLeanAsyncResourceBind();
  await probePostgres(config.DATABASE_URL, config.STARTUP_TIMEOUT_MS);
  await probeKafka(config.KAFKA_BROKERS, config.STARTUP_TIMEOUT_MS);

  const adapter = new FastifyAdapter({
    // The request id doubles as the correlation id; a caller's id is reused only when it is short and plain.
    genReqId: (req: IncomingMessage) => {
      const header = req.headers['x-correlation-id'];
      return isAcceptableCorrelationId(header) ? header : randomUUID();
    },
    bodyLimit: 5 * 1024 * 1024,
    logger: false,
    // No service uses Nest middleware (the platform's per-request work is in the Fastify hooks below), so @fastify/middie
    // is not registered: it ran an onRequest hook on every request to match an empty list.
    skipMiddie: true,
    // What Fastify refuses before a route runs is answered as problem+json too (414, 400; 431 and 408 from the parser).
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const problem = routingProblem(error, request);
      void reply
        .code(problem.status)
        .header('content-type', 'application/problem+json')
        .header('content-language', localeOf(request))
        .send(problem);
    },
    clientErrorHandler: (err, socket) => {
      const response = parserProblemResponse(err as NodeJS.ErrnoException);
      if (response && socket.writable) socket.write(response);
      socket.destroy(err);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(definition.module(config, logger), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });

  const metrics = app.get(MetricsRegistry);
  metrics.watchFetchSessions(fetchSessionCounts);
  const fastify = app.getHttpAdapter().getInstance();
  await registerHttpSecurity(fastify, config.CORS_ALLOWED_ORIGINS);
  // Tables (rates, cash values) are uploaded as CSV; the handler receives the text and validates every cell.
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  // The request id is the correlation id: answered in a header, named by the request's log line and its errors, and
  // handed by each write's handler to its transaction (`@Correlation()`), so the events it publishes carry it. A
  // Fastify hook rather than a Nest interceptor, whose per-request chain of observables and async resources cost more
  // than the rest of a read's framework work. helmet's headers go here too.
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(HELMET_HEADERS).header('x-correlation-id', request.id);
    done();
  });
  fastify.addHook('preHandler', (request, reply, done) => {
    // One place for every route: a NUL character cannot be stored, so it is refused before any handler runs.
    const nul = findNulCharacters(request);
    if (nul.length) {
      const locale = localeOf(request);
      void reply
        .status(400)
        .header('content-type', 'application/problem+json')
        .header('content-language', locale)
        .send(
          localizedProblem(
            400,
            'REQUEST.INVALID',
            locale,
            {},
            {
              errors: nul.map((e) => ({
                pointer: e.pointer,
                message: (e.rule && ruleText(e.rule, locale, e.params)) || e.message,
                rule: e.rule,
              })),
              instance: request.url,
              correlationId: String(request.id),
            },
          ),
        );
      return;
    }
    done();
  });
  // A callback hook, not an async one: no promise a request for what does not wait.
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      seconds,
    );
    if (route !== '/metrics' && route !== '/health' && route !== '/ready') {
      logger.info(
        {
          correlationId: request.id,
          method: request.method,
          route,
          status: reply.statusCode,
          ms: reply.elapsedTime,
        },
        'request completed',
      );
    }
    done();
  });

  const openApi = completeOpenApiDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(descriptor.name)
        .setDescription(`REST API of ${descriptor.name}. Errors are RFC 9457 problem+json.`)
        .setVersion('1.0.0')
        .addBearerAuth()
        .build(),
    ),
    { defaultPort: descriptor.defaultPort },
  );
  if (config.OPENAPI_DOCS)
    SwaggerModule.setup('docs', app, openApi, { jsonDocumentUrl: 'docs/openapi.json' });

  // Event and command handlers (@EventPattern) run on the platform's own Kafka transport.
  const readiness = app.get(ReadinessRegistry);
  const killAfterApplied = faultKillAfter(config.FAULT_KILL_AFTER_EVENTS_APPLIED, 'event applied');
  const events = new KafkaEventServer({
    name: descriptor.name,
    schema: descriptor.schema,
    kafka: app.get(KafkaClient).kafka,
    dataSource: app.get(DataSource),
    publisher: app.get(OutboxPublisher),
    logger,
    maxCrashRestarts: config.CONSUMER_MAX_RESTARTS,
    restartWindowMs: config.CONSUMER_RESTART_WINDOW_MS,
    crashRetries: config.CONSUMER_RETRIES,
    fetchWaitMs: config.CONSUMER_FETCH_WAIT_MS,
    deferredTopics: config.CONSUMER_DEFERRED_TOPICS,
    deferredTopicsMs: config.CONSUMER_DEFERRED_TOPICS_MS,
    onFetch: () => metrics.kafkaFetches.inc(),
    onOutcome: (topic, type, outcome, _id, reason) => {
      metrics.eventsConsumed.inc({ topic, type, outcome });
      if (reason) metrics.eventsSkipped.inc({ topic, type, reason });
      // Called after the transaction committed and before the offset is: a kill here means redelivery.
      if (outcome === 'applied') killAfterApplied();
    },
    onFatal: (reason) => {
      // Not ready at once; then stop with a non-zero code so the orchestrator restarts the process.
      readiness.markFatal(reason);
      logger.fatal({ reason }, 'a consumer gave up; stopping');
      process.exitCode = 1;
      // A moment for readiness probes and load balancers to see the service go not ready before it drains.
      setTimeout(() => process.kill(process.pid, 'SIGTERM'), 1_000);
    },
  });
  // Shown by /ready; joining does not make the service unready (HTTP and the relay work meanwhile).
  readiness.register({ name: 'consumer', check: async () => ({ state: events.state() ?? 'none' }) });
  app.connectMicroservice({ strategy: events }, { inheritAppConfig: true });
  // Returns at once: the consumer joins its group in the background.
  await app.startAllMicroservices();

  await app.listen({ port: config.PORT, host: config.HOST });
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  return { app, config, logger, url: `http://127.0.0.1:${port}`, openApi };
}

/** CSP is set per response (addApiSecurityHeaders): the dashboard page and the OpenAPI explorer need their own. */
const HELMET_HEADERS = helmetHeaders({ contentSecurityPolicy: false, frameguard: { action: 'deny' } });

/**
 * The security a reviewer expects of every response: helmet's headers (nosniff, frame denial, referrer and
 * cross-origin policies, HSTS: HELMET_HEADERS, set in the onRequest hook), no-store and a deny-all CSP on API answers
 * (addApiSecurityHeaders), CORS only for the configured origins, and the rate limiter, which acts only on routes that
 * ask for it (one-time codes).
 */
async function registerHttpSecurity(fastify: FastifyInstance, corsOrigins: readonly string[]): Promise<void> {
  addApiSecurityHeaders(fastify);
  if (corsOrigins.length)
    await fastify.register(cors, {
      origin: [...corsOrigins],
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-correlation-id'],
      exposedHeaders: ['x-correlation-id', 'idempotent-replayed', 'deprecation', 'link'],
      maxAge: 600,
    });
  await fastify.register(rateLimit, {
    global: false,
    errorResponseBuilder: (request, context) => {
      const problem = rateLimitedProblem(request, Math.ceil(context.ttl / 1000));
      // The plugin throws what this returns: a status on it lets the error handler answer 429.
      return Object.assign(new Error(problem.detail), { statusCode: 429, problem });
    },
  });
}

/** Drains in-flight work on SIGTERM/SIGINT, reports not-ready meanwhile, and forces an exit after the timeout. */
export function installShutdown(started: StartedService<ServiceConfig>): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    started.logger.info({ signal }, 'shutting down');
    started.app.get(ReadinessRegistry).markDraining();
    const force = setTimeout(() => {
      started.logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, started.config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    started.app
      .close()
      .then(() => {
        started.logger.info('stopped');
        started.logger.flush();
        process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      })
      .catch((err: unknown) => {
        started.logger.error({ err }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** The body of every service's `main.ts`: start, or say in one line why not and exit non-zero. */
export function runService<C extends ServiceConfig>(definition: ServiceDefinition<C>): void {
  applyServiceV8Flags();
  startService(definition)
    .then((started) => {
      installShutdown(started);
      started.logger.info({ url: started.url }, `${definition.descriptor.name} ready to serve`);
    })
    .catch((err: unknown) => {
      if (err instanceof ConfigError || err instanceof StartupError) {
        process.stderr.write(`[${definition.descriptor.name}] ${err.message}\n`);
      } else {
        process.stderr.write(
          `[${definition.descriptor.name}] failed to start: ${err instanceof Error ? err.stack : String(err)}\n`,
        );
      }
      process.exit(1);
    });
}
