/**
 * `npm run chaos`: the fault suite. The six services as separate processes, a second replica of each stateful worker
 * (sales, contract, claims), every sweep at 2 s, an open-loop mix of whole flows, and in turn: kill -9 of every
 * service, kill -9 of the relay leader between send and mark, the broker down 30 s, and Postgres restarted (a server
 * this script creates and owns, never one it did not start). Then it waits for the platform to drain and prints a
 * reconciliation table; it exits 1 on any loss or duplicate.
 */
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createKafka } from '@insurer/platform-messaging';
import {
  accidentClaimDocuments,
  onboardCustomer,
  otpFromLog,
  platformUrls,
  registerSalesperson,
  seedSales,
  sellPolicy,
  storyClient,
  type ServiceName,
  type StoryClient,
} from '@insurer/platform-scenarios';
import { signLocalToken } from '@insurer/platform-auth';
import { ServiceProcess, repoRoot, waitFor } from '@insurer/platform-testing';
import { SCHEMAS, ensureKafka, settingsFromEnv } from '../infra';
import { brokerLayout, runningPid, startBroker, stopBroker, waitUntilReady } from '../kafka/broker';
import { withLocalSecrets } from '../local-env';
import { migrateAll } from '../migrate';
import { reconcile, renderTable, topicCopies, totalLag, type Acknowledged } from './reconcile';

const root = repoRoot();
const say = (line: string) => process.stdout.write(`[chaos] ${line}\n`);
const QUICK = process.env.CHAOS_QUICK === '1';

const PORTS: Record<ServiceName, number> = {
  'customer-svc': 16_001,
  'sales-svc': 16_002,
  'contract-svc': 16_003,
  'claims-svc': 16_004,
  'compliance-svc': 16_005,
  'analytics-svc': 16_006,
};
/** The stateful workers (sweeps, relays) run twice, as they would with two pods. */
const REPLICAS: readonly ServiceName[] = ['sales-svc', 'contract-svc', 'claims-svc'];
/**
 * A surrender is only possible once cooling-off has ended, the day after issue at the earliest for the starter
 * catalogue's accident product. A third contract-svc instance whose clock runs one day ahead (TIME_OFFSET_DAYS=1)
 * takes the surrenders: it is a full member of the group (consumer, relay standby, sweeps) like the others.
 */
const DAY_AHEAD = { replica: 2, env: { TIME_OFFSET_DAYS: '1' } } as const;

// ---------------------------------------------------------------- Postgres the script owns

interface OwnedPostgres {
  readonly url: string;
  restart(downMs: number): Promise<void>;
  remove(): void;
}

/** A Debian cluster of its own (as root), on a port of its own, created fresh and dropped at the end. */
function ownPostgres(): OwnedPostgres {
  const version =
    execFileSync('ls', ['/usr/lib/postgresql'], { encoding: 'utf8' }).trim().split('\n').pop() ?? '';
  const cluster = 'insurerchaos';
  const port = 55_433;
  const ctl = (...args: string[]) =>
    execFileSync('pg_ctlcluster', [version, cluster, ...args], { stdio: 'ignore' });
  const drop = () => {
    if (existsSync(`/etc/postgresql/${version}/${cluster}`))
      execFileSync('pg_dropcluster', ['--stop', version, cluster], { stdio: 'ignore' });
  };
  drop();
  // Durability as in production: fsync and synchronous_commit stay on (the defaults); trust on loopback for the run.
  execFileSync(
    'pg_createcluster',
    [version, cluster, '-p', String(port), '--start', '--', '--auth-host=trust', '--auth-local=trust'],
    { stdio: 'ignore' },
  );
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/insurer`,
    async restart(downMs) {
      ctl('stop', '-m', 'fast');
      await new Promise((resolve) => setTimeout(resolve, downMs));
      ctl('start');
    },
    remove: drop,
  };
}

// ---------------------------------------------------------------- the platform's processes

class Platform {
  readonly instances = new Map<string, ServiceProcess>();
  private readonly extras = new Map<string, Record<string, string>>();
  /** Every process that ever ran, for the one-time codes in their logs. */
  readonly all: ServiceProcess[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  key(name: ServiceName, replica: number): string {
    return `${name}#${replica}`;
  }

  async start(name: ServiceName, replica = 0, extra?: Record<string, string>): Promise<ServiceProcess> {
    // A restart keeps the instance's own settings (the day-ahead clock).
    if (extra) this.extras.set(this.key(name, replica), extra);
    const own = this.extras.get(this.key(name, replica)) ?? {};
    const proc = new ServiceProcess(name, PORTS[name] + replica * 100, {
      ...this.env,
      LOG_LEVEL: 'info',
      PREMIUM_SWEEP_MS: '2000',
      CLAIM_TIMER_SWEEP_MS: '2000',
      RETURN_VISIT_SWEEP_MS: '2000',
      COMPLAINT_SWEEP_MS: '2000',
      DEPARTURE_SWEEP_MS: '2000',
      ...own,
    }).start();
    this.instances.set(this.key(name, replica), proc);
    this.all.push(proc);
    await proc.waitUntilReady(120_000);
    return proc;
  }

  get(name: ServiceName, replica = 0): ServiceProcess {
    const proc = this.instances.get(this.key(name, replica));
    if (!proc) throw new Error(`${name}#${replica} is not running`);
    return proc;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.instances.values()].map((p) => p.stop().catch(() => undefined)));
  }
}

