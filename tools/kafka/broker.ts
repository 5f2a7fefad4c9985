/**
 * A project-managed, single-node Apache Kafka broker (KRaft, combined broker and controller) for development, tests
 * and benchmarks on machines without Docker. The jars come from Maven Central through tools/kafka/pom.xml into a
 * git-ignored cache; the broker runs on the machine's Java 17 as a detached process whose pid is kept in a file.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createKafka, describeClusterWithin } from '@insurer/platform-messaging';

const run = promisify(execFile);

export interface BrokerLayout {
  readonly root: string; // .cache/kafka
  readonly lib: string;
  readonly data: string;
  readonly logs: string;
  readonly properties: string;
  readonly log4j: string;
  readonly pidFile: string;
  readonly port: number;
  readonly controllerPort: number;
}

export function brokerLayout(repoRoot: string, env: NodeJS.ProcessEnv = process.env): BrokerLayout {
  const root = env.KAFKA_HOME_DIR ?? join(repoRoot, '.cache', 'kafka');
  return {
    root,
    // The jars are shared by every broker home (development and tests).
    lib: join(repoRoot, '.cache', 'kafka-lib'),
    data: join(root, 'data'),
    logs: join(root, 'logs'),
    properties: join(root, 'server.properties'),
    log4j: join(root, 'log4j2.properties'),
    pidFile: join(root, 'broker.pid'),
    port: Number(env.KAFKA_PORT ?? 9092),
    controllerPort: Number(env.KAFKA_CONTROLLER_PORT ?? 9093),
  };
}

export function bootstrapAddress(layout: BrokerLayout): string {
  return `127.0.0.1:${layout.port}`;
}

/** Copies the broker's runtime jars from Maven Central into the cache, once. */
export async function fetchJars(
  layout: BrokerLayout,
  pom: string,
  log: (line: string) => void,
): Promise<void> {
  const marker = join(layout.lib, '.complete');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === readFileSync(pom, 'utf8')) return;
  log(`fetching Kafka jars from Maven Central into ${layout.lib} (once)`);
  rmSync(layout.lib, { recursive: true, force: true });
  mkdirSync(layout.lib, { recursive: true });
  await run(
    'mvn',
    [
      '-B',
      '-q',
      '-f',
      pom,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${layout.lib}`,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const jars = readdirSync(layout.lib).filter((f) => f.endsWith('.jar'));
  if (!jars.some((j) => j.startsWith('kafka_2.13-'))) throw new Error('Maven fetched no kafka_2.13 jar');
  writeFileSync(marker, readFileSync(pom, 'utf8'));
}

export function serverProperties(layout: BrokerLayout, partitions: number): string {
  const listeners = `PLAINTEXT://127.0.0.1:${layout.port},CONTROLLER://127.0.0.1:${layout.controllerPort}`;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${layout.controllerPort}`,
    `listeners=${listeners}`,
    `advertised.listeners=${listeners}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${layout.data}`,
    `num.partitions=${partitions}`,
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=6',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    // Sized for a 2-core machine.
    'num.network.threads=2',
    'num.io.threads=4',
    'num.recovery.threads.per.data.dir=1',
    'background.threads=4',
    'log.retention.hours=168',
    'log.segment.bytes=67108864',
    '',
  ].join('\n');
}

const LOG4J2 = `status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = \${sys:kafka.logs.dir}/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.kafka.request.name = kafka.request.logger
logger.kafka.request.level = WARN
logger.controller.name = org.apache.kafka.controller
logger.controller.level = WARN
`;

/** Writes the configuration and formats the storage the first time; a formatted data dir is reused as it is. */
export async function formatIfNeeded(layout: BrokerLayout, partitions: number): Promise<void> {
  mkdirSync(layout.logs, { recursive: true });
  writeFileSync(layout.properties, serverProperties(layout, partitions));
  writeFileSync(layout.log4j, LOG4J2);
  if (existsSync(join(layout.data, 'meta.properties'))) return;
  const classpath = join(layout.lib, '*');
  const { stdout } = await run(
    'java',
    ['-cp', classpath, 'kafka.tools.StorageTool', 'random-uuid'],
    javaEnv(layout),
  );
  const clusterId = stdout.trim().split('\n').pop()?.trim();
  if (!clusterId) throw new Error('kafka.tools.StorageTool random-uuid printed nothing');
  await run(
    'java',
    ['-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', layout.properties],
    javaEnv(layout),
  );
}

function javaEnv(layout: BrokerLayout) {
  return {
    env: { ...process.env, KAFKA_LOG4J_OPTS: '' },
    maxBuffer: 4 * 1024 * 1024,
    cwd: layout.root,
  };
}

export function runningPid(layout: BrokerLayout): number | undefined {
  if (!existsSync(layout.pidFile)) return undefined;
  const pid = Number(readFileSync(layout.pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** Starts the broker detached from this process, so it outlives the script that started it. */
export function startBroker(layout: BrokerLayout): number {
  const existing = runningPid(layout);
  if (existing) return existing;
  const out = openSync(join(layout.logs, 'stdout.log'), 'a');
  const child = spawn(
    'java',
    [
      '-Xms512m',
      '-Xmx512m',
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-XX:+ExitOnOutOfMemoryError',
      '-Djava.awt.headless=true',
      `-Dkafka.logs.dir=${layout.logs}`,
      `-Dlog4j2.configurationFile=${layout.log4j}`,
      '-cp',
      join(layout.lib, '*'),
      'kafka.Kafka',
      layout.properties,
    ],
    { detached: true, stdio: ['ignore', out, out], cwd: layout.root },
  );
  child.unref();
  if (child.pid === undefined) throw new Error('could not start java for the Kafka broker');
  writeFileSync(layout.pidFile, String(child.pid));
  return child.pid;
}

/** Ready means a client can describe the cluster, not that some time has passed. */
export async function waitUntilReady(
  brokers: string[],
  timeoutMs: number,
  isAlive: () => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'not tried';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('the broker process exited; see its logs/server.log');
    const admin = createKafka({
      clientId: 'infra-wait',
      brokers,
      connectionTimeoutMs: 1_000,
      retries: 0,
    }).admin();
    try {
      await admin.connect();
      await describeClusterWithin(admin, 2_000);
      return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Kafka did not become ready within ${timeoutMs} ms: ${lastError}`);
}

/** SIGTERM lets the broker close its logs cleanly (controlled shutdown); SIGKILL only if it will not stop. */
export async function stopBroker(layout: BrokerLayout, timeoutMs = 30_000): Promise<boolean> {
  const pid = runningPid(layout);
  if (!pid) {
    rmSync(layout.pidFile, { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(layout.pidFile, { force: true });
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.kill(pid, 'SIGKILL');
  rmSync(layout.pidFile, { force: true });
  return true;
}
