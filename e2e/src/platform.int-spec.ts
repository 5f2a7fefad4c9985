import { randomUUID } from 'node:crypto';
import { Topics } from '@insurer/contracts';
import { createKafka } from '@insurer/platform-messaging';
import {
  ServiceProcess,
  TopicCollector,
  testEnvironment,
  tokenFor,
  waitFor,
  type CollectedMessage,
} from '@insurer/platform-testing';
import {
  otpFromLog,
  runStory,
  seedSales,
  type Platform,
  type StoryResult,
} from '@insurer/platform-scenarios';

/**
 * The six services as separate processes against the real Postgres and Kafka, exercised only through their public
 * interfaces: REST with tokens and commands on Kafka.
 */
const NAMES = [
  'customer-svc',
  'sales-svc',
  'contract-svc',
  'claims-svc',
  'compliance-svc',
  'analytics-svc',
] as const;
type Name = (typeof NAMES)[number];
const PORTS: Record<Name, number> = {
  'customer-svc': 14001,
  'sales-svc': 14002,
  'contract-svc': 14003,
  'claims-svc': 14004,
  'compliance-svc': 14005,
  'analytics-svc': 14006,
};
const env = testEnvironment();
const kafka = createKafka({ clientId: 'e2e', brokers: env.kafkaBrokers.split(',') });
const processes = new Map<Name, ServiceProcess>();
const url = (name: Name) => `http://127.0.0.1:${PORTS[name]}`;
const urls: Platform = {
  customer: url('customer-svc'),
  sales: url('sales-svc'),
  contract: url('contract-svc'),
  claims: url('claims-svc'),
  compliance: url('compliance-svc'),
  analytics: url('analytics-svc'),
};
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const payloadOf = (m: CollectedMessage) =>
  (m.json as { payload?: Record<string, unknown> } | undefined)?.payload ?? {};
const typeOf = (m: CollectedMessage) => (m.json as { type?: string } | undefined)?.type;
const correlationOf = (m: CollectedMessage) =>
  (m.json as { correlationId?: string } | undefined)?.correlationId;

async function start(name: Name, extra: Record<string, string> = {}): Promise<ServiceProcess> {
  const proc = new ServiceProcess(name, PORTS[name], {
    ...env.serviceEnv,
    LOG_LEVEL: 'info',
    ...extra,
  }).start();
  processes.set(name, proc);
  await proc.waitUntilReady(90_000);
  return proc;
}