/** How long a killed service took to serve HTTP again, and to consume again (its consumer back in its group). */
interface Recovery {
  readonly service: string;
  readonly killToServingMs: number;
  readonly killToConsumingMs: number;
}

async function consuming(proc: ServiceProcess): Promise<boolean> {
  const res = await fetch(`${proc.url}/ready`).catch(() => undefined);
  const body = (await res?.json().catch(() => undefined)) as
    { details?: { consumer?: { state?: string } } } | undefined;
  const state = body?.details?.consumer?.state;
  return res?.status === 200 && (state === 'consuming' || state === 'none');
}

async function killAndRestart(platform: Platform, name: ServiceName, replica = 0): Promise<Recovery> {
  const proc = platform.get(name, replica);
  const killedAt = Date.now();
  await proc.stop('SIGKILL');
  const fresh = await platform.start(name, replica);
  const killToServingMs = Date.now() - killedAt;
  await waitFor(() => consuming(fresh), {
    timeoutMs: 120_000,
    intervalMs: 200,
    description: `${name} to consume`,
  });
  return { service: name, killToServingMs, killToConsumingMs: Date.now() - killedAt };
}

// ---------------------------------------------------------------- the workload

interface Tally {
  started: number;
  completed: number;
  failed: number;
  readonly errors: Map<string, number>;
}

/** A client that rides out the faults: a request that met a dead process or a 503 is sent again. */
function resilientClient(base: StoryClient): StoryClient {
  const call: StoryClient['call'] = async (url, method, path, tok, body, headers) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const reply = await base.call(url, method, path, tok, body, headers);
        if (reply.status !== 503 && reply.status !== 502) return reply;
        if (attempt >= 60) return reply;
      } catch (err) {
        if (attempt >= 60) throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  };
  return {
    ...base,
    call,
    until: (description, probe) => waitFor(probe, { timeoutMs: 180_000, intervalMs: 500, description }),
  };
}

