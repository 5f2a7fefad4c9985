import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  Topics,
  latestEventDefinition,
  type DomainEvent,
  type EventOf,
  type EventType,
} from '@insurer/contracts';
import { eventFixtures } from '@insurer/contracts/testing';
import { onRoundTrip } from '@insurer/platform-database';
import { createKafka } from '@insurer/platform-messaging';
import type { StartedService } from '@insurer/platform-runtime';
import {
  HttpClient,
  TestProducer,
  redeliverAndAwaitDuplicate,
  startServiceUnderTest,
} from '@insurer/platform-test-harness';
import {
  TopicCollector,
  testEnvironment,
  tokenFor,
  waitFor,
  type CollectedMessage,
} from '@insurer/platform-testing';
import { ManualClock, addDays, shanghaiDate } from '@insurer/platform-time';
import type { ComplianceConfig } from '../src/compliance-config';
import { DepartureNoticeJob } from '../src/compliance.module';
import { MonitoringService } from '../src/monitoring/application/monitoring.service';
import { RuleTable } from '../src/monitoring/application/rule-table';
import { service } from '../src/service';
import { canonicalJson, entryHash } from '../src/audit/domain/hash-chain';

const env = testEnvironment();
const kafka = createKafka({ clientId: 'compliance-svc-test', brokers: env.kafkaBrokers.split(',') });
const clock = new ManualClock(new Date());
const officer = tokenFor('compliance_officer', 'co-1');

let started: StartedService<ComplianceConfig>;
let api: HttpClient;
let events: TopicCollector;
let producer: TestProducer;
let db: DataSource;

const today = () => shanghaiDate(clock.now());
const payloadOf = (m: CollectedMessage) =>
  (m.json as { payload: Record<string, unknown> } | undefined)?.payload ?? {};
const ofType = (type: string, match: (p: Record<string, unknown>) => boolean) => (m: CollectedMessage) =>
  (m.json as { type?: string } | undefined)?.type === type && match(payloadOf(m));

async function alertsFor(
  subjectId: string,
  ruleId: string,
): Promise<{ alertId: string; caseId: string | null; ruleVersion: number }[]> {
  return (await api.get(`/alerts?subjectId=${subjectId}&ruleId=${ruleId}`, officer)).body;
}

/** Once the event is in the audit log, its state and alerts are committed (one transaction). */
function applied(eventId: string): Promise<unknown> {
  return waitFor(
    async () =>
      (await db.query(`SELECT 1 FROM compliance.audit_log WHERE event_id = $1`, [eventId])).length === 1,
    { description: 'the event applied' },
  );
}

/** A premium paid in cash by its policyholder, `daysAgo` days before the test clock's now. Answers the event id. */
function cashPremium(payerId: string, policyId: string, amountFen: number, daysAgo: number): Promise<string> {
  return producer.event('contract.premium-paid', policyId, {
    ...eventFixtures['contract.premium-paid'],
    policyId,
    paymentId: randomUUID(),
    payerId,
    payerIsPolicyholder: true,
    method: 'cash',
    amountFen,
    paidAt: new Date(clock.now().getTime() - daysAgo * 86_400_000).toISOString(),
  });
}

/** An R4 product sold to a C2 customer: the sale the suitability rule alerts on. Answers the event id. */
function submitAboveRiskLevel(customerId: string, applicationId: string = randomUUID()): Promise<string> {
  return producer.event('sales.application-submitted', applicationId, {
    ...eventFixtures['sales.application-submitted'],
    applicationId,
    policyholderId: customerId,
    productRiskGrade: 'R4',
    customerRiskLevel: 'C2',
    riskLevelValidUntil: addDays(today(), 100),
    submittedAt: clock.now().toISOString(),
  });
}

beforeAll(async () => {
  db = await new DataSource({ type: 'postgres', url: env.databaseUrl }).initialize();
  started = await startServiceUnderTest(service, { clock });
  api = new HttpClient(started.url);
  events = await new TopicCollector(kafka, [Topics.COMPLIANCE_EVENTS]).start();
  producer = await new TestProducer(kafka).start();
});

afterAll(async () => {
  await producer?.stop();
  await events?.stop();
  await started?.app.close();
  await db?.destroy();
});