async function api(base: string, method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

let story: StoryResult;
let events: TopicCollector;

beforeAll(async () => {
  await Promise.all(NAMES.map((n) => start(n)));
  await seedSales(urls.sales, tokenFor('admin', 'seed'), () => undefined);
  events = await new TopicCollector(kafka, [
    Topics.SALES_EVENTS,
    Topics.CLAIMS_EVENTS,
    `${Topics.CLAIMS_COMMANDS}.dlq`,
  ]).start();
}, 180_000);

afterAll(async () => {
  await events?.stop();
  await Promise.all([...processes.values()].map((p) => p.stop().catch(() => undefined)));
});

describe('the platform, six processes', () => {
  it('runs the whole story and ends with the right KPIs and an intact audit chain', async () => {
    const steps: string[] = [];
    story = await runStory({
      urls,
      jwtSecret: env.jwtSecret,
      kafka,
      say: (line) => steps.push(line),
      readOtp: (mobile) =>
        waitFor(() => otpFromLog(processes.get('customer-svc')?.log ?? '', mobile), {
          description: 'the one-time code',
        }),
    });
    expect(story.auditIntact).toBe(true);
    expect(story.paidFen).toBe(6_000_000);
    expect(story.kpis).toMatchObject({
      newPolicies: 1,
      newBusinessPremiumFen: story.premiumFen,
      quotes: 1,
      quoteToPolicyConversion: 1,
      returnVisitSuccessRate: 1,
      claimsPaid: 1,
      lossRatio: 6_000_000 / story.premiumFen,
      claimCycleDays: 0,
      csat: 5,
      nps: 100,
    });
    expect(steps.length).toBeGreaterThan(15);
  });

  it('refuses a cooling-off withdrawal the day after the period, and refunds all but CNY 10 inside it', async () => {
    const holder = tokenFor('customer', 'c', story.customerId);
    await processes.get('contract-svc')?.stop();
    await start('contract-svc', { TIME_OFFSET_DAYS: '1' });
    const late = await api(urls.contract, 'POST', `/policies/${story.policyId}/withdrawal`, holder);
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('POLICY.COOLING_OFF_OVER');
    await processes.get('contract-svc')?.stop();
    await start('contract-svc');
    const inside = await api(urls.contract, 'POST', `/policies/${story.policyId}/withdrawal`, holder);
    expect(inside.status).toBe(200);
    expect(inside.body).toEqual({
      policyId: story.policyId,
      premiumPaidFen: story.premiumFen,
      policyFeeFen: 1000,
      refundFen: story.premiumFen - 1000,
      withdrawnOn: today(),
    });
  });

  it('answers integrators’ commands with their result events, rejects a malformed one with a dead letter, and ignores a repeat', async () => {
    const agent = tokenFor('agent', 'agent-e2e');
    const quote = await api(urls.sales, 'POST', '/quotes', agent, {
      customerId: story.customerId,
      productCode: 'PA1',
      sumInsuredFen: 20_000_000,
      paymentMode: 'annual',
      paymentTermYears: 1,
      coverageTermYears: 1,
      salespersonId: 'S-1001',
      channel: 'agent',
    });
    expect(quote.status).toBe(201);
    const producer = kafka.producer();
    await producer.connect();
    const commandId = randomUUID();
    const command = {
      commandId,
      type: 'sales.submit-application',
      version: 1,
      issuedAt: new Date().toISOString(),
      issuer: 'broker-e2e',
      payload: {
        quoteId: quote.body.quoteId,
        insuredId: story.customerId,
        payerId: story.customerId,
        payerRelationship: 'self',
        salespersonId: 'S-1001',
        healthAnswers: [],
        beneficiaries: [],
        signature: { signedBy: story.customerId, signedAt: new Date().toISOString(), sha256: 'e'.repeat(64) },
      },
    };
    try {
      await producer.send({
        topic: Topics.SALES_COMMANDS,
        messages: [{ key: commandId, value: JSON.stringify(command) }],
      });
      await events.waitFor(
        (m) => typeOf(m) === 'sales.application-submitted' && correlationOf(m) === commandId,
      );

      const malformedId = randomUUID();
      await producer.send({
        topic: Topics.CLAIMS_COMMANDS,
        messages: [
          {
            key: malformedId,
            value: JSON.stringify({
              commandId: malformedId,
              type: 'claims.report-claim',
              version: 1,
              issuedAt: new Date().toISOString(),
              issuer: 'tpa-e2e',
              payload: { policyId: 'not-a-uuid' },
            }),
          },
        ],
      });
      const [rejected] = await events.waitFor(
        (m) => typeOf(m) === 'claims.command-rejected' && payloadOf(m).commandId === malformedId,
      );
      expect(payloadOf(rejected).reasons).toEqual(
        expect.arrayContaining([expect.objectContaining({ pointer: '/payload/policyId' })]),
      );
      await events.waitFor(
        (m) => m.topic === `${Topics.CLAIMS_COMMANDS}.dlq` && (m.value ?? '').includes(malformedId),
      );

      await producer.send({
        topic: Topics.SALES_COMMANDS,
        messages: [{ key: commandId, value: JSON.stringify(command) }],
      });
      const marker = randomUUID();
      await producer.send({
        topic: Topics.SALES_COMMANDS,
        messages: [{ key: marker, value: JSON.stringify({ ...command, commandId: marker }) }],
      });
      // The marker reuses the quote, so it is refused: its answer proves the repeat before it was read.
      await events.waitFor(
        (m) => typeOf(m) === 'sales.command-rejected' && payloadOf(m).commandId === marker,
      );
      expect(
        events.matching((m) => typeOf(m) === 'sales.application-submitted' && correlationOf(m) === commandId),
      ).toHaveLength(1);
    } finally {
      await producer.disconnect();
    }
  });

  it('keeps serving while one service is down, and the stopped one catches up without losing anything', async () => {
    const analyst = tokenFor('analyst', 'analyst-e2e');
    const admin = tokenFor('admin', 'admin-e2e');
    await processes.get('analytics-svc')?.stop();
    const salespersonId = `S-E2E-${randomUUID().slice(0, 6)}`;
    expect(
      (
        await api(urls.sales, 'PUT', `/salespeople/${salespersonId}`, admin, {
          name: 'While down',
          grade: 'G3',
          licenceNumber: 'L-E2E',
          licenceValidUntil: '2030-01-01',
        })
      ).status,
    ).toBe(200);
    await api(urls.sales, 'POST', `/salespeople/${salespersonId}/training`, admin, {
      hours: 30,
      completedOn: today(),
    });
    const quote = await api(urls.sales, 'POST', '/quotes', tokenFor('agent', 'agent-e2e'), {
      customerId: story.customerId,
      productCode: 'PA1',
      sumInsuredFen: 10_000_000,
      paymentMode: 'annual',
      paymentTermYears: 1,
      coverageTermYears: 1,
      salespersonId,
      channel: 'agent',
    });
    expect(quote.status).toBe(201);
    expect(
      (await api(urls.customer, 'GET', `/customers/${story.customerId}`, tokenFor('service_rep', 'rep')))
        .status,
    ).toBe(200);

    await start('analytics-svc');
    const mine = await waitFor(
      async () => {
        const res = await api(
          urls.analytics,
          'GET',
          `/kpis?from=${today()}&to=${today()}&by=salesperson`,
          analyst,
        );
        return (res.body.rows as { key: string; kpis: { quotes: number } }[]).find(
          (r) => r.key === salespersonId,
        )?.kpis;
      },
      { timeoutMs: 60_000, description: 'analytics to catch up' },
    );
    expect(mine.quotes).toBe(1);
  });
});