async function flow(
  c: StoryClient,
  salespersonId: string,
  readOtp: (mobile: string) => Promise<string>,
  ack: {
    policies: Set<string>;
    paidClaims: Set<string>;
    complaints: Set<string>;
    surrenders: Set<string>;
    policyholders: Map<string, string>;
  },
  dayAheadContract: string,
): Promise<void> {
  const quiet = () => undefined;
  const { customerId, name } = await onboardCustomer(c, readOtp, quiet);
  const { policy } = await sellPolicy(c, customerId, salespersonId, quiet);
  const policyId = policy.policyId as string;
  ack.policies.add(policyId);
  const roll = randomInt(0, 10);
  if (roll < 4) {
    // A claim from report to payment.
    const handler = c.token('claims_handler', 'handler-chaos');
    const manager = c.token('claims_manager', 'manager-chaos');
    const reported = await c.until('claims to know the policy', async () => {
      const res = await c.call(c.u.claims, 'POST', '/claims', handler, {
        policyId,
        insuredId: customerId,
        claimType: 'accident_disability',
        eventDate: policy.effectiveDate,
        description: 'fell from a bicycle',
        amountClaimedFen: 1_000_000,
        payee: { name, bankAccount: '6222021001122334455', relationship: 'self' },
      });
      return res.status === 201 ? res.body : undefined;
    });
    const claimId = reported.claimId as string;
    const documents = accidentClaimDocuments(claimId);
    await c.ok(
      'documents',
      c.call(c.u.claims, 'POST', `/claims/${claimId}/documents`, handler, { documents }),
    );
    await c.ok('assessment', c.call(c.u.claims, 'POST', `/claims/${claimId}/assessment`, handler));
    await c.ok(
      'decision',
      c.call(c.u.claims, 'POST', `/claims/${claimId}/decision`, manager, { decision: 'approve' }),
    );
    await c.ok(
      'payment',
      c.call(c.u.claims, 'POST', `/claims/${claimId}/payment`, manager, {
        paidAt: new Date().toISOString(),
        bankReference: `CNAPS-${randomInt(1e5, 1e6)}`,
      }),
    );
    ack.paidClaims.add(claimId);
  } else if (roll < 6) {
    const rep = c.token('service_rep', 'rep-chaos');
    const ticket = await c.ok(
      'complaint',
      c.call(c.u.customer, 'POST', '/tickets', rep, {
        customerId,
        policyId,
        kind: 'complaint',
        category: 'sales_conduct',
        subject: 'chaos complaint',
        description: 'the terms were not explained',
      }),
    );
    ack.complaints.add(ticket.ticketId as string);
  } else if (roll < 7) {
    await c.ok(
      'endorsement',
      c.call(
        c.u.contract,
        'POST',
        `/policies/${policyId}/endorsements`,
        c.token('service_rep', 'rep-chaos'),
        {
          kind: 'beneficiary',
          effectiveDate: policy.effectiveDate,
          beneficiaries: [{ name: '受益人', relationship: 'spouse', sharePercent: 100 }],
        },
      ),
    );
    // And half the time the policy passes to the customer's spouse, whom three other services must follow.
    if (randomInt(0, 2) === 0) {
      const rep = c.token('service_rep', 'rep-chaos');
      // The spouse is a customer too, registered and verified; contract-svc learns of them and of their verification
      // from customer-svc's events (a topic it fetches once a second, and the faults may hold them up), so it is
      // asked until it knows both.
      const { customerId: spouse } = await onboardCustomer(c, readOtp, quiet);
      const signed = { signedAt: new Date().toISOString(), sha256: 'c'.repeat(64) };
      const passed = await c.until('contract-svc to know the new policyholder', async () => {
        const res = await c.call(c.u.contract, 'POST', `/policies/${policyId}/endorsements`, rep, {
          kind: 'policyholder',
          effectiveDate: policy.effectiveDate,
          newPolicyholderId: spouse,
          insuredRelationship: 'spouse',
          newPolicyholderSignature: signed,
          insuredConsent: signed,
        });
        const code = (res.body as { code?: string }).code;
        return code === 'ENDORSEMENT.POLICYHOLDER_UNKNOWN' || code === 'ENDORSEMENT.POLICYHOLDER_UNVERIFIED'
          ? undefined
          : res;
      });
      // A request sent again after a fault lost the answer to its commit finds the policy passed already.
      if (passed.status !== 201)
        await c.ok(
          'new policyholder',
          c.call(c.u.contract, 'GET', `/policies/${policyId}`, rep).then((now) => ({
            ...now,
            status: (now.body as { policyholderId?: string }).policyholderId === spouse ? 200 : passed.status,
          })),
        );
      ack.policyholders.set(policyId, spouse);
    }
  } else if (roll < 8) {
    await c.ok(
      'withdrawal',
      c.call(c.u.contract, 'POST', `/policies/${policyId}/withdrawal`, c.token('customer', 'c', customerId)),
    );
  } else {
    // The next day, for the instance whose clock is a day ahead: cooling-off is over, the cash value is paid.
    await c.ok(
      'surrender',
      c.call(
        dayAheadContract,
        'POST',
        `/policies/${policyId}/surrender`,
        c.token('customer', 'c', customerId),
      ),
    );
    ack.surrenders.add(policyId);
  }
}

// ---------------------------------------------------------------- the run

