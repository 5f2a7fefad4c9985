import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import { Topics } from '@insurer/contracts';
import { createKafka } from '@insurer/platform-messaging';
import { residentId } from '@insurer/platform-scenarios';
import { consumedCount } from '@insurer/platform-test-harness';
import {
  ServiceProcess,
  TopicCollector,
  repoRoot,
  testEnvironment,
  tokenFor,
  waitFor,
} from '@insurer/platform-testing';
import { brokerEnv, settingsFromEnv } from '../infra';
import { brokerLayout, runningPid, startBroker, stopBroker, waitUntilReady } from '../kafka/broker';

/**
 * The fault suite's short version (the long one is `npm run chaos`): customer-svc publishes, sales-svc consumes, and
 * each is killed at the worst moment, then the broker goes away for 10 s. Nothing is lost, nothing applied twice.
 */
const env = testEnvironment();
const kafka = createKafka({ clientId: 'faults-test', brokers: env.kafkaBrokers.split(',') });
const agent = tokenFor('agent', 'agent-faults');
const managed = !process.env.KAFKA_BROKERS_EXTERNAL;
let db: Client;
let events: TopicCollector;

function customerSvc(extra: Record<string, string> = {}) {
  return new ServiceProcess('customer-svc', 15_001, { ...env.serviceEnv, ...extra }).start();
}
function salesSvc(extra: Record<string, string> = {}) {
  return new ServiceProcess('sales-svc', 15_002, { ...env.serviceEnv, ...extra }).start();
}

