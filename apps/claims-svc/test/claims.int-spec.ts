import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Topics, type ProductDefinition } from '@insurer/contracts';
import { eventFixtures, productFixture } from '@insurer/contracts/testing';
import { openText } from '@insurer/platform-crypto';
import { createKafka } from '@insurer/platform-messaging';
import type { StartedService } from '@insurer/platform-runtime';
import { HttpClient, TestProducer, startServiceUnderTest } from '@insurer/platform-test-harness';
import {
  TopicCollector,
  testEnvironment,
  tokenFor,
  waitFor,
  type CollectedMessage,
} from '@insurer/platform-testing';
import { ManualClock, addDays, addYears, daysBetween, shanghaiDate } from '@insurer/platform-time';
import type { ClaimsConfig } from '../src/claims-config';
import { DOCUMENT_CHECKLIST } from '../src/claim/domain/intake';
import { ReportClaimHandler, type ReportInput } from '../src/claim/application/report-claim.handler';
import { SealPayeeNamesHandler } from '../src/claim/application/seal-payee-names.handler';
import { SweepPayeeRetentionHandler } from '../src/claim/application/sweep-payee-retention.handler';
import { ClaimTimerJob } from '../src/claims.module';
import { service } from '../src/service';

const env = testEnvironment();
const kafka = createKafka({ clientId: 'claims-svc-test', brokers: env.kafkaBrokers.split(',') });
const clock = new ManualClock(new Date());
const startedAt = clock.now();
const suffix = randomUUID().slice(0, 6).toUpperCase();
const handler = tokenFor('claims_handler', 'h-1');
const handler2 = tokenFor('claims_handler', 'h-2');
const manager = tokenFor('claims_manager', 'm-1');

const life: ProductDefinition = {
  ...productFixture,
  productId: randomUUID(),
  productCode: `CL-LIFE-${suffix}`,
};
const medical: ProductDefinition = {
  ...productFixture,
  productId: randomUUID(),
  productCode: `CL-MED-${suffix}`,
  type: 'medical',
  isLife: false,
  coverages: [
    {
      code: 'HOSP',
      name: 'Hospital treatment',
      claimTypes: ['hospitalisation'],
      sumInsuredPercent: 100,
      waitingPeriodDays: 30,
      deductibleFen: 1_000_000,
      coPaymentPercent: 10,
      annualLimitFen: 200_000_000,
      exclusions: ['cosmetic treatment'],
    },
  ],
  cashValues: [],
};

let started: StartedService<ClaimsConfig>;
let api: HttpClient;
let events: TopicCollector;
let producer: TestProducer;
let db: DataSource;

const today = () => shanghaiDate(clock.now());
const payloadOf = (m: CollectedMessage) => (m.json as { payload: Record<string, unknown> })?.payload;
const ofType = (type: string, match: (p: Record<string, unknown>) => boolean) => (m: CollectedMessage) =>
  (m.json as { type?: string })?.type === type && match(payloadOf(m));
const sha = () => randomUUID().replace(/-/g, '').padEnd(64, '0');

async function timerStatus(claimId: string, kind: string): Promise<string | undefined> {
  const timers = (await api.get(`/claims/${claimId}/timeline`, manager)).body.timers as {
    kind: string;
    status: string;
  }[];
  return timers.find((t) => t.kind === kind)?.status;
}

async function startClaims() {
  started = await startServiceUnderTest(service, { clock, env: { CLAIM_TIMER_SWEEP_MS: '200' } });
  api = new HttpClient(started.url);
}

/** Plays contract-svc: a policy in force since `daysAgo` days. */
async function policy(
  product: ProductDefinition,
  daysAgo = 200,
  sumInsuredFen = product.isLife ? 50_000_000 : 200_000_000,
  parties: Record<string, unknown> = {},
) {
  const policyId = randomUUID();
  const insuredId = randomUUID();
  const effectiveDate = addDays(today(), -daysAgo);
  await producer.event('contract.policy-issued', policyId, {
    ...eventFixtures['contract.policy-issued'],
    policyId,
    policyholderId: insuredId,
    insuredId,
    ...parties,
    payerId: insuredId,
    productCode: product.productCode,
    productVersion: 1,
    productType: product.type,
    isLife: product.isLife,
    sumInsuredFen,
    effectiveDate,
    expiryDate: addDays(addYears(effectiveDate, product.isLife ? 20 : 1), -1),
  });
  await waitFor(
    async () =>
      (await db.query(`SELECT 1 FROM claims.policy_replica WHERE policy_id = $1`, [policyId])).length > 0,
    {
      description: 'the policy replica',
    },
  );
  return { policyId, insuredId };
}