async function main(): Promise<void> {
  const cache = join(root, '.cache', 'chaos');
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  if (process.getuid?.() !== 0)
    throw new Error('npm run chaos creates and restarts a Postgres cluster of its own: run it as root');
  const pg = ownPostgres();
  say(`postgres: ${pg.url} (a cluster of this run's own)`);
  process.env.KAFKA_HOME_DIR = join(cache, 'kafka');
  process.env.KAFKA_PORT = '29092';
  process.env.KAFKA_CONTROLLER_PORT = '29093';
  const settings = { ...settingsFromEnv({ ...process.env, INFRA_PROFILE: 'chaos', INFRA_FRESH: '1' }) };
  const brokerSettings = { ...settings, externalKafka: undefined };
  const admin0 = new Client({ connectionString: pg.url.replace(/\/insurer$/, '/postgres') });
  await admin0.connect();
  await admin0.query('CREATE DATABASE insurer');
  await admin0.end();
  const db = new Client({ connectionString: pg.url });
  await db.connect();
  for (const schema of SCHEMAS) await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await db.end();
  const brokers = await ensureKafka(brokerSettings);
  const layout = brokerLayout(root, process.env);
  const env = withLocalSecrets({ ...process.env, DATABASE_URL: pg.url, KAFKA_BROKERS: brokers });
  await migrateAll(env);

  const platform = new Platform({ ...env, NODE_ENV: 'development' });
  const ack = {
    policies: new Set<string>(),
    paidClaims: new Set<string>(),
    complaints: new Set<string>(),
    surrenders: new Set<string>(),
    policyholders: new Map<string, string>(),
  };
  const tally: Tally = { started: 0, completed: 0, failed: 0, errors: new Map() };
  const recoveries: Recovery[] = [];
  let exitCode = 1;
  try {
    for (const name of Object.keys(PORTS) as ServiceName[]) await platform.start(name);
    for (const name of REPLICAS) await platform.start(name, 1);
    await platform.start('contract-svc', DAY_AHEAD.replica, DAY_AHEAD.env);
    const dayAheadContract = `http://127.0.0.1:${PORTS['contract-svc'] + DAY_AHEAD.replica * 100}`;
    const urls = platformUrls((name) => PORTS[name]);
    await seedSales(
      urls.sales,
      signLocalToken({ sub: 'seed', roles: ['admin'], secret: env.JWT_SECRET ?? '' }),
      () => undefined,
    );
    const c = resilientClient(storyClient(urls, env.JWT_SECRET ?? ''));
    const salespersonId = await registerSalesperson(c, () => undefined);
    const readOtp = (mobile: string) =>
      waitFor(
        () => {
          for (const p of platform.all.filter((x) => x.name === 'customer-svc')) {
            const code = otpFromLog(p.log, mobile);
            if (code) return code;
          }
          return undefined;
        },
        { timeoutMs: 180_000, description: 'the one-time code' },
      );
    say(
      'platform up: six services, second replicas of sales, contract and claims, a day-ahead contract-svc for surrenders; the workload starts',
    );

    // Open loop: a new flow every interval, whatever the others are doing, up to a cap in flight.
    let running = true;
    const inFlight = new Set<Promise<void>>();
    const loop = (async () => {
      while (running) {
        if (inFlight.size < 8) {
          tally.started += 1;
          const p = flow(c, salespersonId, readOtp, ack, dayAheadContract)
            .then(() => void (tally.completed += 1))
            .catch((err: unknown) => {
              tally.failed += 1;
              const key = (err instanceof Error ? err.message : String(err)).slice(0, 80);
              tally.errors.set(key, (tally.errors.get(key) ?? 0) + 1);
            })
            .finally(() => inFlight.delete(p));
          inFlight.add(p);
        }
        await new Promise((resolve) => setTimeout(resolve, QUICK ? 1_500 : 1_200));
      }
    })();
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await pause(QUICK ? 10_000 : 30_000);

    for (const name of Object.keys(PORTS) as ServiceName[]) {
      say(`kill -9 ${name}`);
      const r = await killAndRestart(platform, name);
      recoveries.push(r);
      say(
        `  ${name}: serving after ${(r.killToServingMs / 1000).toFixed(1)} s, consuming after ${(r.killToConsumingMs / 1000).toFixed(1)} s`,
      );
      await pause(QUICK ? 3_000 : 15_000);
    }

    say('kill -9 of the relay leader between send and mark (contract-svc)');
    // Every other instance stops so that the faulty one becomes the relay leader.
    await platform.get('contract-svc', DAY_AHEAD.replica).stop();
    await platform.get('contract-svc', 1).stop();
    await platform.get('contract-svc', 0).stop();
    const faulty = new ServiceProcess('contract-svc', PORTS['contract-svc'], {
      ...env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      FAULT_KILL_AFTER_RELAY_BATCHES: '5',
    }).start();
    platform.all.push(faulty);
    const died = await faulty.waitForExit();
    say(
      `  contract-svc killed itself (${died.signal}) after its 5th batch was sent and before it was marked`,
    );
    await platform.start('contract-svc', 0);
    await platform.start('contract-svc', 1);
    await platform.start('contract-svc', DAY_AHEAD.replica);

    say('the broker down for 30 s');
    await stopBroker(layout);
    await pause(QUICK ? 10_000 : 30_000);
    const pid = startBroker(layout);
    await waitUntilReady([brokers], 120_000, () => runningPid(layout) === pid);
    const exits = platform.all.filter((p) => p.log.includes('a consumer gave up'));
    say(`  broker back; services that gave up during it: ${exits.length}`);

    say('Postgres stopped for 10 s and started again');
    await pg.restart(QUICK ? 5_000 : 10_000);
    await pause(QUICK ? 10_000 : 30_000);

    running = false;
    await loop;
    say(`workload stopped; waiting for ${inFlight.size} flows in flight`);
    await Promise.all([...inFlight]);

    say('waiting for the platform to drain (outboxes sent, no consumer behind)');
    const check = new Client({ connectionString: pg.url });
    await check.connect();
    const kafka = createKafka({ clientId: 'chaos-reconcile', brokers: brokers.split(',') });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await waitFor(
        async () => {
          const unsent: number[] = [];
          for (const schema of SCHEMAS) {
            const { rows } = await check.query(
              `SELECT count(*) AS n FROM ${schema}.outbox WHERE sent_at IS NULL`,
            );
            unsent.push(Number(rows[0].n));
          }
          return unsent.every((n) => n === 0) && (await totalLag(admin)) === 0;
        },
        { timeoutMs: 300_000, intervalMs: 2_000, description: 'the platform to drain' },
      ).catch(() => say('did not drain within 5 minutes: the table shows what is left'));
      const copies = await topicCopies(kafka, admin);
      const checks = await reconcile(check, admin, ack as Acknowledged, copies);
      say(
        `flows: ${tally.started} started, ${tally.completed} completed, ${tally.failed} failed (a failed flow is one whose client gave up; only what was acknowledged is reconciled)`,
      );
      for (const [error, n] of tally.errors) say(`  ${n} x ${error}`);
      say('recovery after kill -9 (kill to serving / kill to consuming):');
      for (const r of recoveries)
        say(
          `  ${r.service.padEnd(15)} ${(r.killToServingMs / 1000).toFixed(1).padStart(5)} s / ${(r.killToConsumingMs / 1000).toFixed(1).padStart(5)} s`,
        );
      say(
        `services that exited on their own during the faults: ${platform.all.filter((p) => p.log.includes('a consumer gave up')).length}`,
      );
      say(
        `the events topics carry ${copies.records} records for ${copies.distinctEvents} events: ${copies.records - copies.distinctEvents} duplicate deliveries, each dropped by every consumer's inbox`,
      );
      process.stdout.write(`\n${renderTable(checks)}\n\n`);
      const failed = checks.filter((x) => !x.ok).length;
      say(
        failed === 0
          ? `reconciled: ${ack.policies.size} policies, ${ack.paidClaims.size} paid claims, ${ack.complaints.size} complaints, ${ack.surrenders.size} surrenders; 0 lost, 0 duplicated`
          : `${failed} check(s) failed`,
      );
      exitCode = failed === 0 && tally.completed > 0 ? 0 : 1;
    } finally {
      await admin.disconnect();
      await check.end();
    }
  } finally {
    // A failed run keeps what every service process wrote (the runner holds it in memory), to find out why.
    if (exitCode !== 0) {
      const dir = join(root, '.cache', 'chaos', 'service-logs');
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      platform.all.forEach((proc, i) =>
        writeFileSync(join(dir, `${i}-${proc.name}-${proc.port}.log`), proc.log),
      );
      say(`the services' logs: ${dir}`);
    }
    await platform.stopAll();
    await stopBroker(layout).catch(() => false);
    pg.remove();
  }
  process.exit(exitCode);
}

main().catch((err: unknown) => {
  process.stderr.write(`[chaos] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