describe('rules over the other services’ events', () => {
  it('raises one alert, with its rule version, for a sale above the customer level, also when the event is redelivered', async () => {
    const customerId = randomUUID();
    const eventId = await submitAboveRiskLevel(customerId);
    const [raised] = await events.waitFor(
      ofType('compliance.alert-raised', (p) => (p.subject as { id: string }).id === customerId),
    );
    expect(payloadOf(raised)).toMatchObject({
      ruleId: 'SALE_ABOVE_RISK_LEVEL',
      ruleVersion: 1,
      source: 'NFRA Order 2025 No. 7',
      severity: 'high',
      evidenceEventIds: [eventId],
    });

    // The consumer reports the copy as a duplicate once it has read and skipped it; only then are the counts final.
    await redeliverAndAwaitDuplicate(started.url, 'sales.application-submitted', () =>
      producer.redeliver(eventId),
    );
    expect(await alertsFor(customerId, 'SALE_ABOVE_RISK_LEVEL')).toHaveLength(1);
    expect(await db.query(`SELECT 1 FROM compliance.audit_log WHERE event_id = $1`, [eventId])).toHaveLength(
      1,
    );
    expect(
      events.matching(
        ofType('compliance.alert-raised', (p) => (p.subject as { id: string }).id === customerId),
      ),
    ).toHaveLength(1);

    const [score] = (await api.get(`/risk-scores?kind=customer&id=${customerId}`, officer)).body;
    expect(score).toMatchObject({
      score: 30,
      factors: [{ ruleId: 'SALE_ABOVE_RISK_LEVEL', alerts: 1, points: 30 }],
    });
  });

  it('records large-value cash for the AML report and flags a third-party payer', async () => {
    const payerId = randomUUID();
    const paymentId = randomUUID();
    // A renewal of a policy compliance never saw issued: no application will say who may pay, so judged at once.
    await producer.event('contract.premium-paid', randomUUID(), {
      ...eventFixtures['contract.premium-paid'],
      paymentId,
      payerId,
      method: 'cash',
      amountFen: 5_000_000,
      payerIsPolicyholder: false,
      isFirstPremium: false,
      policyYear: 2,
      paidAt: clock.now().toISOString(),
    });
    await waitFor(async () => (await alertsFor(payerId, 'AML_LARGE_VALUE')).length === 1, {
      description: 'the large-value alert',
    });
    const report = await api.get(
      `/reports/aml?from=${addDays(today(), -1)}&to=${addDays(today(), 1)}`,
      tokenFor('analyst'),
    );
    expect(report.body.transactions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'large_value',
          amountFen: 5_000_000,
          method: 'cash',
          customerRef: payerId,
          direction: 'in',
          currency: 'CNY',
          institutionCode: 'INSURER-LOCAL',
        }),
      ]),
    );
    const csv = await fetch(
      `${started.url}/reports/aml.csv?from=${addDays(today(), -1)}&to=${addDays(today(), 1)}`,
      {
        headers: { authorization: `Bearer ${officer}` },
      },
    );
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\n')[0]).toBe(
      'institution_code,institution_name,transaction_id,kind,rule_id,customer_ref,transaction_time,amount_cny,currency,amount_in_currency,direction,counterparty,means_of_payment,purpose,policy_id,alert_id',
    );
    expect(text).toMatch(
      new RegExp(`large_value,AML_LARGE_VALUE,${payerId},[^,]+,50000\\.00,CNY,,in,${payerId},cash,premium,`),
    );
    await events.waitFor(
      ofType(
        'compliance.alert-raised',
        (p) => p.ruleId === 'AML_THIRD_PARTY_PAYER' && (p.evidenceEventIds as string[]).length === 1,
      ),
    );
  });

  it('raises a structuring alert for cash premiums paid in pieces under the threshold, and reports a large payout', async () => {
    const payerId = randomUUID();
    const policyId = randomUUID();
    for (const [i, amountFen] of [1_700_000, 1_700_000, 1_600_000].entries())
      await cashPremium(payerId, policyId, amountFen, 2 - i);
    await waitFor(async () => (await alertsFor(payerId, 'AML_STRUCTURING')).length === 1, {
      description: 'the structuring alert',
    });
    // Each payment alone stays under CNY 50,000: no large-value alert.
    expect(await alertsFor(payerId, 'AML_LARGE_VALUE')).toHaveLength(0);

    const insuredId = randomUUID();
    const claimId = randomUUID();
    await producer.event('claims.claim-paid', claimId, {
      ...eventFixtures['claims.claim-paid'],
      claimId,
      insuredId,
      amountFen: 60_000_000,
      paidAt: clock.now().toISOString(),
    });
    await waitFor(async () => (await alertsFor(insuredId, 'AML_LARGE_VALUE')).length === 1, {
      description: 'the large payout alert',
    });
    const report = await api.get(
      `/reports/aml?from=${addDays(today(), -3)}&to=${addDays(today(), 1)}`,
      tokenFor('analyst'),
    );
    expect(report.body.transactions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'suspicious',
          ruleId: 'AML_STRUCTURING',
          customerRef: payerId,
          direction: 'in',
          amountFen: 5_000_000,
          method: 'cash',
        }),
        expect.objectContaining({
          kind: 'large_value',
          ruleId: 'AML_LARGE_VALUE',
          customerRef: insuredId,
          direction: 'out',
          amountFen: 60_000_000,
          method: 'bank_transfer',
          purpose: 'claim_payment',
        }),
      ]),
    );
  });

  it('finds payments in pieces applied latest first (three policies, three keys, in no set order)', async () => {
    const payerId = randomUUID();
    // The third day's payment is applied first, then the second's, then the first's: each alone judged only the
    // window ending at it, which held none of the payments applied after it.
    for (const [daysAgo, amountFen] of [
      [0, 1_600_000],
      [1, 1_700_000],
      [2, 1_700_000],
    ] as const) {
      await applied(await cashPremium(payerId, randomUUID(), amountFen, daysAgo));
    }
    const alerts = await db.query(
      `SELECT dedupe_key, summary FROM compliance.alert WHERE rule_id = 'AML_STRUCTURING' AND subject_id = $1`,
      [payerId],
    );
    // Named by the window's first day, as it would have been in order.
    expect(alerts).toEqual([
      {
        dedupe_key: `AML_STRUCTURING:${payerId}:in:${addDays(today(), -2)}`,
        summary: '3 payments within 7 days, each under 50000 yuan, together 50000 yuan',
      },
    ]);
  });

  it('sets an application against the income its policyholder declared, whichever of the two comes first', async () => {
    const dayAgo = new Date(clock.now().getTime() - 86_400_000).toISOString();
    // 10,000 yuan a month: 120,000 a year.
    const application = (applicationId: string, policyholderId: string) =>
      producer.event('sales.application-submitted', applicationId, {
        ...eventFixtures['sales.application-submitted'],
        applicationId,
        policyholderId,
        insuredId: policyholderId,
        payerId: policyholderId,
        premiumFen: 1_000_000,
        paymentMode: 'monthly',
        submittedAt: clock.now().toISOString(),
      });
    const registration = (customerId: string, annualIncomeFen: number) =>
      producer.event('customer.customer-registered', customerId, {
        ...eventFixtures['customer.customer-registered'],
        customerId,
        annualIncomeFen,
        registeredAt: dayAgo,
      });

    // The application first (sales' topic ahead of customer's): no income to set it against yet.
    const [newcomer, first] = [randomUUID(), randomUUID()];
    await applied(await application(first, newcomer));
    expect(await alertsFor(newcomer, 'AML_PREMIUM_OVER_INCOME')).toEqual([]);
    // The registration declaring 60,000 yuan, made before it, applied after: the application is judged now.
    await applied(await registration(newcomer, 6_000_000));
    expect(
      await db.query(
        `SELECT dedupe_key FROM compliance.alert WHERE rule_id = 'AML_PREMIUM_OVER_INCOME' AND subject_id = $1`,
        [newcomer],
      ),
    ).toEqual([{ dedupe_key: `AML_PREMIUM_OVER_INCOME:${first}` }]);

    // Registered with a million a year; the income lowered to 60,000 before an application, the change applied
    // after it: set against the income of the application's day.
    const [holder, second] = [randomUUID(), randomUUID()];
    await applied(await registration(holder, 100_000_000));
    const lowered = () =>
      producer.event('customer.profile-updated', holder, {
        ...eventFixtures['customer.profile-updated'],
        customerId: holder,
        changedFields: ['annualIncomeFen'],
        facts: { annualIncomeFen: 6_000_000 },
        updatedAt: dayAgo,
      });
    await applied(await application(second, holder));
    expect(await alertsFor(holder, 'AML_PREMIUM_OVER_INCOME')).toEqual([]);
    await applied(await lowered());
    expect(await alertsFor(holder, 'AML_PREMIUM_OVER_INCOME')).toHaveLength(1);
  });

  it('does not flag a payer the application named with a relationship, and flags a purchase after a failed identity check', async () => {
    const holderId = randomUUID();
    const spouseId = randomUUID();
    const applicationId = randomUUID();
    const policyId = randomUUID();
    await producer.event('customer.identity-rejected', holderId, {
      ...eventFixtures['customer.identity-rejected'],
      customerId: holderId,
      rejectedAt: clock.now().toISOString(),
    });
    await producer.event(
      'sales.application-submitted',
      applicationId,
      spousePays(applicationId, holderId, spouseId),
    );
    await waitFor(async () => (await alertsFor(holderId, 'AML_IDENTITY_THEN_PURCHASE')).length === 1, {
      description: 'the identity-then-purchase alert',
    });
    await producer.event('contract.policy-issued', policyId, {
      ...eventFixtures['contract.policy-issued'],
      policyId,
      applicationId,
      policyholderId: holderId,
      payerId: spouseId,
    });
    await producer.event('contract.premium-paid', policyId, paidBy(spouseId, policyId, randomUUID()));
    // The payment is in the flow table once compliance has read it; no third-party alert for a stated spouse.
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM compliance.aml_flow WHERE party_id = $1`, [spouseId])).length === 1,
      { description: 'the payment read' },
    );
    expect(
      await db.query(
        `SELECT 1 FROM compliance.alert WHERE rule_id = 'AML_THIRD_PARTY_PAYER' AND subject_id = $1`,
        [policyId],
      ),
    ).toHaveLength(0);
  });

  it('flags a purchase whose failed identity check is applied after it (the two come on different topics)', async () => {
    const holderId = randomUUID();
    const applicationId = randomUUID();
    await producer.event(
      'sales.application-submitted',
      applicationId,
      spousePays(applicationId, holderId, randomUUID()),
    );
    await applicationRead(applicationId);
    expect(await alertsFor(holderId, 'AML_IDENTITY_THEN_PURCHASE')).toHaveLength(0);
    // The verification failed an hour before the application; customer-svc's topic brings it later.
    await producer.event('customer.identity-rejected', holderId, {
      ...eventFixtures['customer.identity-rejected'],
      customerId: holderId,
      rejectedAt: new Date(clock.now().getTime() - 3_600_000).toISOString(),
    });
    await waitFor(async () => (await alertsFor(holderId, 'AML_IDENTITY_THEN_PURCHASE')).length === 1, {
      description: 'the identity-then-purchase alert',
    });
  });

  it('alerts when customers are not told within 30 days that their salesperson left', async () => {
    const salespersonId = `S-${randomUUID().slice(0, 8)}`;
    const policyId = randomUUID();
    const customerId = randomUUID();
    await producer.event('sales.salesperson-departed', salespersonId, {
      salespersonId,
      departedOn: addDays(today(), -40),
      noticeDueOn: addDays(today(), -10),
      affected: [{ customerId, policyId }],
    });
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM compliance.departure_task WHERE policy_id = $1`, [policyId])).length >
        0,
    );
    await started.app.get(DepartureNoticeJob).job.runNow();
    await started.app.get(DepartureNoticeJob).job.runNow();
    const alerts = await alertsFor(salespersonId, 'DEPARTURE_NOTICE_LATE');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].caseId).not.toBeNull();
  });

  it('keeps a window rule’s state across a restart: the third surrender in 30 days alerts once', async () => {
    const holderId = randomUUID();
    const surrender = async (day: number) => {
      const policyId = randomUUID();
      const eventId = await producer.event('contract.policy-surrendered', policyId, {
        policyId,
        policyholderId: holderId,
        cashValueFen: 1_000_000,
        surrenderedOn: addDays(today(), -day),
        refundDueOn: addDays(today(), 30 - day),
      });
      return { eventId, policyId };
    };
    await surrender(20);
    await surrender(10);
    await waitFor(
      async () =>
        (
          await db.query(
            `SELECT count(*)::int AS n FROM compliance.surrender_log WHERE policyholder_id = $1`,
            [holderId],
          )
        )[0].n === 2,
    );
    expect(await alertsFor(holderId, 'AML_BULK_SURRENDER')).toHaveLength(0);

    await started.app.close();
    started = await startServiceUnderTest(service, { clock });
    api = new HttpClient(started.url);
    const third = await surrender(0);
    await waitFor(async () => (await alertsFor(holderId, 'AML_BULK_SURRENDER')).length === 1, {
      description: 'the bulk-surrender alert',
    });
    await producer.redeliver(third.eventId);
    // A later event on the same key (so the same partition) proves the redelivery was consumed before we count.
    const marker = randomUUID();
    await producer.event('contract.policy-surrendered', third.policyId, {
      policyId: marker,
      policyholderId: randomUUID(),
      cashValueFen: 1,
      surrenderedOn: today(),
      refundDueOn: today(),
    });
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM compliance.surrender_log WHERE policy_id = $1`, [marker])).length > 0,
    );
    expect(await alertsFor(holderId, 'AML_BULK_SURRENDER')).toHaveLength(1);
  });

  it('counts a new policyholder among a policy’s changes: two endorsements and a transfer in 90 days alert', async () => {
    const policyId = randomUUID();
    for (const policyVersion of [2, 3])
      await producer.event('contract.policy-endorsed', policyId, {
        ...eventFixtures['contract.policy-endorsed'],
        policyId,
        policyVersion,
        endorsedAt: clock.now().toISOString(),
      });
    await waitFor(
      async () =>
        (
          await db.query(`SELECT count(*)::int AS n FROM compliance.endorsement_log WHERE policy_id = $1`, [
            policyId,
          ])
        )[0].n === 2,
      { description: 'two endorsements logged' },
    );
    expect(await alertsFor(policyId, 'FREQUENT_CHANGES')).toHaveLength(0);
    const eventId = await producer.event('contract.policyholder-changed', policyId, {
      ...eventFixtures['contract.policyholder-changed'],
      policyId,
      policyVersion: 4,
      changedAt: clock.now().toISOString(),
    });
    await applied(eventId);
    expect(await alertsFor(policyId, 'FREQUENT_CHANGES')).toHaveLength(1);
  });

  it('alerts on a policy passed to a new policyholder whose identity the platform has not verified', async () => {
    const [unverified, verified] = [randomUUID(), randomUUID()];
    const verifiedEvent = await producer.event('customer.identity-verified', verified, {
      ...eventFixtures['customer.identity-verified'],
      customerId: verified,
    });
    await applied(verifiedEvent);
    const passTo = async (policyholderId: string) => {
      const policyId = randomUUID();
      await applied(
        await producer.event('contract.policyholder-changed', policyId, {
          ...eventFixtures['contract.policyholder-changed'],
          policyId,
          policyholderId,
          payerId: policyholderId,
          changedAt: clock.now().toISOString(),
        }),
      );
      return policyId;
    };
    const toStranger = await passTo(unverified);
    const alerts = (await api.get(`/alerts?subjectId=${unverified}&ruleId=AML_TRANSFER_UNVERIFIED`, officer))
      .body as { summary: string; message: string }[];
    expect(alerts).toEqual([
      expect.objectContaining({
        summary: `policy ${toStranger} passed to new policyholder ${unverified}, whose identity has not been verified`,
        message: `保单${toStranger}变更给新投保人${unverified}，其身份尚未核验`,
      }),
    ]);
    await passTo(verified);
    expect(await alertsFor(verified, 'AML_TRANSFER_UNVERIFIED')).toEqual([]);
    // Verified once, then a later check failed, or the ID number changed: not verified now.
    const [rejectedSince, changedSince] = [randomUUID(), randomUUID()];
    for (const customerId of [rejectedSince, changedSince])
      await applied(
        await producer.event('customer.identity-verified', customerId, {
          ...eventFixtures['customer.identity-verified'],
          customerId,
        }),
      );
    await applied(
      await producer.event('customer.identity-rejected', rejectedSince, {
        ...eventFixtures['customer.identity-rejected'],
        customerId: rejectedSince,
      }),
    );
    await applied(
      await producer.event('customer.profile-updated', changedSince, {
        ...eventFixtures['customer.profile-updated'],
        customerId: changedSince,
        changedFields: ['idNumber'],
        facts: {},
      }),
    );
    for (const customerId of [rejectedSince, changedSince]) {
      await passTo(customerId);
      expect(await alertsFor(customerId, 'AML_TRANSFER_UNVERIFIED')).toHaveLength(1);
    }
  });

  it('finds three surrenders in 30 days applied latest first (three policies, three keys)', async () => {
    const holderId = randomUUID();
    for (const day of [0, 10, 20]) {
      const policyId = randomUUID();
      await producer.event('contract.policy-surrendered', policyId, {
        policyId,
        policyholderId: holderId,
        cashValueFen: 1_000_000,
        surrenderedOn: addDays(today(), -day),
        refundDueOn: addDays(today(), 30 - day),
      });
      await waitFor(
        async () =>
          (await db.query(`SELECT 1 FROM compliance.surrender_log WHERE policy_id = $1`, [policyId]))
            .length === 1,
        { description: 'the surrender applied' },
      );
    }
    // The window ending on today's surrender holds all three once the earliest is applied; keyed by its month, as
    // in order.
    expect(
      await db.query(
        `SELECT dedupe_key, summary FROM compliance.alert WHERE rule_id = 'AML_BULK_SURRENDER' AND subject_id = $1`,
        [holderId],
      ),
    ).toEqual([
      {
        dedupe_key: `AML_BULK_SURRENDER:${holderId}:${today().slice(0, 7)}`,
        summary: '3 surrenders by one policyholder within 30 days',
      },
    ]);
  });

  it('versions a rule from a date and closes the version before it', async () => {
    const rules = (await api.get('/rules', officer)).body as {
      ruleId: string;
      versions: { version: number; effectiveFrom: string; effectiveTo: string | null }[];
    }[];
    const rule = rules.find((r) => r.ruleId === 'FREQUENT_CHANGES');
    const latest = rule?.versions.at(-1);
    if (!latest) throw new Error('FREQUENT_CHANGES missing');
    const from = addDays(latest.effectiveFrom > today() ? latest.effectiveFrom : today(), 1);
    const changed = await api.put(
      '/rules/FREQUENT_CHANGES',
      { effectiveFrom: from, parameters: { minChanges: 4 } },
      officer,
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      version: latest.version + 1,
      effectiveFrom: from,
      parameters: { minChanges: 4, windowDays: 90 },
    });
    const after = (await api.get('/rules', officer)).body.find(
      (r: { ruleId: string }) => r.ruleId === 'FREQUENT_CHANGES',
    );
    expect(after.versions.at(-2).effectiveTo).toBe(addDays(from, -1));
    expect((await api.put('/rules/FREQUENT_CHANGES', { effectiveFrom: from }, officer)).status).toBe(422);
  });

  it('judges the next event by the rule table as it now stands, also when it was changed by hand', async () => {
    const saleAbove = async () => {
      const customerId = randomUUID();
      await submitAboveRiskLevel(customerId);
      const [raised] = await events.waitFor(
        ofType('compliance.alert-raised', (p) => (p.subject as { id: string }).id === customerId),
      );
      return payloadOf(raised);
    };
    // The service has read the table for this alert and keeps it.
    expect(await saleAbove()).toMatchObject({ ruleId: 'SALE_ABOVE_RISK_LEVEL', severity: 'high' });
    const version = `SELECT max(version) FROM compliance.rule_version WHERE rule_id = 'SALE_ABOVE_RISK_LEVEL'`;
    await db.query(
      `UPDATE compliance.rule_version SET severity = 'critical' WHERE rule_id = 'SALE_ABOVE_RISK_LEVEL' AND version = (${version})`,
    );
    try {
      expect(await saleAbove()).toMatchObject({ ruleId: 'SALE_ABOVE_RISK_LEVEL', severity: 'critical' });
    } finally {
      await db.query(
        `UPDATE compliance.rule_version SET severity = 'high' WHERE rule_id = 'SALE_ABOVE_RISK_LEVEL' AND version = (${version})`,
      );
    }
  });
});

describe('a salesperson’s qualification (SALESPERSON_NOT_QUALIFIED)', () => {
  /** A standing that qualifies on the test's day, as sales-svc carries it on a sale. */
  const qualifiedToday = () => {
    const year = Number(today().slice(0, 4));
    return {
      ...eventFixtures['sales.quote-issued'].salespersonStanding!,
      licenceValidUntil: addDays(today(), 365),
      trainingHoursByYear: { [String(year - 1)]: 36, [String(year)]: 36 },
    };
  };
  it('judges a sale on the standing it carries, not on the registration compliance holds or lacks', async () => {
    const newcomer = `S-${randomUUID().slice(0, 8)}`;
    const lapsed = `S-${randomUUID().slice(0, 8)}`;
    // compliance holds the second salesperson as qualified today (a registration applied before the sale)...
    const registered = await producer.event('sales.salesperson-registered', lapsed, {
      ...eventFixtures['sales.salesperson-registered'],
      ...qualifiedToday(),
      salespersonId: lapsed,
    });
    await applied(registered);
    // ... while the first's registration has not reached it (it comes under their own key, in no set order).
    const sale = (quoteId: string, salespersonId: string, standing: ReturnType<typeof qualifiedToday>) =>
      producer.event('sales.quote-issued', quoteId, {
        ...eventFixtures['sales.quote-issued'],
        quoteId,
        salespersonId,
        salespersonStanding: standing,
        issuedAt: clock.now().toISOString(),
      });
    const [byNewcomer, byLapsed] = [randomUUID(), randomUUID()];
    const sales = [
      await sale(byNewcomer, newcomer, qualifiedToday()),
      // Sold the day after the licence lapsed, as sales-svc then saw it.
      await sale(byLapsed, lapsed, { ...qualifiedToday(), licenceValidUntil: addDays(today(), -1) }),
    ];
    for (const sold of sales) await applied(sold);
    expect(await alertsFor(newcomer, 'SALESPERSON_NOT_QUALIFIED')).toEqual([]);
    const [alert] = await alertsFor(lapsed, 'SALESPERSON_NOT_QUALIFIED');
    expect(alert).toBeDefined();
    const [row] = await db.query(`SELECT summary, dedupe_key FROM compliance.alert WHERE alert_id = $1`, [
      alert!.alertId,
    ]);
    expect(row).toEqual({
      summary: `salesperson ${lapsed} sold while unlicensed`,
      dedupe_key: `SALESPERSON_NOT_QUALIFIED:${byLapsed}`,
    });
  });
});

describe('alerts for the insurer’s staff', () => {
  it('name their rule and say what they found in the reader’s language, Chinese unless English is asked for', async () => {
    const customerId = randomUUID();
    const applicationId = randomUUID();
    await submitAboveRiskLevel(customerId, applicationId);
    const [raised] = await waitFor(async () => {
      const found = await alertsFor(customerId, 'SALE_ABOVE_RISK_LEVEL');
      return found.length ? found : undefined;
    });
    // Its event carries the same message, for a consuming team to word in its reader's language.
    const [announced] = await events.waitFor(
      ofType('compliance.alert-raised', (p) => p.alertId === raised!.alertId),
    );
    expect(payloadOf(announced)).toMatchObject({
      summary: `application ${applicationId} sells R4 to a C2 customer`,
      message: {
        code: 'aboveRiskLevel',
        values: { applicationId, productGrade: 'R4', customerLevel: 'C2' },
      },
    });
    const listed = await api.get(`/alerts?subjectId=${customerId}`, officer);
    expect(listed.headers.get('content-language')).toBe('zh-CN');
    expect(listed.headers.get('vary')).toContain('Accept-Language');
    expect(listed.body).toEqual([
      expect.objectContaining({
        alertId: raised!.alertId,
        ruleId: 'SALE_ABOVE_RISK_LEVEL',
        ruleTitle: '销售的产品风险等级高于客户风险承受等级。',
        message: `投保单${applicationId}向风险承受能力为C2的客户销售R4级产品`,
        summary: `application ${applicationId} sells R4 to a C2 customer`,
      }),
    ]);
    const inEnglish = await api.request('GET', `/alerts/${raised!.alertId}`, {
      token: officer,
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(inEnglish.headers.get('content-language')).toBe('en');
    expect(inEnglish.body).toMatchObject({
      alertId: raised!.alertId,
      ruleTitle: 'A product sold above the customer’s risk level.',
      message: `application ${applicationId} sells R4 to a C2 customer`,
    });
    // The case the alert opened lists it worded for its reader too.
    const kase = await api.get(`/cases/${raised!.caseId}`, officer);
    expect(kase.headers.get('content-language')).toBe('zh-CN');
    expect(kase.body.alerts).toEqual([
      expect.objectContaining({
        alertId: raised!.alertId,
        message: `投保单${applicationId}向风险承受能力为C2的客户销售R4级产品`,
      }),
    ]);
    // An alert raised before alerts kept their message shows its English summary.
    await db.query(`UPDATE compliance.alert SET message = NULL WHERE alert_id = $1`, [raised!.alertId]);
    expect((await api.get(`/alerts/${raised!.alertId}`, officer)).body).toMatchObject({
      ruleTitle: '销售的产品风险等级高于客户风险承受等级。',
      message: `application ${applicationId} sells R4 to a C2 customer`,
    });
  });
});

describe('money owed after a surrender (Art. 47)', () => {
  it('raises one alert with its article when a surrender refund is unpaid past its 30 days', async () => {
    const policyId = randomUUID();
    const overdue = {
      ...eventFixtures['contract.surrender-refund-overdue'],
      policyId,
      dueOn: addDays(today(), -1),
      detectedAt: clock.now().toISOString(),
    };
    await producer.event('contract.surrender-refund-overdue', policyId, overdue);
    const [alert] = await waitFor(async () => {
      const found = await alertsFor(policyId, 'SURRENDER_REFUND_LATE');
      return found.length ? found : undefined;
    });
    expect(alert).toMatchObject({ ruleVersion: 1 });
    expect((await api.get(`/alerts/${alert!.alertId}`, officer)).body).toMatchObject({
      source: 'Insurance Law Art. 47',
      citation: '《中华人民共和国保险法》第四十七条',
    });
    const rule = (await api.get('/rules', officer)).body.find(
      (r: { ruleId: string }) => r.ruleId === 'SURRENDER_REFUND_LATE',
    );
    expect(rule.versions).toEqual([
      expect.objectContaining({
        source: 'Insurance Law Art. 47',
        citation: '《中华人民共和国保险法》第四十七条',
        severity: 'high',
        kind: 'surrender_refund_late',
      }),
    ]);
    expect(rule.title).toBe('退保金未在期限内支付。');
    const inEnglish = await api.request('GET', '/rules', {
      token: officer,
      headers: { 'accept-language': 'en' },
    });
    expect(inEnglish.headers.get('content-language')).toBe('en');
    expect(
      inEnglish.body.find((r: { ruleId: string }) => r.ruleId === 'SURRENDER_REFUND_LATE'),
    ).toMatchObject({
      title: 'A surrender refund was not paid in time.',
      versions: [expect.objectContaining({ citation: 'Insurance Law Art. 47' })],
    });
  });
});

describe('cases', () => {
  it('takes an alert’s case through investigation and escalation to closure, and announces it', async () => {
    const summaryBefore = (await api.get(`/reports/summary?from=${today()}&to=${today()}`, officer)).body;
    const claimId = randomUUID();
    await producer.event('claims.deadline-breached', claimId, {
      claimId,
      timer: 'payment',
      dueOn: addDays(today(), -1),
      breachedAt: clock.now().toISOString(),
    });
    const alert = await waitFor(async () => (await alertsFor(claimId, 'CLAIM_DEADLINE'))[0]);
    const caseId = alert.caseId as string;
    expect((await api.post(`/cases/${caseId}/assignment`, { assignee: 'co-2' }, officer)).body.status).toBe(
      'investigating',
    );
    await api.post(
      `/cases/${caseId}/comments`,
      { text: 'bank file shows the payment left 2 days late', kind: 'evidence' },
      officer,
    );
    expect(
      (await api.post(`/cases/${caseId}/escalation`, { reason: 'repeated in this branch' }, officer)).body
        .status,
    ).toBe('escalated');
    const closed = await api.post(
      `/cases/${caseId}/closure`,
      { resolution: 'remediated', note: 'interest paid to the claimant' },
      officer,
    );
    expect(closed.body).toMatchObject({ status: 'closed', resolution: 'remediated', closedBy: 'co-1' });
    expect(
      (await api.post(`/cases/${caseId}/closure`, { resolution: 'no_breach', note: 'again' }, officer))
        .status,
    ).toBe(409);
    const [event] = await events.waitFor(ofType('compliance.case-closed', (p) => p.caseId === caseId));
    expect(payloadOf(event)).toMatchObject({ alertIds: [alert.alertId], resolution: 'remediated' });
    const detail = await api.get(`/cases/${caseId}`, officer);
    expect(detail.body.comments.map((c: { kind: string }) => c.kind)).toEqual([
      'assignment',
      'evidence',
      'escalation',
      'closure',
    ]);
    // The report covers the whole shared database: this test's own alert and case are what it added since it began.
    const summary = (await api.get(`/reports/summary?from=${today()}&to=${today()}`, officer)).body;
    expect([
      (summary.alertsByRule.CLAIM_DEADLINE ?? 0) - (summaryBefore.alertsByRule.CLAIM_DEADLINE ?? 0),
      summary.casesClosed - summaryBefore.casesClosed,
    ]).toEqual([1, 1]);
  });

  it('is for compliance officers: others are refused', async () => {
    expect((await api.get('/cases', tokenFor('agent'))).status).toBe(403);
  });
});

/** Waits until compliance has applied the application (its payer and policyholder kept). */
function applicationRead(applicationId: string): Promise<unknown> {
  return waitFor(
    async () =>
      (
        await db.query(`SELECT 1 FROM compliance.application_payer WHERE application_id = $1`, [
          applicationId,
        ])
      ).length === 1,
    { description: 'the application read' },
  );
}

/** An application whose premiums the policyholder's spouse pays, the relationship stated. */
function spousePays(applicationId: string, holderId: string, spouseId: string) {
  return {
    ...eventFixtures['sales.application-submitted'],
    applicationId,
    policyholderId: holderId,
    payerId: spouseId,
    payerRelationship: 'spouse' as const,
    submittedAt: clock.now().toISOString(),
  };
}

/** The policy issued on an application, with its policyholder and the payer the application named. */
function issued(policyId: string, applicationId: string, policyholderId: string, payerId: string) {
  return envelope('contract.policy-issued', policyId, {
    ...eventFixtures['contract.policy-issued'],
    policyId,
    applicationId,
    policyholderId,
    payerId,
  });
}

/** A premium of 20,000 yuan by bank transfer from someone other than the policyholder. */
function paidBy(payerId: string, policyId: string, paymentId: string) {
  return {
    ...eventFixtures['contract.premium-paid'],
    policyId,
    paymentId,
    payerId,
    payerIsPolicyholder: false,
    amountFen: 2_000_000,
    method: 'bank_transfer' as const,
    paidAt: clock.now().toISOString(),
  };
}

/** A raw envelope of the event's latest version, as another service would publish it. */
function envelope<T extends EventType>(type: T, aggregateId: string, payload: EventOf<T>['payload']) {
  const eventId = randomUUID();
  const definition = latestEventDefinition(type);
  if (!definition) throw new Error(`no definition of ${type}`);
  return {
    eventId,
    type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    producer: 'compliance-test',
    aggregateId,
    correlationId: eventId,
    causationId: null,
    payload,
  };
}

/** `n` raw envelopes of one customer's data being read by `actor`. */
function accessRecords(n: number, customerId: string, actor: string) {
  return Array.from({ length: n }, () =>
    envelope('customer.personal-data-accessed', customerId, {
      ...eventFixtures['customer.personal-data-accessed'],
      customerId,
      actor,
    }),
  );
}

/** Envelopes sent as they are, in one produce request under one key (one partition: fetched as one run). */
async function publishRaw(key: string, envelopes: readonly object[], topic: string = Topics.CUSTOMER_EVENTS) {
  const raw = kafka.producer();
  await raw.connect();
  await raw.send({ topic, messages: envelopes.map((e) => ({ key, value: JSON.stringify(e) })) });
  await raw.disconnect();
}

describe('a run of events applied at once', () => {
  it('links a run of issued policies to their applications in one statement', async () => {
    const key = randomUUID();
    const policies = Array.from({ length: 6 }, () => ({
      policyId: randomUUID(),
      applicationId: randomUUID(),
    }));
    await publishRaw(
      key,
      policies.map((p) =>
        envelope('contract.policy-issued', p.policyId, { ...eventFixtures['contract.policy-issued'], ...p }),
      ),
      Topics.CONTRACT_EVENTS,
    );
    const rows: { policy_id: string; application_id: string; xmin: string; cmin: string }[] = await waitFor(
      async () => {
        const found = await db.query(
          `SELECT policy_id, application_id, xmin::text AS xmin, cmin::text AS cmin FROM compliance.policy_payer
            WHERE policy_id = ANY($1::uuid[])`,
          [policies.map((p) => p.policyId)],
        );
        return found.length === policies.length ? found : undefined;
      },
      { description: 'the run linked' },
    );
    expect(rows.map((r) => ({ policyId: r.policy_id, applicationId: r.application_id }))).toEqual(
      expect.arrayContaining(policies),
    );
    // One run, one transaction; rows written by one statement share its command id within it.
    const commands = new Set(rows.map((r) => `${r.xmin}/${r.cmin}`));
    expect(commands.size).toBeLessThan(rows.length);
  });

  it('judges a first premium, published before its policy is issued, once the issue links it to the application', async () => {
    const holderId = randomUUID();
    const spouseId = randomUUID();
    const strangerId = randomUUID();
    const applicationId = randomUUID();
    const policyId = randomUUID();
    await producer.event(
      'sales.application-submitted',
      applicationId,
      spousePays(applicationId, holderId, spouseId),
    );
    await applicationRead(applicationId);
    const payment = (payerId: string, paymentId: string) =>
      envelope('contract.premium-paid', policyId, paidBy(payerId, policyId, paymentId));
    const [bySpouse, byStranger, bySpouseLater, byStrangerLater] = [1, 2, 3, 4].map(() => randomUUID());
    const strangersLater = payment(strangerId, byStrangerLater);
    // As contract-svc publishes an issue (the first premium, then the policy), then renewals: one produce request
    // under the policy's key, fetched as one run.
    await publishRaw(
      policyId,
      [
        payment(spouseId, bySpouse),
        payment(strangerId, byStranger),
        issued(policyId, applicationId, holderId, spouseId),
        payment(spouseId, bySpouseLater),
        strangersLater,
      ],
      Topics.CONTRACT_EVENTS,
    );
    await waitFor(
      async () =>
        (
          await db.query(`SELECT 1 FROM compliance.aml_flow WHERE party_id = ANY($1::uuid[])`, [
            [spouseId, strangerId],
          ])
        ).length === 4,
      { description: 'the payments read' },
    );
    const alerts: { dedupe_key: string; evidence_event_ids: string[] }[] = await db.query(
      `SELECT dedupe_key, evidence_event_ids FROM compliance.alert
        WHERE rule_id = 'AML_THIRD_PARTY_PAYER' AND subject_id = $1 ORDER BY dedupe_key`,
      [policyId],
    );
    // The spouse the application named is expected, before the issue as after it; the stranger is not. The
    // renewal after the issue is judged on its own event, the first premium on the issue.
    expect(alerts.map((a) => a.dedupe_key).sort()).toEqual(
      [`AML_THIRD_PARTY_PAYER:${byStranger}`, `AML_THIRD_PARTY_PAYER:${byStrangerLater}`].sort(),
    );
    const later = alerts.find((a) => a.dedupe_key.endsWith(byStrangerLater));
    expect(later?.evidence_event_ids).toEqual([strangersLater.eventId]);
    const first = alerts.find((a) => a.dedupe_key.endsWith(byStranger));
    expect(first?.evidence_event_ids).toHaveLength(2);
  });

  it('judges a third party’s premium when the application comes after the policy (sales’ topic behind)', async () => {
    const holderId = randomUUID();
    const spouseId = randomUUID();
    const strangerId = randomUUID();
    const applicationId = randomUUID();
    const policyId = randomUUID();
    const [bySpouse, byStranger] = [randomUUID(), randomUUID()];
    const strangersPayment = envelope(
      'contract.premium-paid',
      policyId,
      paidBy(strangerId, policyId, byStranger),
    );
    const issue = issued(policyId, applicationId, holderId, spouseId);
    await publishRaw(
      policyId,
      [
        envelope('contract.premium-paid', policyId, paidBy(spouseId, policyId, bySpouse)),
        strangersPayment,
        issue,
      ],
      Topics.CONTRACT_EVENTS,
    );
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM compliance.policy_payer WHERE policy_id = $1`, [policyId])).length ===
        1,
      { description: 'the policy linked' },
    );
    const thirdPartyAlerts = () =>
      db.query(
        `SELECT a.dedupe_key, a.evidence_event_ids, t.occurred_at FROM compliance.alert a
           LEFT JOIN compliance.aml_transaction t USING (alert_id)
          WHERE a.rule_id = 'AML_THIRD_PARTY_PAYER' AND a.subject_id = $1`,
        [policyId],
      ) as Promise<{ dedupe_key: string; evidence_event_ids: string[]; occurred_at: Date }[]>;
    // Nothing is known yet of whom the application names.
    expect(await thirdPartyAlerts()).toEqual([]);
    const applied = await producer.event(
      'sales.application-submitted',
      applicationId,
      spousePays(applicationId, holderId, spouseId),
    );
    const [alert] = await waitFor(async () => {
      const found = await thirdPartyAlerts();
      return found.length > 0 ? found : undefined;
    });
    await applicationRead(applicationId);
    expect(await thirdPartyAlerts()).toHaveLength(1);
    // The stranger's payment, found from the application: both events its evidence, reported as paid.
    expect(alert.dedupe_key).toBe(`AML_THIRD_PARTY_PAYER:${byStranger}`);
    expect(alert.evidence_event_ids).toEqual([strangersPayment.eventId, applied]);
    expect(new Date(alert.occurred_at).toISOString()).toBe(
      (strangersPayment.payload as { paidAt: string }).paidAt,
    );
  });
});

