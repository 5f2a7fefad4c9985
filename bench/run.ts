/**
 * `npm run bench`: measures the platform against the machine's own limits, all in one run on the same Postgres and
 * Kafka, and writes bench/results/<date>-<sha>.json and the table in bench/README.md. Each figure is the median of 3
 * runs. Nothing here is asserted: the numbers are reported, with their baselines and ratios. The workloads live in
 * bench/workloads/, one file each; this file starts the platform, measures the baselines and runs them in order.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { signLocalToken, type Role } from '@insurer/platform-auth';
import { preparingClient } from '@insurer/platform-database';
import { createKafka, ensureTopics } from '@insurer/platform-messaging';
import { platformUrls, seedSales, storyClient, type Platform } from '@insurer/platform-scenarios';
import { httpRequest, ServiceProcess, testEnvironment } from '@insurer/platform-testing';
import { kafkaEndToEndP99, kafkaProducerPerf, pgbench, servicePoolDefaults } from './baselines';
import { fixtures, ok, quietness, vacuumQueues, type Bench } from './context';
import { median } from './load';
import { render, table } from './report';
import { memorySampler } from './resources';
import {
  BARE,
  CONCURRENCY,
  NAMES,
  QUICK,
  RUNS,
  SECONDS,
  port,
  root,
  runs,
  say,
  serviceEnvFrom,
} from './settings';
import { burst, claimsAlone } from './workloads/burst';
import { eventLatency, flows } from './workloads/flows';
import { flowCost } from './workloads/flow-cost';
import { consumers } from './workloads/consumers';
import { reads } from './workloads/reads';
import { writes } from './workloads/writes';

async function main(): Promise<void> {
  // The code measured is the working tree as built when the run starts: its commit, and whether files differed from
  // it, are read now (a commit made while the run goes on is not what ran).
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  const sha = git('rev-parse', '--short', 'HEAD');
  const uncommitted = git('status', '--porcelain', '--untracked-files=no') !== '';
  const env = testEnvironment();
  const token = (role: Role, sub: string) => signLocalToken({ sub, roles: [role], secret: env.jwtSecret });
  const kafka = createKafka({ clientId: 'bench', brokers: env.kafkaBrokers.split(',') });
  // BENCH_CPU_PROF=claims-svc,contract-svc,bare writes V8 CPU profiles of those services to bench/results/profiles when
  // they stop (open them in Chrome DevTools, or summarise with `node bench/profile-summary.mjs <file>`).
  const profiled = new Set((process.env.BENCH_CPU_PROF ?? '').split(',').filter(Boolean));
  const profileDir = join(root, 'bench', 'results', 'profiles');
  if (profiled.size) mkdirSync(profileDir, { recursive: true });
  // BENCH_NODE_ARGS='--perf-prof --interpreted-frames-native-stack' starts every service with those node flags, so
  // bench/perf-record.sh (perf's samples are CPU time, where a V8 profile's are wall time) can name the JavaScript
  // functions from V8's JIT dump.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // BENCH_SERVICE_ENV='DB_POOL_MAX=20 CONSUMER_RETRIES=3' sets those variables in every service, to measure a
  // setting against the defaults; 'compliance-svc:CONSUMER_FETCH_WAIT_MS=20' in that service only.
  const serviceEnv = serviceEnvFrom(process.env.BENCH_SERVICE_ENV ?? '');
  const processes = NAMES.map((name, i) =>
    new ServiceProcess(
      name,
      port(i),
      {
        ...env.serviceEnv,
        LOG_LEVEL: name === 'customer-svc' ? 'info' : 'warn',
        ...serviceEnv(name),
      },
      [
        ...nodeArgs,
        ...(profiled.has(name)
          ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`]
          : []),
      ],
    ).start(),
  );
  await Promise.all(processes.map((p) => p.waitUntilReady(120_000)));
  const urls: Platform = platformUrls((name) => port(NAMES.indexOf(name)));
  const results: Record<string, unknown> = {};
  // Kept open through the flow cost's quiet waits, so the connections it counts are the platform's; it prepares its
  // statements as the services do, for the bare consumer that runs on it.
  const db = new Pool({
    connectionString: env.databaseUrl,
    max: 2,
    idleTimeoutMillis: 0,
    Client: preparingClient(servicePoolDefaults.DB_PREPARED_STATEMENTS),
  });
  try {
    await seedSales(urls.sales, token('admin', 'bench'), () => undefined);
    const { memory, sample: sampleMemory } = memorySampler(processes);
    const { stories, policies, today } = await fixtures({ env, kafka, db, processes, urls, results });
    await sampleMemory('atRestMb');
    const waits = await quietness(db, kafka);

    // Baselines: the machine's limits, now.
    say('baselines: pgbench, Kafka tools, bare Fastify');
    results.pgbenchSelectOnlyTps = Math.round(pgbench(env.databaseUrl, 'select-only'));
    results.pgbenchSimpleUpdateTps = Math.round(pgbench(env.databaseUrl, 'simple-update'));
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(
      admin,
      ['bench.perf', 'bench.e2e'].map((name) => ({ name, kind: 'events' as const })),
      { partitions: 6 },
    );
    await admin.disconnect();
    const lib = join(root, '.cache', 'kafka-lib');
    results.kafkaProducerRecordsPerSec = median(
      [1, 2, 3].map(() => kafkaProducerPerf(lib, env.kafkaBrokers, 'bench.perf')),
    );
    results.kafkaEndToEndP99Ms = median(
      [1, 2, 3].map(() => kafkaEndToEndP99(lib, env.kafkaBrokers, 'bench.e2e')),
    );
    const { child: bare, leanBind } = await startBare(env.databaseUrl, [
      ...nodeArgs,
      ...(profiled.has('bare')
        ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=bare-${Date.now()}.cpuprofile`]
        : []),
    ]);
    results.bareLeanAsyncResourceBind = leanBind;
    const bareUrl = `http://127.0.0.1:${BARE}`;
    const handler = token('claims_handler', 'bench');
    const reportClaim = (i: number, description: string) => {
      const p = policies[i % policies.length];
      return httpRequest(`${urls.claims}/claims`, {
        method: 'POST',
        headers: { authorization: `Bearer ${handler}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          policyId: p.policyId,
          insuredId: p.insuredId,
          claimType: 'hospitalisation',
          eventDate: today,
          description,
          amountClaimedFen: 3_000_000,
          payee: { name: 'payee', bankAccount: '6222020200112233445', relationship: 'self' },
        }),
      });
    };
    /** The bare route running POST /claims' statements, for the same policies. */
    const bareClaim = (i: number) =>
      httpRequest(`${bareUrl}/bare/claims`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          policyId: policies[i % policies.length].policyId,
          amountClaimedFen: 3_000_000,
        }),
      }).then(ok);
    const b: Bench = {
      env,
      kafka,
      db,
      processes,
      urls,
      results,
      token,
      client: storyClient(urls, env.jwtSecret, 20),
      bareUrl,
      barePid: bare.pid,
      stories,
      policies,
      today,
      sampleMemory,
      quiet: waits.quiet,
      outboxDrained: waits.outboxDrained,
      noConsumerLag: waits.noConsumerLag,
      reportClaim,
      bareClaim,
    };

    // Each workload starts on vacuumed queue tables (see vacuumQueues).
    const fresh = () => vacuumQueues(db);
    if (runs('reads')) await fresh().then(() => reads(b));
    const sampler = setInterval(() => void sampleMemory('underLoadMb'), 1000);
    if (runs('writes')) await fresh().then(() => writes(b));
    const flowsNeeded = runs('flows') || runs('latency') || runs('cost');
    const issuePolicy = flowsNeeded ? await fresh().then(() => flows(b)) : undefined;
    clearInterval(sampler);
    if (issuePolicy && runs('latency')) await fresh().then(() => eventLatency(b, issuePolicy));
    if (issuePolicy && runs('cost')) await fresh().then(() => flowCost(b, issuePolicy));
    if (runs('consumers')) await fresh().then(() => consumers(b));
    if (runs('burst')) await fresh().then(() => burst(b));
    await waits.close();
    if (runs('alone')) await fresh().then(() => claimsAlone(b));
    results.memory = memory;
    bare.kill('SIGTERM');
    await once(bare, 'exit');
  } finally {
    await db.end();
    await Promise.all(processes.map((p) => p.stop().catch(() => undefined)));
  }

  const date = new Date().toISOString().slice(0, 10);
  const machine = {
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
  };
  const report = {
    date,
    sha,
    ...(uncommitted ? { uncommitted } : {}),
    machine,
    runs: RUNS,
    secondsPerRun: SECONDS,
    concurrency: CONCURRENCY,
    results,
  };
  if (QUICK) {
    say(`quick run, nothing written: ${JSON.stringify(results)}`);
    return;
  }
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  const file = `${date}-${sha}${uncommitted ? '-uncommitted' : ''}.json`;
  writeFileSync(join(root, 'bench', 'results', file), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(root, 'bench', 'README.md'), table(report));
  say(`wrote bench/results/${file} and bench/README.md`);
}

/**
 * The bare routes in a process of their own (bench/bare-server.ts); resolves once it listens, saying whether it
 * corrected Node's AsyncResource bind as the services do.
 */
async function startBare(
  databaseUrl: string,
  nodeArgs: readonly string[],
): Promise<{ child: ChildProcess; leanBind: boolean }> {
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'dist', 'bench', 'bare-server.js')], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, PORT: String(BARE) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Not left serving when the bench fails part-way.
  process.once('exit', () => child.kill('SIGKILL'));
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    const exited = (code: number | null) =>
      reject(new Error(`the bare server exited (code ${code}) before it listened`));
    child.once('exit', exited);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (!seen.includes('ready\n')) return;
      child.off('exit', exited);
      resolve();
    });
  });
  return { child, leanBind: seen.includes('lean-bind\n') };
}

(process.argv[2] === '--render' ? Promise.resolve(render(process.argv[3])) : main()).catch((err: unknown) => {
  process.stderr.write(`[bench] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