function claimBody(p: { policyId: string; insuredId: string }, overrides: Record<string, unknown> = {}) {
  return {
    policyId: p.policyId,
    insuredId: p.insuredId,
    claimType: 'hospitalisation',
    eventDate: addDays(today(), -10),
    description: 'appendicitis, 5 days in hospital',
    amountClaimedFen: 3_000_000,
    payee: { name: '张三', bankAccount: '6222020200112233445', relationship: 'self' },
    ...overrides,
  };
}

const allDocuments = (type: keyof typeof DOCUMENT_CHECKLIST) =>
  DOCUMENT_CHECKLIST[type].map((kind) => ({
    kind,
    reference: `dms://${kind}/${randomUUID()}`,
    sha256: sha(),
  }));

beforeAll(async () => {
  db = await new DataSource({ type: 'postgres', url: env.databaseUrl }).initialize();
  await startClaims();
  events = await new TopicCollector(kafka, [Topics.CLAIMS_EVENTS]).start();
  producer = await new TestProducer(kafka).start();
  for (const product of [life, medical]) {
    await producer.event('sales.product-published', product.productCode, {
      product,
      publishedAt: clock.now().toISOString(),
    });
  }
  await waitFor(
    async () =>
      (
        await db.query(`SELECT 1 FROM claims.product_replica WHERE product_code IN ($1, $2)`, [
          life.productCode,
          medical.productCode,
        ])
      ).length === 2,
    {
      description: 'the product replicas',
    },
  );
});

afterAll(async () => {
  await producer?.stop();
  await events?.stop();
  await started?.app.close();
  await db?.destroy();
});

afterEach(() => clock.set(startedAt));

describe('intake against the replicas built from events', () => {
  it('refuses, each with its rule, a claim on an unknown policy, inside the waiting period, not covered, or time-barred', async () => {
    const unknown = await api.post(
      '/claims',
      claimBody({ policyId: randomUUID(), insuredId: randomUUID() }),
      handler,
    );
    expect(unknown.body.reasons).toEqual([expect.objectContaining({ code: 'CLAIM.POLICY_UNKNOWN' })]);

    const fresh = await policy(medical, 20);
    const waiting = await api.post('/claims', claimBody(fresh, { eventDate: addDays(today(), -1) }), handler);
    expect(waiting.status).toBe(422);
    expect(waiting.body.reasons).toEqual([expect.objectContaining({ code: 'CLAIM.WAITING_PERIOD' })]);

    const lifePolicy = await policy(life);
    const notCovered = await api.post('/claims', claimBody(lifePolicy), handler);
    expect(notCovered.body.reasons).toEqual([expect.objectContaining({ code: 'CLAIM.NOT_COVERED' })]);

    const old = await policy(medical, 1200);
    const barred = await api.post('/claims', claimBody(old, { eventDate: addDays(today(), -1100) }), handler);
    expect(barred.body.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'CLAIM.TIME_BARRED', source: 'Insurance Law Art. 26' }),
      ]),
    );
  });

  it('refuses an event while the policy was suspended, from the lapse and reinstatement events', async () => {
    const p = await policy(medical, 300);
    await producer.event('contract.policy-lapsed', p.policyId, {
      policyId: p.policyId,
      dueOn: addDays(today(), -120),
      graceEndedOn: addDays(today(), -60),
      reinstatableUntil: addYears(today(), 2),
    });
    await producer.event('contract.policy-reinstated', p.policyId, {
      policyId: p.policyId,
      arrearsPaidFen: 1000,
      reinstatedOn: addDays(today(), -20),
    });
    await waitFor(async () => {
      const [row] = await db.query(`SELECT suspensions FROM claims.policy_replica WHERE policy_id = $1`, [
        p.policyId,
      ]);
      return row?.suspensions.length === 1 && row.suspensions[0].to !== null;
    });
    const during = await api.post('/claims', claimBody(p, { eventDate: addDays(today(), -30) }), handler);
    expect(during.body.reasons).toEqual([expect.objectContaining({ code: 'CLAIM.POLICY_NOT_IN_FORCE' })]);
    expect(
      (await api.post('/claims', claimBody(p, { eventDate: addDays(today(), -5) }), handler)).status,
    ).toBe(201);
  });
});