/** Writes the audit entry of an event after `prev` directly, as a writer other than the consumer would. */
function writeEntry(
  q: { query(sql: string, params: unknown[]): Promise<unknown> },
  event: ReturnType<typeof accessRecords>[number],
  prev: string,
) {
  const canonical = canonicalJson(event);
  return q.query(
    `INSERT INTO compliance.audit_log (event_id, topic, event_type, occurred_at, recorded_at, canonical, prev_hash, hash)
     VALUES ($1, $2, $3, $4, now(), $5, $6, $7)`,
    [
      event.eventId,
      Topics.CUSTOMER_EVENTS,
      event.type,
      event.occurredAt,
      canonical,
      prev,
      entryHash(prev, canonical),
    ],
  );
}

describe('a run’s reads', () => {
  it('are issued together for the whole run, one round trip, each event seeing the state of those before it', async () => {
    const salespersonId = `sp-${randomUUID().slice(0, 8)}`;
    const holderId = randomUUID();
    const spouseId = randomUUID();
    const applicationId = randomUUID();
    const policyId = randomUUID();
    // A salesperson compliance learns of in the run itself, then the sale, its policy and a premium paid by the
    // spouse the application named: judged right only if each event's reads see the state the ones before it keep.
    const run = [
      envelope('sales.salesperson-registered', salespersonId, {
        ...eventFixtures['sales.salesperson-registered'],
        salespersonId,
      }),
      envelope('sales.application-submitted', applicationId, {
        ...spousePays(applicationId, holderId, spouseId),
        salespersonId,
        // As an older producer sent it: judged on the registration the run applied just before.
        salespersonStanding: undefined,
      }),
      issued(policyId, applicationId, holderId, spouseId),
      envelope('contract.premium-paid', policyId, paidBy(spouseId, policyId, randomUUID())),
    ] as DomainEvent[];
    const dataSource = started.app.get(DataSource);
    // The rule table as it now stands, kept by the process (another test changed it).
    await dataSource.transaction((m) => started.app.get(RuleTable).rulesOn(m, today()));
    let roundTrips = 0;
    let stop = () => undefined as void;
    await dataSource.transaction(async (m) => {
      // BEGIN with a first statement, as the consumer's inbox row goes; counted from after it.
      await m.query(`SELECT $1::int AS first`, [1]);
      stop = onRoundTrip(await m.queryRunner!.connect(), () => (roundTrips += 1));
      await started.app.get(MonitoringService).onEvents(m, run, Topics.CONTRACT_EVENTS);
    });
    stop();
    // The chain's head; the application's and the payment's reads, together; the writes with COMMIT.
    expect(roundTrips).toBe(3);
    const alerts = await db.query(`SELECT rule_id FROM compliance.alert WHERE subject_id = ANY($1::text[])`, [
      [salespersonId, policyId, holderId, spouseId],
    ]);
    expect(alerts).toEqual([]);
    const audited = await db.query(
      `SELECT event_id FROM compliance.audit_log WHERE event_id = ANY($1::uuid[]) ORDER BY seq`,
      [run.map((e) => e.eventId)],
    );
    expect(audited.map((a: { event_id: string }) => a.event_id)).toEqual(run.map((e) => e.eventId));
  });
});

