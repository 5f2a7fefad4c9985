import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { Topics } from '@insurer/contracts';
import { createKafka } from '@insurer/platform-messaging';
import { addYears, shanghaiDate } from '@insurer/platform-time';
import {
  ServiceProcess,
  TopicCollector,
  testEnvironment,
  tokenFor,
  waitFor,
  type CollectedMessage,
} from '@insurer/platform-testing';
import {
  SERVICE_NAMES,
  otpFromLog,
  platformUrls,
  runFamilyStory,
  runStory,
  sensitiveValues,
  seedSales,
  type ServiceName,
  type Platform,
  type StoryResult,
} from '@insurer/platform-scenarios';
import { consumeWithPackedContracts } from './contracts-package';

/**
 * The six services as separate processes against the real Postgres and Kafka, exercised only through their public
 * interfaces: REST with tokens and commands on Kafka.
 */
const NAMES = SERVICE_NAMES;
type Name = ServiceName;
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
/** Every process started, stopped ones included: the plaintext scan reads all their logs. */
const everyProcess: ServiceProcess[] = [];
/** Every ID number, mobile and bank account the stories sent. */
const storySecrets = new Set<string>();
const onSensitive = (value: string) => storySecrets.add(value);
const urls: Platform = platformUrls((name) => PORTS[name]);
const today = () => shanghaiDate(new Date());
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
  everyProcess.push(proc);
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

/** Every test below starts from the story's customer and policy, which the setup runs once (the tests never rely on
 * one another: each can run alone with -t). */
let story: StoryResult;
const steps: string[] = [];
let events: TopicCollector;

beforeAll(async () => {
  await Promise.all(NAMES.map((n) => start(n)));
  await seedSales(urls.sales, tokenFor('admin', 'seed'), () => undefined);
  events = await new TopicCollector(kafka, [
    Topics.SALES_EVENTS,
    Topics.CLAIMS_EVENTS,
    `${Topics.CLAIMS_COMMANDS}.dlq`,
  ]).start();
  story = await runStory({
    urls,
    jwtSecret: env.jwtSecret,
    kafka,
    onSensitive,
    say: (line) => steps.push(line),
    readOtp: (mobile) =>
      waitFor(() => otpFromLog(processes.get('customer-svc')?.log ?? '', mobile), {
        description: 'the one-time code',
      }),
  });
}, 300_000);

afterAll(async () => {
  await events?.stop();
  await Promise.all([...processes.values()].map((p) => p.stop().catch(() => undefined)));
});