async function register(url: string): Promise<string> {
  const birth = `19${randomInt(60, 99)}-0${randomInt(1, 9)}-1${randomInt(0, 9)}`;
  const res = await fetch(`${url}/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${agent}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      purpose: 'quotation',
      channel: 'agent',
      name: `故障${randomInt(100, 999)}`,
      idType: 'resident_id',
      idNumber: residentId(birth, true),
      mobile: `139${String(randomInt(0, 1e8)).padStart(8, '0')}`,
      occupation: 'teacher',
      occupationClass: 1,
      annualIncomeFen: 20_000_000,
      householdIncomeFen: 30_000_000,
      existingCoverFen: 0,
      dependants: 1,
    }),
  });
  const body = (await res.json()) as { customerId?: string };
  if (res.status !== 201 || !body.customerId) throw new Error(`registration: ${res.status}`);
  return body.customerId;
}

/** The registration events of these customers, as sales-svc's inbox recorded them, and its replica rows. */
async function salesSaw(customerIds: readonly string[]): Promise<{ inbox: number; facts: number }> {
  const [row] = (
    await db.query(
      `SELECT (SELECT count(*)::int FROM sales.customer_facts WHERE customer_id = ANY($1::uuid[])) AS facts,
              (SELECT count(*)::int FROM sales.inbox i JOIN customer.outbox o ON o.event_id = i.event_id
                WHERE i.consumer = 'sales-svc' AND o.event_type = 'customer.customer-registered'
                  AND o.message_key = ANY($2::text[])) AS inbox`,
      [customerIds, customerIds],
    )
  ).rows as { facts: number; inbox: number }[];
  return row;
}

/** Copies the service's consumer read and skipped as already applied, over every event type. */
const duplicatesSeen = (url: string) => consumedCount(url, undefined, 'duplicate');

beforeAll(async () => {
  db = new Client({ connectionString: env.databaseUrl });
  await db.connect();
  events = await new TopicCollector(kafka, [Topics.CUSTOMER_EVENTS]).start();
});

afterAll(async () => {
  await events?.stop();
  await db?.end();
});

describe('faults, short version', () => {
  it('a relay killed between send and mark: Kafka carries the batch twice, sales applies it once', async () => {
    const sales = salesSvc();
    // Whatever an earlier test left unsent goes out first, so that the relay's next batch is this test's.
    const drain = customerSvc();
    await Promise.all([sales.waitUntilReady(90_000), drain.waitUntilReady(90_000)]);
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM customer.outbox WHERE sent_at IS NULL LIMIT 1`)).rows.length === 0,
      { description: 'an empty outbox' },
    );
    await drain.stop();
    // The relay's first batch goes out, then the process dies before marking it sent.
    const customer = customerSvc({ FAULT_KILL_AFTER_RELAY_BATCHES: '1' });
    try {
      await customer.waitUntilReady(90_000);
      const killed = customer.waitForExit();
      // Registrations until the kill: the first one's batch is sent and never marked.
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const id = await register(customer.url).catch(() => undefined);
        if (!id) break;
        ids.push(id);
      }
      expect(ids.length).toBeGreaterThan(0);
      const exit = await killed;
      expect(exit.signal).toBe('SIGKILL');
      expect(exit.output).toContain('fault injection: SIGKILL');

      const restarted = customerSvc();
      await restarted.waitUntilReady(90_000);
      try {
        // The unmarked batch was sent again: some registration event is on the topic twice.
        const registered = (id: string) =>
          events.matching(
            (m) =>
              (m.json as { type?: string })?.type === 'customer.customer-registered' &&
              (m.json as { aggregateId?: string }).aggregateId === id,
          ).length;
        await waitFor(() => ids.every((id) => registered(id) >= 1), { description: 'every registration' });
        await waitFor(() => ids.some((id) => registered(id) === 2), { description: 'a resent batch' });
        await waitFor(async () => (await salesSaw(ids)).facts === ids.length, {
          description: 'sales to know every customer',
        });
        await waitFor(async () => (await duplicatesSeen(sales.url)) >= 1, {
          description: 'sales to skip the resent copies',
        });
        expect(await salesSaw(ids)).toEqual({ inbox: ids.length, facts: ids.length });
      } finally {
        await restarted.stop();
      }
    } finally {
      await Promise.all([customer.stop().catch(() => undefined), sales.stop().catch(() => undefined)]);
    }
  });

  it('a consumer killed mid-batch, after its commit and before its offset: redelivered and skipped', async () => {
    const customer = customerSvc();
    await customer.waitUntilReady(90_000);
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) ids.push(await register(customer.url));
    // sales-svc applies the events from the start of its offsets and dies right after the third one commits.
    const sales = salesSvc({ FAULT_KILL_AFTER_EVENTS_APPLIED: '3' });
    try {
      // It consumes as soon as it starts and may die before a readiness poll sees it: wait for the kill itself.
      const exit = await sales.waitForExit();
      expect(exit.signal).toBe('SIGKILL');
      const again = salesSvc();
      await again.waitUntilReady(90_000);
      try {
        await waitFor(async () => (await salesSaw(ids)).facts === ids.length, {
          timeoutMs: 90_000,
          description: 'sales to know every customer after the restart',
        });
        await waitFor(async () => (await duplicatesSeen(again.url)) >= 1, {
          timeoutMs: 60_000,
          description: 'the redelivered events to be skipped',
        });
        expect(await salesSaw(ids)).toEqual({ inbox: ids.length, facts: ids.length });
      } finally {
        await again.stop();
      }
    } finally {
      await Promise.all([customer.stop(), sales.stop().catch(() => undefined)]);
    }
  });

  (managed ? it : it.skip)(
    'a 10 s broker outage: every service stays up, /ready says 503 at once, and consuming resumes after it',
    async () => {
      const customer = customerSvc();
      const sales = salesSvc();
      await Promise.all([customer.waitUntilReady(90_000), sales.waitUntilReady(90_000)]);
      const layout = brokerLayout(repoRoot(), brokerEnv(settingsFromEnv()));
      const ready = async (url: string) => {
        const started = Date.now();
        const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(1_000) });
        return { status: res.status, ms: Date.now() - started };
      };
      try {
        expect(await stopBroker(layout)).toBe(true);
        const outageStarted = Date.now();
        // Both report not ready, each answer well inside a 1 s probe timeout.
        await waitFor(
          async () => (await ready(customer.url)).status === 503 && (await ready(sales.url)).status === 503,
          {
            description: 'not ready during the outage',
          },
        );
        for (const url of [customer.url, sales.url]) expect((await ready(url)).ms).toBeLessThan(1_000);
        // Writes that need only Postgres go on; their events wait in the outbox.
        const during = await register(customer.url);
        while (Date.now() - outageStarted < 10_000) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          for (const p of [customer, sales]) expect(p.pid && isAlive(p.pid)).toBe(true);
        }
        const pid = startBroker(layout);
        await waitUntilReady(env.kafkaBrokers.split(','), 90_000, () => runningPid(layout) === pid);
        await Promise.all([customer.waitUntilReady(60_000), sales.waitUntilReady(60_000)]);
        await waitFor(async () => (await salesSaw([during])).facts === 1, {
          timeoutMs: 60_000,
          description: 'the registration made during the outage to reach sales',
        });
        for (const p of [customer, sales]) expect(p.log).not.toContain('a consumer gave up');
      } finally {
        if (!runningPid(layout)) {
          const pid = startBroker(layout);
          await waitUntilReady(env.kafkaBrokers.split(','), 90_000, () => runningPid(layout) === pid);
        }
        await Promise.all([customer.stop(), sales.stop()]);
      }
    },
  );
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