describe('a claim from report to payment', () => {
  it('requests every missing document once, assesses, approves within authority and pays, with its events', async () => {
    const p = await policy(medical);
    const reported = await api.post('/claims', claimBody(p), handler);
    expect(reported.status).toBe(201);
    expect(reported.body.payeeAccount).toBe('****3445');
    const claimId = reported.body.claimId as string;
    const [requested] = await events.waitFor(
      ofType('claims.documents-requested', (x) => x.claimId === claimId),
    );
    // The hospitalisation checklist, as the product's claim guide lists it.
    const checklist = ['claim_form', 'invoice', 'expense_list', 'discharge_summary', 'insured_id'];
    expect(payloadOf(requested).missing).toEqual(checklist);

    const docs = allDocuments('hospitalisation');
    const partial = await api.post(`/claims/${claimId}/documents`, { documents: docs.slice(0, 2) }, handler);
    expect(partial.body).toMatchObject({
      status: 'documents_requested',
      missing: ['expense_list', 'discharge_summary', 'insured_id'],
    });
    // The claimant's notice names what is still missing, in their language.
    const noticeZh = await api.get(`/claims/${claimId}/notice`, handler);
    expect(noticeZh.status).toBe(200);
    expect(noticeZh.headers.get('content-language')).toBe('zh-CN');
    expect(noticeZh.body).toMatchObject({
      kind: 'missing_documents',
      locale: 'zh-CN',
      items: ['expense_list', 'discharge_summary', 'insured_id'],
    });
    expect(noticeZh.body.body).toContain('费用明细清单、出院小结和被保险人身份证件');
    const noticeEn = await api.request('GET', `/claims/${claimId}/notice`, {
      token: handler,
      headers: { 'accept-language': 'en' },
    });
    expect(noticeEn.body.body).toContain(
      'the itemised expense list, the discharge summary, and the insured’s ID',
    );
    const complete = await api.post(`/claims/${claimId}/documents`, { documents: docs.slice(2) }, handler);
    expect(complete.body).toMatchObject({ status: 'documents_complete', missing: [] });
    const [completed] = await events.waitFor(
      ofType('claims.documents-completed', (x) => x.claimId === claimId),
    );
    expect(payloadOf(completed).decisionDueOn).toBe(addDays(today(), 30));

    const assessed = await api.post(`/claims/${claimId}/assessment`, {}, handler);
    expect(assessed.body.assessment).toMatchObject({
      payableFen: 1_800_000,
      fraudScore: 0,
      referredToInvestigation: false,
    });
    const own = await api.post(`/claims/${claimId}/decision`, { decision: 'approve' }, handler);
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('CLAIM.FOUR_EYES');
    const approved = await api.post(`/claims/${claimId}/decision`, { decision: 'approve' }, handler2);
    expect(approved.status).toBe(200);
    const [approval] = await events.waitFor(ofType('claims.claim-approved', (x) => x.claimId === claimId));
    expect(payloadOf(approval)).toMatchObject({
      approvedFen: 1_800_000,
      authorityLevel: 'handler',
      paymentDueOn: addDays(today(), 10),
    });

    const paid = await api.post(
      `/claims/${claimId}/payment`,
      { paidAt: clock.now().toISOString(), bankReference: 'CNAPS-1' },
      manager,
    );
    expect(paid.status).toBe(200);
    const [payment] = await events.waitFor(ofType('claims.claim-paid', (x) => x.claimId === claimId));
    expect(payloadOf(payment)).toMatchObject({
      amountFen: 1_800_000,
      advance: false,
      terminatesPolicy: false,
      payeeIsInsuredOrBeneficiary: true,
    });
    expect(events.matching(ofType('claims.documents-requested', (x) => x.claimId === claimId))).toHaveLength(
      1,
    );

    const timeline = await api.get(`/claims/${claimId}/timeline`, manager);
    expect(timeline.body.history.map((h: { action: string }) => h.action)).toEqual([
      'reported',
      'documents_submitted',
      'documents_submitted',
      'assessed',
      'approved',
      'paid',
    ]);
    expect(timeline.body.timers.map((t: { kind: string; status: string }) => [t.kind, t.status])).toEqual(
      expect.arrayContaining([
        ['decision', 'met'],
        ['payment', 'met'],
        ['advance_payment', 'cancelled'],
      ]),
    );
  });

  it('needs a manager for a death claim above the handler limit, and ends the policy on payment', async () => {
    const p = await policy(life);
    const reported = await api.post(
      '/claims',
      claimBody(p, {
        claimType: 'death',
        amountClaimedFen: 50_000_000,
        payee: { name: '李四', bankAccount: '6222020200998877665', relationship: 'beneficiary' },
      }),
      handler,
    );
    const claimId = reported.body.claimId as string;
    await api.post(`/claims/${claimId}/documents`, { documents: allDocuments('death') }, handler);
    expect((await api.post(`/claims/${claimId}/assessment`, {}, handler)).body.assessment.payableFen).toBe(
      50_000_000,
    );
    const tooLow = await api.post(`/claims/${claimId}/decision`, { decision: 'approve' }, handler2);
    expect(tooLow.body).toMatchObject({ code: 'CLAIM.AUTHORITY' });
    expect((await api.post(`/claims/${claimId}/decision`, { decision: 'approve' }, manager)).status).toBe(
      200,
    );
    await api.post(
      `/claims/${claimId}/payment`,
      { paidAt: clock.now().toISOString(), bankReference: 'CNAPS-2' },
      manager,
    );
    const [paid] = await events.waitFor(ofType('claims.claim-paid', (x) => x.claimId === claimId));
    expect(payloadOf(paid)).toMatchObject({ terminatesPolicy: true, claimType: 'death' });
  });

  it('takes a death claim from a named beneficiary and splits the benefit by the beneficiaries’ shares', async () => {
    const [daughter, son, holder] = [randomUUID(), randomUUID(), randomUUID()];
    const beneficiaries = [
      { name: '王女', relationship: 'child', sharePercent: 60, customerId: daughter },
      { name: '王子', relationship: 'child', sharePercent: 40, customerId: son },
    ];
    const p = await policy(life, 900, 30_000_001, { policyholderId: holder, beneficiaries });
    const death = claimBody(p, {
      claimType: 'death',
      causeOfDeath: 'illness',
      amountClaimedFen: 30_000_001,
      payee: { name: '王女', bankAccount: '6222020200998877665', relationship: 'beneficiary' },
    });
    // The insured's own token cannot report their death; a stranger cannot; a named beneficiary can.
    const stranger = tokenFor('customer', 'stranger', randomUUID());
    expect((await api.post('/claims', death, stranger)).status).toBe(403);
    const asDaughter = tokenFor('customer', 'daughter', daughter);
    const reported = await api.post('/claims', death, asDaughter);
    expect(reported.status).toBe(201);
    expect(reported.body).toMatchObject({ causeOfDeath: 'illness', beneficiaries });
    const claimId = reported.body.claimId as string;
    // The other beneficiary sees the claim too.
    const asSon = tokenFor('customer', 'son', son);
    expect((await api.get('/claims', asSon)).body).toEqual([expect.objectContaining({ claimId })]);

    await api.post(`/claims/${claimId}/documents`, { documents: allDocuments('death') }, handler);
    await api.post(`/claims/${claimId}/assessment`, {}, handler);
    expect((await api.post(`/claims/${claimId}/decision`, { decision: 'approve' }, manager)).status).toBe(
      200,
    );
    const [approved] = await events.waitFor(ofType('claims.claim-approved', (x) => x.claimId === claimId));
    // 300,000.01 yuan: 60% is 180,000.006 and 40% 120,000.004; the odd fen goes to the larger remainder.
    expect(payloadOf(approved).beneficiaryShares).toEqual([
      { name: '王女', customerId: daughter, sharePercent: 60, amountFen: 18_000_001 },
      { name: '王子', customerId: son, sharePercent: 40, amountFen: 12_000_000 },
    ]);
  });

  it('takes a death claim from the policyholder the policy has passed to, not from the one before', async () => {
    const [before, after] = [randomUUID(), randomUUID()];
    const p = await policy(life, 900, 50_000_000, { policyholderId: before, insuredRelationship: 'child' });
    await producer.event('contract.policyholder-changed', p.policyId, {
      ...eventFixtures['contract.policyholder-changed'],
      policyId: p.policyId,
      previousPolicyholderId: before,
      policyholderId: after,
      payerId: after,
      insuredRelationship: 'child',
      effectiveDate: today(),
    });
    await waitFor(
      async () =>
        (
          await db.query(
            `SELECT 1 FROM claims.policy_replica WHERE policy_id = $1 AND policyholder_id = $2`,
            [p.policyId, after],
          )
        ).length === 1,
      { description: 'the replica’s new policyholder' },
    );
    const death = claimBody(p, {
      claimType: 'death',
      causeOfDeath: 'illness',
      amountClaimedFen: 50_000_000,
      payee: { name: '王母', bankAccount: '6222020200998877665', relationship: 'policyholder' },
    });
    expect((await api.post('/claims', death, tokenFor('customer', 'b', before))).status).toBe(403);
    expect((await api.post('/claims', death, tokenFor('customer', 'a', after))).status).toBe(201);
  });

  it('refuses a death claim for suicide within 2 years of formation, and takes it from the day after (Art. 44)', async () => {
    const twoYearsAgo = addYears(today(), -2);
    const recent = await policy(life, 400);
    const suicide = (p: { policyId: string; insuredId: string }, eventDate: string) =>
      claimBody(p, {
        claimType: 'death',
        causeOfDeath: 'suicide',
        eventDate,
        amountClaimedFen: 50_000_000,
        payee: { name: '李四', bankAccount: '6222020200998877665', relationship: 'beneficiary' },
      });
    const refused = await api.post('/claims', suicide(recent, addDays(today(), -5)), handler);
    expect(refused.status).toBe(422);
    expect(refused.body.reasons).toEqual([
      expect.objectContaining({ code: 'CLAIM.SUICIDE_EXCLUSION', source: 'Insurance Law Art. 44' }),
    ]);
    // Formed on (two years ago - 10 days): the last excluded day is 11 days ago, the first covered 10 days ago.
    const older = await policy(life, daysBetween(addDays(twoYearsAgo, -10), today()));
    const lastDay = await api.post('/claims', suicide(older, addDays(today(), -11)), handler);
    expect(lastDay.body.reasons).toEqual([expect.objectContaining({ code: 'CLAIM.SUICIDE_EXCLUSION' })]);
    const taken = await api.post('/claims', suicide(older, addDays(today(), -10)), handler);
    expect(taken.status).toBe(201);
  });

  it('rejects with reasons and records the rejection notice inside its 3 days', async () => {
    const p = await policy(medical);
    const claimId = (await api.post('/claims', claimBody(p), handler)).body.claimId as string;
    await api.post(`/claims/${claimId}/documents`, { documents: allDocuments('hospitalisation') }, handler);
    await api.post(`/claims/${claimId}/assessment`, {}, handler);
    const reasons = [{ code: 'CLAIM.EXCLUSION', message: 'cosmetic treatment is excluded' }];
    const rejected = await api.post(`/claims/${claimId}/decision`, { decision: 'reject', reasons }, handler2);
    expect(rejected.status).toBe(200);
    const [decision] = await events.waitFor(ofType('claims.claim-rejected', (x) => x.claimId === claimId));
    expect(payloadOf(decision)).toMatchObject({ reasons, noticeDueOn: addDays(today(), 3) });
    clock.advanceDays(2);
    expect((await api.post(`/claims/${claimId}/rejection-notice`, {}, handler2)).status).toBe(200);
    const [notice] = await events.waitFor(
      ofType('claims.rejection-notice-sent', (x) => x.claimId === claimId),
    );
    expect(payloadOf(notice)).toMatchObject({ reasons, withinDeadline: true });
    const letter = await api.request('GET', `/claims/${claimId}/notice`, {
      token: handler2,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(letter.body).toMatchObject({ kind: 'rejection', items: ['CLAIM.EXCLUSION'] });
    expect(letter.body.body).toContain('事故属于合同约定的责任免除情形（cosmetic treatment is excluded）');
    const letterEn = await api.request('GET', `/claims/${claimId}/notice`, {
      token: handler2,
      headers: { 'accept-language': 'en' },
    });
    expect(letterEn.body.subject).toBe(`Notice of rejection of your claim ${claimId}`);
    const reopened = await api.post(
      `/claims/${claimId}/reopen`,
      { reason: 'appeal with the surgeon’s letter' },
      manager,
    );
    expect(reopened.body.status).toBe('documents_complete');
    await events.waitFor(ofType('claims.claim-reopened', (x) => x.claimId === claimId));
  });
});

describe('statutory timers', () => {
  it('keeps the decision timer across a restart: it warns, then reports the breach after day 30', async () => {
    const p = await policy(medical);
    const claimId = (await api.post('/claims', claimBody(p), handler)).body.claimId as string;
    await api.post(`/claims/${claimId}/documents`, { documents: allDocuments('hospitalisation') }, handler);
    const due = addDays(today(), 30);

    await started.app.close();
    clock.advanceDays(26);
    await startClaims();
    const [warning] = await events.waitFor(ofType('claims.deadline-warning', (x) => x.claimId === claimId));
    expect(payloadOf(warning)).toMatchObject({ timer: 'decision', dueOn: due });

    await started.app.close();
    clock.advanceDays(4);
    await startClaims();
    // Day 30 is the last day: a sweep then breaches nothing.
    await started.app.get(ClaimTimerJob).job.runNow();
    expect(await timerStatus(claimId, 'decision')).not.toBe('breached');

    clock.advanceDays(1);
    await started.app.get(ClaimTimerJob).job.runNow();
    const [breach] = await events.waitFor(ofType('claims.deadline-breached', (x) => x.claimId === claimId));
    expect(payloadOf(breach)).toMatchObject({ timer: 'decision', dueOn: due });
    expect(await timerStatus(claimId, 'decision')).toBe('breached');
    // Another sweep, then an event on the claim's key: every event the sweeps wrote before it is in by then.
    await started.app.get(ClaimTimerJob).job.runNow();
    await api.post(`/claims/${claimId}/assessment`, {}, handler);
    await events.waitFor(ofType('claims.claim-assessed', (x) => x.claimId === claimId));
    expect(events.matching(ofType('claims.deadline-breached', (x) => x.claimId === claimId))).toHaveLength(1);
  });
});

describe('advance payment and late payment', () => {
  it('pays the determinable part ahead once 60 days pass undecided, and accrues exposure per day a payment is late', async () => {
    const p = await policy(medical);
    const claimId = (await api.post('/claims', claimBody(p), handler)).body.claimId as string;
    await api.post(`/claims/${claimId}/documents`, { documents: allDocuments('hospitalisation') }, handler);
    await api.post(`/claims/${claimId}/assessment`, {}, handler);
    // Day 60 undecided is not yet late; day 61 is.
    clock.advanceDays(60);
    await started.app.get(ClaimTimerJob).job.runNow();
    expect(await timerStatus(claimId, 'advance_payment')).not.toBe('breached');
    clock.advanceDays(1);
    await started.app.get(ClaimTimerJob).job.runNow();
    await events.waitFor(
      ofType('claims.deadline-breached', (x) => x.claimId === claimId && x.timer === 'advance_payment'),
    );
    const advance = await api.post(`/claims/${claimId}/advance-payment`, { amountFen: 1_000_000 }, manager);
    expect(advance.status).toBe(200);
    await events.waitFor(
      ofType(
        'claims.claim-paid',
        (x) => x.claimId === claimId && x.advance === true && x.amountFen === 1_000_000,
      ),
    );

    await api.post(`/claims/${claimId}/decision`, { decision: 'approve' }, handler2);
    clock.advanceDays(12); // 10 days to pay, so 2 days late
    await started.app.get(ClaimTimerJob).job.runNow();
    await events.waitFor(
      ofType('claims.deadline-breached', (x) => x.claimId === claimId && x.timer === 'payment'),
    );
    const timeline = await api.get(`/claims/${claimId}/timeline`, manager);
    const payment = timeline.body.timers.find((t: { kind: string }) => t.kind === 'payment');
    // The 8,000 yuan still owed at 3% a year for 2 days: 800,000 x 0.03 x 2 / 365 = 131 fen.
    expect(payment).toMatchObject({ status: 'breached', lateExposureFen: 131 });
    const paid = await api.post(
      `/claims/${claimId}/payment`,
      { paidAt: clock.now().toISOString(), bankReference: 'CNAPS-3' },
      manager,
    );
    expect(paid.body.paidFen).toBe(1_800_000);
  });
});

describe('claim administrators on claims.commands.v1', () => {
  it('reports a claim and submits its documents by command, and gets a rejection with the rule when refused', async () => {
    const p = await policy(medical);
    const commandId = await producer.command('claims.report-claim', claimBody(p) as never, 'tpa-1');
    const [reported] = await events.waitFor(
      (m) =>
        (m.json as { type?: string; correlationId?: string })?.type === 'claims.claim-reported' &&
        (m.json as { correlationId: string })?.correlationId === commandId,
    );
    const claimId = payloadOf(reported).claimId as string;
    await producer.command(
      'claims.submit-claim-documents',
      { claimId, documents: allDocuments('hospitalisation') },
      'tpa-1',
    );
    await events.waitFor(ofType('claims.documents-completed', (x) => x.claimId === claimId));

    const fresh = await policy(medical, 5);
    const refusedId = await producer.command(
      'claims.report-claim',
      claimBody(fresh, { eventDate: addDays(today(), -1) }) as never,
      'tpa-1',
    );
    const [rejected] = await events.waitFor(
      ofType('claims.command-rejected', (x) => x.commandId === refusedId),
    );
    expect(payloadOf(rejected)).toMatchObject({
      issuer: 'tpa-1',
      reasons: [{ code: 'CLAIM.WAITING_PERIOD', pointer: '/payload/eventDate' }],
    });
  });
});

describe('the customer view', () => {
  it("shows customers their own claims with the account masked, and never another's", async () => {
    const p = await policy(medical);
    const claimId = (await api.post('/claims', claimBody(p), handler)).body.claimId as string;
    const own = await api.get(`/claims/${claimId}`, tokenFor('customer', 'c-1', p.insuredId));
    expect(own.status).toBe(200);
    expect(own.body.payeeAccount).toBe('****3445');
    const [row] = await db.query(
      `SELECT payee_account::text AS sealed FROM claims.claim WHERE claim_id = $1`,
      [claimId],
    );
    expect(row.sealed).not.toContain('6222020200112233445');
    expect((await api.get(`/claims/${claimId}`, tokenFor('customer', 'c-2', randomUUID()))).status).toBe(403);
    const mine = await api.get('/claims', tokenFor('customer', 'c-1', p.insuredId));
    expect(mine.body.map((c: { claimId: string }) => c.claimId)).toEqual([claimId]);
  });

  it("shreds an erased customer's payee data on the day its retention ends, keeping the masked display", async () => {
    const p = await policy(medical);
    const claimId = (await api.post('/claims', claimBody(p), handler)).body.claimId as string;
    await api.post(`/claims/${claimId}/documents`, { documents: allDocuments('hospitalisation') }, handler);
    await api.post(`/claims/${claimId}/assessment`, {}, handler);
    const reasons = [{ code: 'CLAIM.EXCLUSION', message: 'cosmetic treatment is excluded' }];
    expect(
      (await api.post(`/claims/${claimId}/decision`, { decision: 'reject', reasons }, handler2)).status,
    ).toBe(200);
    await producer.event('customer.processing-restricted', p.insuredId, {
      customerId: p.insuredId,
      restrictedAt: clock.now().toISOString(),
      retainedUntil: null,
      grounds: [{ rule: 'RETENTION.INSURANCE_RECORDS', source: 'Insurance Law Art. 87', until: null }],
    });
    await producer.event('contract.policy-terminated', p.policyId, {
      ...eventFixtures['contract.policy-terminated'],
      policyId: p.policyId,
      terminatedOn: today(),
    });
    const row = async () =>
      (
        await db.query(
          `SELECT payee_account IS NULL AS account_gone, payee_name_sealed IS NULL AS name_gone
             FROM claims.claim WHERE claim_id = $1`,
          [claimId],
        )
      )[0];
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM claims.erasure_request WHERE customer_id = $1`, [p.insuredId]))
          .length === 1 &&
        (await db.query(`SELECT ended_on FROM claims.policy_replica WHERE policy_id = $1`, [p.policyId]))[0]
          ?.ended_on !== null,
      { description: 'the erasure request and the end of the policy' },
    );
    // A one-year contract: 5 years after its end (Art. 87); the AML period, 10 years after the rejection, is later.
    const until = addYears(today(), 10);
    const sweep = started.app.get(SweepPayeeRetentionHandler);
    const start = clock.now();
    try {
      await sweep.execute(10);
      expect(await row()).toEqual({ account_gone: false, name_gone: false });
      clock.set(`${addDays(until, -1)}T12:00:00+08:00`);
      // Ten years on, the service's timer job (every 200 ms here) breaches the claim's open statutory timers, locking
      // the claim while it does; the sweep skips a locked claim (a later run takes it), so it runs once they settle.
      await waitFor(
        async () =>
          (
            await db.query(
              `SELECT count(*)::int AS open FROM claims.claim_timer
                WHERE claim_id = $1 AND status IN ('pending', 'warned')`,
              [claimId],
            )
          )[0].open === 0,
        { description: "the claim's statutory timers to settle at the new date" },
      );
      await sweep.execute(10);
      expect(await row()).toEqual({ account_gone: false, name_gone: false });
      clock.set(`${until}T00:30:00+08:00`);
      expect((await sweep.execute(10)).shredded).toBeGreaterThanOrEqual(1);
      expect(await row()).toEqual({ account_gone: true, name_gone: true });
    } finally {
      clock.set(start);
    }
    const view = await api.get(`/claims/${claimId}`, handler);
    expect(view.body).toMatchObject({ payeeAccount: '****3445', payeeName: '张*' });
    expect(view.body.payeeShreddedAt).toEqual(expect.any(String));
  });

  it("seals the payee's name with the account: the row and the view keep only the surname", async () => {
    const p = await policy(medical);
    const reported = await api.post('/claims', claimBody(p), handler);
    const claimId = reported.body.claimId as string;
    expect(reported.body.payeeName).toBe('张*');
    expect(reported.body).not.toHaveProperty('payeeNameSealed');
    const [row] = await db.query(
      `SELECT payee_name, payee_name_sealed FROM claims.claim WHERE claim_id = $1`,
      [claimId],
    );
    expect(row.payee_name).toBe('张*');
    expect(
      openText(started.config.CLAIMS_DATA_KEY, row.payee_name_sealed, `claim:${claimId}:payee-name`),
    ).toBe('张三');
    expect(row.payee_name_sealed.toString('utf8')).not.toContain('张三');

    // A row from before names were sealed: the start-up step seals it, and a second run finds nothing left.
    await db.query(
      `UPDATE claims.claim SET payee_name = '李四', payee_name_sealed = NULL WHERE claim_id = $1`,
      [claimId],
    );
    const sealing = started.app.get(SealPayeeNamesHandler);
    expect(await sealing.execute()).toBeGreaterThanOrEqual(1);
    expect(await sealing.execute()).toBe(0);
    const [after] = await db.query(
      `SELECT payee_name, payee_name_sealed FROM claims.claim WHERE claim_id = $1`,
      [claimId],
    );
    expect(after.payee_name).toBe('李*');
    expect(
      openText(started.config.CLAIMS_DATA_KEY, after.payee_name_sealed, `claim:${claimId}:payee-name`),
    ).toBe('李四');
    const [clear] = await db.query(
      `SELECT count(*)::int AS n FROM claims.claim WHERE payee_name_sealed IS NULL`,
    );
    expect(clear.n).toBe(0);
  });
});

describe('the write path', () => {
  it('reports a claim in two round trips: the policy read with BEGIN, then the claim, its history and its events with COMMIT', async () => {
    const p = await policy(medical);
    // The product version's terms are read once per process; the first report reads them.
    expect((await api.post('/claims', claimBody(p), handler)).status).toBe(201);
    const dataSource = started.app.get(DataSource);
    const report = started.app.get(ReportClaimHandler);
    let roundTrips = 0;
    const count = () => {
      roundTrips += 1;
    };
    let connection: NodeJS.EventEmitter | undefined;
    const view = await dataSource.transaction(async (m) => {
      // The transaction's own connection (taken now, before anything is sent on it): Postgres answers each round
      // trip with one ReadyForQuery.
      const client = (await m.queryRunner!.connect()) as { connection: NodeJS.EventEmitter };
      connection = client.connection;
      connection.on('readyForQuery', count);
      return report.execute(claimBody(p) as ReportInput, { sub: 'h-1', roles: ['claims_handler'] }, m);
    });
    connection?.off('readyForQuery', count);
    expect(roundTrips).toBe(2);
    const history = await db.query(`SELECT action FROM claims.claim_history WHERE claim_id = $1`, [
      view.claimId,
    ]);
    expect(history.map((h: { action: string }) => h.action)).toEqual(['reported']);
    const outbox = await db.query(`SELECT event_type FROM claims.outbox WHERE message_key = $1 ORDER BY id`, [
      view.claimId,
    ]);
    expect(outbox.map((o: { event_type: string }) => o.event_type)).toEqual([
      'claims.claim-reported',
      'claims.documents-requested',
    ]);
  });
});
