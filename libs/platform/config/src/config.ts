import { z } from 'zod';

/** Raised when the environment does not describe a runnable service; its message is one line naming the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const brokerList = z
  .string()
  .min(1)
  .transform((value) => value.split(',').map((b) => b.trim()))
  .refine(
    (list) => list.every((b) => /^[^:\s]+:\d{1,5}$/.test(b)),
    'must be a comma-separated list of host:port',
  );

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), 'must be a postgres:// connection URL');

const intFromEnv = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A comma-separated list of Kafka topic names (a service's default where it has one). */
export function topicList(defaultValue = '') {
  return z
    .string()
    .default(defaultValue)
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[a-zA-Z0-9._-]{1,249}$/, 'must be Kafka topic names')));
}

/** The variables every service reads, as a plain object schema that services can extend or pick from. */
export const serviceConfigShape = z.object({
  PORT: intFromEnv(1, 65535),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: postgresUrl,
  DB_POOL_MAX: intFromEnv(1, 200).default(10),
  /** How long a pooled connection may sit unused before it is closed. A new connection is a new Postgres backend,
   * which cost some 28 ms of the server's CPU on the bench machine (a thousand statements' worth), so the pool keeps
   * its connections through the pauses of ordinary traffic (node-postgres' own default closes them after 10 s). */
  DB_POOL_IDLE_MS: intFromEnv(1_000, 86_400_000).default(300_000),
  /** How many statements each connection keeps prepared (0: none, as a PgBouncer in transaction mode needs). The
   * platform runs a few hundred distinct statements; a prepared one is not parsed and planned again on each run. */
  DB_PREPARED_STATEMENTS: intFromEnv(0, 10_000).default(200),
  KAFKA_BROKERS: brokerList,
  /** Whether consumers fetch through incremental fetch sessions (KIP-227): a fetch then names, and brings back, only the
   * partitions that changed. `false` sends every fetch in full, as kafkajs does. */
  KAFKA_FETCH_SESSIONS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  KAFKA_TOPIC_PARTITIONS: intFromEnv(1, 1024).default(6),
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  JWT_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be a PEM public key' }).optional(),
  /** The identity provider's JWKS (RFC 7517): tokens naming a `kid` are verified with that key, fetched and cached. */
  JWT_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  JWT_JWKS_CACHE_SECONDS: intFromEnv(10, 24 * 3600).default(600),
  JWT_ISSUER: z.string().min(1).default('insurer-platform'),
  JWT_AUDIENCE: z.string().min(1).default('insurer-platform'),
  /** The longest a bearer token may live (exp - iat); a token without exp is always refused. */
  JWT_MAX_LIFETIME_SECONDS: intFromEnv(60, 30 * 24 * 3600).default(24 * 3600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STARTUP_TIMEOUT_MS: intFromEnv(500, 120_000).default(8_000),
  SHUTDOWN_TIMEOUT_MS: intFromEnv(500, 120_000).default(10_000),
  /** How often a consumer may crash within CONSUMER_RESTART_WINDOW_MS while the broker answers, and how many retries
   * of a failing batch count as a crash, before the service reports not ready and exits for its orchestrator to
   * restart it. Crashes while the broker cannot be reached never count: the consumer waits for it. */
  CONSUMER_MAX_RESTARTS: intFromEnv(0, 100).default(5),
  CONSUMER_RESTART_WINDOW_MS: intFromEnv(1_000, 3_600_000).default(300_000),
  CONSUMER_RETRIES: intFromEnv(0, 100).default(5),
  /** How long the broker may hold the consumer's fetch to gather events (0: none); for a consumer off every waiting
   * path, which then makes a fetch per wait instead of per event or two. claims-svc and customer-svc default it to 250. */
  CONSUMER_FETCH_WAIT_MS: intFromEnv(0, 10_000).default(0),
  /** Topics the consumer names in one fetch every CONSUMER_DEFERRED_TOPICS_MS only (comma-separated): topics off the
   * service's waiting path, whose events then come up to that much later (plus a fetch wait) instead of waking the
   * consumer one by one. sales-svc and contract-svc default it to claims.events.v1. */
  CONSUMER_DEFERRED_TOPICS: topicList(),
  CONSUMER_DEFERRED_TOPICS_MS: intFromEnv(100, 60_000).default(1_000),
  /** How often the background readiness checks run (GET /ready answers from their last result). */
  READINESS_INTERVAL_MS: intFromEnv(200, 60_000).default(2_000),
  /** Shifts the service's clock by whole days, for rehearsals and end-to-end tests; refused when NODE_ENV=production. */
  TIME_OFFSET_DAYS: z.coerce.number().int().min(-3650).max(3650).default(0),
  /** Fault injection for the fault suite (npm run chaos): the process kills itself with SIGKILL right after the relay's
   * Nth batch was acknowledged by Kafka and before it is marked sent, or right after the consumer's Nth applied event
   * was committed and before its offset is. 0 is off; refused when NODE_ENV=production. */
  FAULT_KILL_AFTER_RELAY_BATCHES: intFromEnv(0, 1_000_000).default(0),
  FAULT_KILL_AFTER_EVENTS_APPLIED: intFromEnv(0, 1_000_000).default(0),
  NODE_ENV: z.string().optional(),
  OPENAPI_DOCS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * Browser origins allowed to call the API cross-origin (comma-separated, exact `scheme://host[:port]`); empty, the
   * API sends no CORS headers and browsers keep other sites out.
   */
  CORS_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }))),
});