describe('the platform, six processes', () => {
  it('runs the whole story and ends with the right KPIs and an intact audit chain', async () => {
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

  it('tells the family story: a mother insures her son, her husband pays her cover, a death benefit is split', async () => {
    const lines: string[] = [];
    const family = await runFamilyStory({
      urls,
      jwtSecret: env.jwtSecret,
      onSensitive,
      say: (line) => lines.push(line),
      readOtp: (mobile) =>
        waitFor(() => otpFromLog(processes.get('customer-svc')?.log ?? '', mobile), {
          description: 'the one-time code',
        }),
    });
    // PA1 pays 500,000 yuan on an accidental death: 60% to the son, 40% to the husband.
    expect(family.shares).toEqual([
      { name: '儿子', customerId: family.childId, sharePercent: 60, amountFen: 30_000_000 },
      { name: '丈夫', customerId: family.fatherId, sharePercent: 40, amountFen: 20_000_000 },
    ]);
    expect(lines.join('\n')).toContain('PARTIES.MINOR_DEATH_BENEFIT_CAP');
    const [submitted] = await events.waitFor(
      (m) =>
        (m.json as { type?: string })?.type === 'sales.application-submitted' &&
        (m.json as { payload: { insuredId: string } }).payload.insuredId === family.childId,
    );
    expect((submitted.json as { payload: unknown }).payload).toMatchObject({
      policyholderId: family.motherId,
      insuredId: family.childId,
      insuredRelationship: 'child',
    });
    // customer-svc lists the policy under both, by role.
    const rep = tokenFor('service_rep', 'rep-e2e');
    const son360 = await api(urls.customer, 'GET', `/customers/${family.childId}/360`, rep);
    expect(son360.body.policies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ policyId: family.childPolicyId, roles: ['insured'] }),
      ]),
    );
  }, 240_000);

  it('gives a consuming team a contracts package that installs alone and types and parses the story’s events', async () => {
    await events.waitFor(
      (m) => typeOf(m) === 'claims.claim-approved' && payloadOf(m)['claimId'] === story.claimId,
    );
    // What the six services published (other suites put deliberate garbage on the same topics, under other producers).
    const recorded = events.messages
      .filter(
        (m) =>
          !m.topic.endsWith('.dlq') &&
          (SERVICE_NAMES as readonly string[]).includes(
            (m.json as { producer?: string } | undefined)?.producer ?? '',
          ),
      )
      .map((m) => m.json);
    const summary = consumeWithPackedContracts(join(__dirname, '..', '..'), recorded);
    expect(summary.tarball).toMatch(/^insurer-contracts-\d+\.\d+\.\d+\.tgz$/);
    expect(summary.rejected).toEqual([]);
    expect(summary.parsed).toBe(recorded.length);
    expect(summary.applicationInsured).toContain(story.customerId);
    expect(summary.approvedFen).toBeGreaterThanOrEqual(story.paidFen);
  }, 180_000);

  it('rejects a claim with its notice inside 3 days, and a missed decision deadline becomes a compliance alert', async () => {
    const handler = tokenFor('claims_handler', 'handler-e2e');
    const handler2 = tokenFor('claims_handler', 'handler2-e2e');
    const officer = tokenFor('compliance_officer', 'officer-e2e');
    const documents = [
      'claim_form',
      'accident_report',
      'disability_assessment',
      'medical_records',
      'insured_id',
    ].map((kind) => ({
      kind,
      reference: `dms://${kind}/${randomUUID()}`,
      sha256: randomUUID().replace(/-/g, '').padEnd(64, '0'),
    }));
    const report = () =>
      api(urls.claims, 'POST', '/claims', handler, {
        policyId: story.policyId,
        insuredId: story.customerId,
        claimType: 'accident_disability',
        eventDate: today(),
        description: 'sprained wrist',
        amountClaimedFen: 500_000,
        payee: { name: '演示', bankAccount: '6222021001122334455', relationship: 'self' },
      });

    const rejectedClaim = (await report()).body.claimId as string;
    await api(urls.claims, 'POST', `/claims/${rejectedClaim}/documents`, handler, { documents });
    await api(urls.claims, 'POST', `/claims/${rejectedClaim}/assessment`, handler);
    const reasons = [
      { code: 'CLAIM.NOT_DISABLING', message: 'a sprain is not a disability grade of the standard' },
    ];
    expect(
      (
        await api(urls.claims, 'POST', `/claims/${rejectedClaim}/decision`, handler2, {
          decision: 'reject',
          reasons,
        })
      ).status,
    ).toBe(200);
    expect(
      (await api(urls.claims, 'POST', `/claims/${rejectedClaim}/rejection-notice`, handler2)).status,
    ).toBe(200);
    const [notice] = await events.waitFor(
      (m) => typeOf(m) === 'claims.rejection-notice-sent' && payloadOf(m).claimId === rejectedClaim,
    );
    expect(payloadOf(notice)).toMatchObject({ reasons, withinDeadline: true });

    const lateClaim = (await report()).body.claimId as string;
    await api(urls.claims, 'POST', `/claims/${lateClaim}/documents`, handler, { documents });
    await processes.get('claims-svc')?.stop();
    await start('claims-svc', { TIME_OFFSET_DAYS: '31', CLAIM_TIMER_SWEEP_MS: '500' });
    await events.waitFor(
      (m) =>
        typeOf(m) === 'claims.deadline-breached' &&
        payloadOf(m).claimId === lateClaim &&
        payloadOf(m).timer === 'decision',
    );
    const alert = await waitFor(
      async () =>
        (
          (await api(urls.compliance, 'GET', `/alerts?subjectId=${lateClaim}&ruleId=CLAIM_DEADLINE`, officer))
            .body as { caseId: string | null }[]
        )[0],
      { description: 'the compliance alert' },
    );
    expect(alert.caseId).not.toBeNull();
    await processes.get('claims-svc')?.stop();
    await start('claims-svc');
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
      // The story customer holds (or held, until the withdrawal reaches sales-svc) accident cover: a second policy
      // is duplicate cover, sold only with their signed declaration.
      acknowledgement: {
        signedBy: story.customerId,
        signedAt: new Date().toISOString(),
        sha256: 'd'.repeat(64),
      },
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
      // The marker shares the repeat's key, so its partition: once its answer is out, the repeat has been read. It
      // reuses the quote and is refused; a repeat that got past the inbox would be refused the same way, so a
      // rejection correlated with the first command is what a missing inbox looks like.
      const marker = randomUUID();
      await producer.send({
        topic: Topics.SALES_COMMANDS,
        messages: [{ key: commandId, value: JSON.stringify({ ...command, commandId: marker }) }],
      });
      await events.waitFor(
        (m) => typeOf(m) === 'sales.command-rejected' && payloadOf(m).commandId === marker,
      );
      expect(
        events.matching((m) => typeOf(m) === 'sales.application-submitted' && correlationOf(m) === commandId),
      ).toHaveLength(1);
      expect(
        events.matching(
          (m) => typeOf(m) === 'sales.command-rejected' && payloadOf(m).commandId === commandId,
        ),
      ).toEqual([]);
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
          licenceValidUntil: addYears(today(), 3),
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
  it('lapses a policy after a missed premium and its 60 days of grace, and reinstates it with the arrears', async () => {
    const agent = tokenFor('agent', 'agent-e2e');
    const customerToken = tokenFor('customer', 'c', story.customerId);
    const quote = await api(urls.sales, 'POST', '/quotes', agent, {
      customerId: story.customerId,
      productCode: 'TL20',
      sumInsuredFen: 50_000_000,
      paymentMode: 'annual',
      paymentTermYears: 20,
      coverageTermYears: 20,
      salespersonId: 'S-1001',
      channel: 'agent',
    });
    expect(quote.status).toBe(201);
    // The questions to answer, as a client learns them: from the product.
    const asked = await api(urls.sales, 'GET', '/products/TL20/health-questions', agent);
    const questions = (asked.body as { id: string }[]).map((q) => q.id);
    expect(questions).toHaveLength(6);
    const application = await api(urls.sales, 'POST', '/applications', agent, {
      quoteId: quote.body.quoteId,
      insuredId: story.customerId,
      payerId: story.customerId,
      payerRelationship: 'self',
      salespersonId: 'S-1001',
      healthAnswers: questions.map((questionId) => ({ questionId, answer: false })),
      heightCm: 176,
      weightKg: 70,
      beneficiaries: [],
      signature: { signedBy: story.customerId, signedAt: new Date().toISOString(), sha256: 'f'.repeat(64) },
    });
    expect(application.status).toBe(201);
    const applicationId = application.body.applicationId as string;
    const underwriter = tokenFor('underwriter', 'uw-e2e');
    const kase = await waitFor(async () => {
      const res = await api(urls.contract, 'GET', `/underwriting/cases/${applicationId}`, underwriter);
      return res.status === 200 ? res.body : undefined;
    });
    expect(kase.decision).toBe('accept');
    await api(urls.contract, 'POST', `/policies/offers/${applicationId}/confirmation`, customerToken, {
      signedBy: story.customerId,
      signedAt: new Date().toISOString(),
      sha256: 'a'.repeat(64),
    });
    const issued = await api(urls.contract, 'POST', '/premiums/first', tokenFor('integrator', 'payments'), {
      applicationId,
      amountFen: kase.offerPremiumFen,
      paidAt: new Date().toISOString(),
      method: 'direct_debit',
      payerId: story.customerId,
      payerType: 'individual',
    });
    const policy = issued.body.policy as { policyId: string; nextDueOn: string; premiumFen: number };

    // A year and 61 days later, with the first renewal never paid. The shifted clock also matures the story's one-year
    // policy, which is why this test comes last.
    await processes.get('contract-svc')?.stop();
    await start('contract-svc', { TIME_OFFSET_DAYS: '427', PREMIUM_SWEEP_MS: '500' });
    await waitFor(
      async () =>
        (await api(urls.contract, 'GET', `/policies/${policy.policyId}`, underwriter)).body.status ===
        'suspended',
      {
        description: 'the lapse',
      },
    );
    const back = await api(
      urls.contract,
      'POST',
      `/policies/${policy.policyId}/reinstatement`,
      customerToken,
      {
        arrearsPaidFen: policy.premiumFen,
        paidAt: new Date().toISOString(),
        method: 'bank_transfer',
        healthAnswers: [{ questionId: 'hospitalised_5y', answer: false }],
      },
    );
    expect(back.status).toBe(200);
    expect(back.body.status).toBe('in_force');
    await processes.get('contract-svc')?.stop();
    await start('contract-svc');
  });
  // Last: it scans what every test before it left behind (each can still run alone with -t; it then scans the story).
  it('leaves no ID number, mobile or bank account in clear in any table, log line, events topic or dead-letter topic', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => !t.startsWith('__'));
    await admin.disconnect();
    const commandTopics = topics.filter((t) => /\.commands\.v\d+$/.test(t));
    const scannedTopics = topics.filter((t) => /\.events\.v\d+$/.test(t) || t.endsWith('.dlq'));
    const everything = await new TopicCollector(kafka, [...commandTopics, ...scannedTopics]).start();
    try {
      await everything.waitUntilCaughtUp();
      // What integrators sent in clear on the command topics must not come out anywhere either.
      const secrets = new Set(storySecrets);
      for (const m of everything.messages)
        if (commandTopics.includes(m.topic)) sensitiveValues(m.json).forEach((v) => secrets.add(v));
      // The story's customer alone brings an ID number and a mobile: an empty list would pass vacuously.
      expect(secrets.size).toBeGreaterThanOrEqual(2);
      const leaks: string[] = [];
      const check = (where: string, text: string) => {
        for (const secret of secrets) if (text.includes(secret)) leaks.push(`${where}: …${secret.slice(-4)}`);
      };

      for (const m of everything.messages)
        if (!commandTopics.includes(m.topic))
          check(
            `${m.topic}/${m.partition}@${m.offset}`,
            `${m.key ?? ''} ${m.value ?? ''} ${JSON.stringify(m.headers)}`,
          );
      for (const proc of everyProcess) check(`${proc.name} log`, proc.log);

      const db = new Client({ connectionString: env.databaseUrl });
      await db.connect();
      try {
        const tables = await db.query<{ schema: string; name: string }>(
          `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema IN ($1, $2, $3, $4, $5, $6)`,
          ['customer', 'sales', 'contract', 'claims', 'compliance', 'analytics'],
        );
        expect(tables.rows.length).toBeGreaterThan(20);
        const patterns = [...secrets].map((v) => `%${v}%`);
        for (const { schema, name } of tables.rows) {
          const found = await db.query<{ row: string }>(
            `SELECT t::text AS row FROM "${schema}"."${name}" t WHERE t::text LIKE ANY($1)`,
            [patterns],
          );
          for (const { row } of found.rows) check(`${schema}.${name}`, row);
        }
      } finally {
        await db.end();
      }
      expect(leaks).toEqual([]);
    } finally {
      await everything.stop();
    }
  }, 180_000);
});