describe('the audit chain', () => {
  it('links each event of a run applied in one transaction to the one before it', async () => {
    const marker = randomUUID();
    const customerId = randomUUID();
    const envelopes = accessRecords(20, customerId, marker);
    // One produce request to one partition: the consumer fetches the run whole and applies it in one transaction.
    await publishRaw(customerId, envelopes);
    const rows: { xmin: string }[] = await waitFor(async () => {
      const found = await db.query(
        `SELECT xmin::text AS xmin FROM compliance.audit_log WHERE canonical LIKE $1 ORDER BY seq`,
        [`%${marker}%`],
      );
      return found.length === envelopes.length ? found : undefined;
    });
    // Several entries share their writing transaction, so the chain tip was carried within it.
    expect(new Set(rows.map((r) => r.xmin)).size).toBeLessThan(rows.length);
    // Every link, across this run's transactions and the rest of the log.
    expect((await api.get('/audit/verify', officer)).body).toMatchObject({ ok: true });
  });

  it('appends a run holding an event the log already has one event at a time, so the chain stays whole', async () => {
    const marker = randomUUID();
    const customerId = randomUUID();
    const envelopes = accessRecords(12, customerId, marker);
    // The sixth is in the log already (as after a redelivery to another inbox), linked at the tip.
    const already = envelopes[5];
    await db.transaction(async (m) => {
      const [{ hash: prev }] = await m.query(`SELECT hash FROM compliance.audit_tip FOR UPDATE`);
      await writeEntry(m, already, prev);
    });
    await publishRaw(customerId, envelopes);
    const rows: { event_id: string }[] = await waitFor(async () => {
      const found = await db.query(
        `SELECT event_id FROM compliance.audit_log WHERE canonical LIKE $1 ORDER BY seq`,
        [`%${marker}%`],
      );
      return found.length === envelopes.length ? found : undefined;
    });
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(envelopes.length);
    expect((await api.get('/audit/verify', officer)).body).toMatchObject({ ok: true });
  });

  it('refuses an entry that does not continue the chain from its tip, and does not move the tip to it', async () => {
    const [entry] = accessRecords(1, randomUUID(), randomUUID());
    const canonical = canonicalJson(entry);
    const stranger = 'f'.repeat(64);
    await expect(writeEntry(db, entry, stranger)).rejects.toThrow(/does not continue the chain from its tip/);
    expect(
      await db.query(`SELECT 1 FROM compliance.audit_log WHERE event_id = $1`, [entry.eventId]),
    ).toHaveLength(0);
    const [tip] = await db.query(`SELECT hash FROM compliance.audit_tip`);
    expect(tip.hash).not.toBe(entryHash(stranger, canonical));
  });

  it('holds every consumed event, verifies intact, and finds an edited and a deleted entry', async () => {
    const marker = randomUUID();
    await producer.event('customer.personal-data-accessed', randomUUID(), {
      ...eventFixtures['customer.personal-data-accessed'],
      customerId: randomUUID(),
      actor: marker,
    });
    const [row] = await waitFor(async () => {
      const rows = await db.query(`SELECT * FROM compliance.audit_log WHERE canonical LIKE $1`, [
        `%${marker}%`,
      ]);
      return rows.length ? rows : undefined;
    });
    expect(row.event_type).toBe('customer.personal-data-accessed');
    expect((await api.get('/audit/verify', officer)).body).toMatchObject({ ok: true });

    await db.query(
      `UPDATE compliance.audit_log SET canonical = replace(canonical, $2, 'someone-else') WHERE seq = $1`,
      [row.seq, marker],
    );
    expect((await api.get('/audit/verify', officer)).body).toMatchObject({
      ok: false,
      brokenAt: Number(row.seq),
      reason: 'edited',
    });
    await db.query(`UPDATE compliance.audit_log SET canonical = $2 WHERE seq = $1`, [row.seq, row.canonical]);

    const [previous] = await db.query(
      `SELECT * FROM compliance.audit_log WHERE seq < $1 ORDER BY seq DESC LIMIT 1`,
      [row.seq],
    );
    await db.query(`DELETE FROM compliance.audit_log WHERE seq = $1`, [previous.seq]);
    const verdict = (await api.get('/audit/verify', officer)).body;
    expect(verdict).toMatchObject({ ok: false, reason: 'deleted', brokenAt: Number(row.seq) });
    await db.query(
      `INSERT INTO compliance.audit_log (seq, event_id, topic, event_type, occurred_at, recorded_at, canonical, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        previous.seq,
        previous.event_id,
        previous.topic,
        previous.event_type,
        previous.occurred_at,
        previous.recorded_at,
        previous.canonical,
        previous.prev_hash,
        previous.hash,
      ],
    );
    expect((await api.get('/audit/verify', officer)).body).toMatchObject({ ok: true });
    // Writing that old entry back left the chain's tip at the newest entry: the next event chains onto it.
    const next = randomUUID();
    await producer.event('customer.personal-data-accessed', randomUUID(), {
      ...eventFixtures['customer.personal-data-accessed'],
      customerId: randomUUID(),
      actor: next,
    });
    await waitFor(async () => {
      const rows = await db.query(`SELECT 1 FROM compliance.audit_log WHERE canonical LIKE $1`, [
        `%${next}%`,
      ]);
      return rows.length > 0;
    });
    expect((await api.get('/audit/verify', officer)).body).toMatchObject({ ok: true });
  });
});