function commonRules(
  cfg: {
    JWT_SECRET?: string;
    JWT_PUBLIC_KEY?: string;
    JWT_JWKS_URL?: string;
    TIME_OFFSET_DAYS?: number;
    FAULT_KILL_AFTER_RELAY_BATCHES?: number;
    FAULT_KILL_AFTER_EVENTS_APPLIED?: number;
    NODE_ENV?: string;
  },
  ctx: z.RefinementCtx,
): void {
  if (cfg.NODE_ENV === 'production') {
    for (const key of [
      'TIME_OFFSET_DAYS',
      'FAULT_KILL_AFTER_RELAY_BATCHES',
      'FAULT_KILL_AFTER_EVENTS_APPLIED',
    ] as const) {
      if (cfg[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'must be 0 in production' });
    }
  }
  if (!cfg.JWT_SECRET && !cfg.JWT_PUBLIC_KEY && !cfg.JWT_JWKS_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['JWT_SECRET'],
      message:
        "set JWT_SECRET (HS256, local use), JWT_PUBLIC_KEY (RS256) or JWT_JWKS_URL (the identity provider's keys)",
    });
  }
}

/** The common variables with their cross-field rules. */
export const serviceConfigSchema = serviceConfigShape.superRefine(commonRules);

/** A service's own variables on top of the common ones, keeping the common rules. */
export function extendServiceConfig<T extends z.ZodRawShape>(extra: T) {
  return serviceConfigShape.extend(extra).superRefine(commonRules);
}

/** A key given as base64, e.g. `openssl rand -base64 32`, decoded and checked for its length. */
export function base64Key(bytes: number) {
  return z
    .string()
    .refine(
      (value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === bytes,
      `must be ${bytes} random bytes in base64 (openssl rand -base64 ${bytes})`,
    )
    .transform((value) => Buffer.from(value, 'base64'));
}

export type ServiceConfig = z.output<typeof serviceConfigSchema>;

/**
 * Parses the environment with a schema. The first problem becomes a single line such as
 * `invalid configuration: KAFKA_BROKERS must be a comma-separated list of host:port (got "x")`.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = issue.path.join('.') || '(environment)';
  const raw = typeof issue.path[0] === 'string' ? env[issue.path[0]] : undefined;
  const got = raw === undefined ? 'missing' : `got ${JSON.stringify(redact(variable, raw))}`;
  throw new ConfigError(`invalid configuration: ${variable} ${issue.message} (${got})`);
}

function redact(variable: string, value: string): string {
  return /SECRET|KEY|PASSWORD/i.test(variable)
    ? '***'
    : value.length > 80
      ? `${value.slice(0, 77)}...`
      : value;
}
