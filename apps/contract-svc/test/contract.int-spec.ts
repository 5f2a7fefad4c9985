import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Topics, type EventPayload } from '@insurer/contracts';
import { eventFixtures, productFixture } from '@insurer/contracts/testing';
import { createKafka } from '@insurer/platform-messaging';
import type { StartedService } from '@insurer/platform-runtime';
import { HttpClient, TestProducer, startServiceUnderTest } from '@insurer/platform-test-harness';
import {
  TopicCollector,
  heldRequests,
  testEnvironment,
  tokenFor,
  waitFor,
  type CollectedMessage,
} from '@insurer/platform-testing';
import { ManualClock, addDays, addYears, endOfShanghaiDay, shanghaiDate } from '@insurer/platform-time';
import type { ContractConfig } from '../src/contract-config';
import { PremiumCalendarJob } from '../src/contract.module';
import { isValidPolicyNumber } from '../src/policy/domain/policy-number';
import { service } from '../src/service';

const env = testEnvironment();
const kafka = createKafka({ clientId: 'contract-svc-test', brokers: env.kafkaBrokers.split(',') });
const clock = new ManualClock(new Date());
const startedAt = clock.now();
const underwriter = tokenFor('underwriter', 'uw-7');
const payments = tokenFor('integrator', 'payment-gateway');
const rep = tokenFor('service_rep', 'rep-2');
const productCode = `TLX${randomUUID().slice(0, 6).toUpperCase()}`;
/** A single-premium savings product that lends up to 80% of its cash value (no renewals, so no lapse in the test). */
const loanProductCode = `WLX${randomUUID().slice(0, 6).toUpperCase()}`;
const benefitProductCode = `ANX${randomUUID().slice(0, 6).toUpperCase()}`;
/** The term life product open to children (from birth), for a parent's policy on a minor. */
const childProductCode = `TLC${randomUUID().slice(0, 6).toUpperCase()}`;

let started: StartedService<ContractConfig>;
let api: HttpClient;
let events: TopicCollector;
let producer: TestProducer;
let db: DataSource;

const today = () => shanghaiDate(clock.now());
const payloadOf = (m: CollectedMessage) => (m.json as { payload: Record<string, unknown> })?.payload;
const ofType = (type: string, match: (p: Record<string, unknown>) => boolean) => (m: CollectedMessage) =>
  (m.json as { type?: string })?.type === type && match(payloadOf(m));
const count = (type: string, match: (p: Record<string, unknown>) => boolean) =>
  events.matching(ofType(type, match)).length;

/**
 * Makes contract-svc publish one more event on the policy's key (a beneficiary endorsement) and waits for it: the relay
 * publishes in outbox order and a partition is read in order, so every event it wrote for the policy before is in by
 * then, late duplicates included. Counting before that would miss a duplicate still on its way.
 */
async function awaitMarker(policyId: string): Promise<void> {
  const marker = await api.post(
    `/policies/${policyId}/endorsements`,
    {
      kind: 'beneficiary',
      effectiveDate: today(),
      beneficiaries: [{ name: 'Marker', relationship: 'child', sharePercent: 100 }],
    },
    rep,
  );
  expect(marker.status).toBe(201);
  const version = marker.body.version as number;
  await events.waitFor(
    ofType('contract.policy-endorsed', (p) => p.policyId === policyId && p.policyVersion === version),
  );
}

/** Plays customer-svc: a customer registered with their birth date, and waits until contract-svc knows them. */
async function register(
  customerId: string,
  facts: Partial<EventPayload<'customer.customer-registered'>>,
  verified = true,
) {
  await producer.event('customer.customer-registered', customerId, {
    ...eventFixtures['customer.customer-registered'],
    customerId,
    ...facts,
  });
  if (verified) await verify(customerId);
  else await knownAs(customerId, false);
}

/** Plays customer-svc verifying a customer's identity, and waits until contract-svc holds them verified. */
async function verify(customerId: string) {
  await producer.event('customer.identity-verified', customerId, {
    ...eventFixtures['customer.identity-verified'],
    customerId,
  });
  await knownAs(customerId, true);
}

async function knownAs(customerId: string, verified: boolean) {
  await waitFor(
    async () =>
      (
        await db.query(
          `SELECT 1 FROM contract.party_replica WHERE customer_id = $1 AND identity_verified = $2`,
          [customerId, verified],
        )
      ).length > 0,
    { timeoutMs: 15_000, description: `contract-svc to know customer ${customerId} (verified: ${verified})` },
  );
}

/** Plays sales-svc: an application for 500,000 yuan of 20-year term life for a 30-year-old man. */
async function apply(overrides: Record<string, unknown> = {}) {
  const { applicationId, customerId, submitted } = application(overrides);
  await producer.event('sales.application-submitted', applicationId, submitted);
  const [decided] = await events.waitFor(
    ofType('contract.underwriting-decided', (p) => p.applicationId === applicationId),
  );
  return { applicationId, customerId, submitted, decision: payloadOf(decided) };
}

/** The application `apply` submits, not sent yet. */
function application(overrides: Record<string, unknown> = {}) {
  const applicationId = randomUUID();
  const customerId = randomUUID();
  const submitted: EventPayload<'sales.application-submitted'> = {
    ...eventFixtures['sales.application-submitted'],
    applicationId,
    quoteId: randomUUID(),
    policyholderId: customerId,
    insuredId: customerId,
    payerId: customerId,
    payerRelationship: 'self',
    productCode,
    productVersion: 1,
    productRiskGrade: 'R1',
    sumInsuredFen: 50_000_000,
    premiumFen: 88_500,
    paymentMode: 'annual',
    paymentTermYears: 20,
    coverageTermYears: 20,
    insuredAge: 30,
    insuredGender: 'male',
    occupationClass: 1,
    annualIncomeFen: 30_000_000,
    bmi: 22.9,
    declaredConditions: [],
    identityVerified: true,
    dualRecordingRequired: false,
    dualRecording: null,
    beneficiaries: [{ name: '配偶', relationship: 'spouse', sharePercent: 100 }],
    ...overrides,
  };
  return { applicationId, customerId, submitted };
}

async function issue(overrides: Record<string, unknown> = {}) {
  const { applicationId, customerId, decision } = await apply(overrides);
  expect(decision.decision).toBe('accept');
  const confirmed = await api.post(
    `/policies/offers/${applicationId}/confirmation`,
    { signedBy: customerId, signedAt: clock.now().toISOString(), sha256: 'a'.repeat(64) },
    tokenFor('customer', 'c', customerId),
  );
  expect(confirmed.status).toBe(200);
  expect(confirmed.body).toMatchObject({ confirmed: true, paid: false, policy: null });
  const paid = await api.post(
    '/premiums/first',
    {
      applicationId,
      amountFen: 88_500,
      paidAt: clock.now().toISOString(),
      method: 'bank_transfer',
      payerId: customerId,
      payerType: 'individual',
    },
    payments,
  );
  expect(paid.status).toBe(201);
  return { applicationId, customerId, policy: paid.body.policy as Record<string, string & number> };
}

beforeAll(async () => {
  db = await new DataSource({ type: 'postgres', url: env.databaseUrl }).initialize();
  started = await startServiceUnderTest(service, { clock, env: { PREMIUM_SWEEP_MS: '200' } });
  api = new HttpClient(started.url);
  events = await new TopicCollector(kafka, [Topics.CONTRACT_EVENTS]).start();
  producer = await new TestProducer(kafka).start();
  await producer.event('sales.product-published', productCode, {
    product: { ...productFixture, productId: randomUUID(), productCode },
    publishedAt: clock.now().toISOString(),
  });
  await producer.event('sales.product-published', loanProductCode, {
    product: {
      ...productFixture,
      productId: randomUUID(),
      productCode: loanProductCode,
      type: 'whole_life',
      paymentModes: ['single'],
      paymentTermsYears: [1],
      cashValues: [
        { entryAge: 30, gender: 'male', paymentTermYears: 1, valuesPer1000Fen: [900, 1200, 1300] },
      ],
      policyLoan: { maxCashValuePercent: 80, termMonths: 6, annualRatePercent: 5 },
    },
    publishedAt: clock.now().toISOString(),
  });
  // The same with 2% of the sum insured paid on each of the first two anniversaries (apart: a benefit settles a loan).
  await producer.event('sales.product-published', benefitProductCode, {
    product: {
      ...productFixture,
      productId: randomUUID(),
      productCode: benefitProductCode,
      type: 'annuity',
      paymentModes: ['single'],
      paymentTermsYears: [1],
      cashValues: [
        { entryAge: 30, gender: 'male', paymentTermYears: 1, valuesPer1000Fen: [900, 1200, 1300] },
      ],
      survivalBenefits: [{ fromPolicyYear: 1, toPolicyYear: 2, sumInsuredPercent: 2 }],
    },
    publishedAt: clock.now().toISOString(),
  });
  await producer.event('sales.product-published', childProductCode, {
    product: {
      ...productFixture,
      productId: randomUUID(),
      productCode: childProductCode,
      entryAge: { min: 0, max: 60 },
    },
    publishedAt: clock.now().toISOString(),
  });
  await waitFor(
    async () =>
      (
        await db.query(`SELECT 1 FROM contract.product_replica WHERE product_code IN ($1, $2, $3, $4)`, [
          productCode,
          loanProductCode,
          benefitProductCode,
          childProductCode,
        ])
      ).length === 4,
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

describe('from application to policy', () => {
  it('accepts automatically, takes the confirmation and first premium, and issues the policy once', async () => {
    const { applicationId, customerId, policy } = await issue();
    expect(isValidPolicyNumber(policy.policyNumber)).toBe(true);
    const effective = today();
    expect(policy).toMatchObject({
      status: 'in_force',
      effectiveDate: effective,
      expiryDate: addDays(addYears(effective, 20), -1),
      coolingOffEndsOn: addDays(today(), 15),
      nextDueOn: addYears(effective, 1),
      premiumFen: 88_500,
    });
    const [issued] = await events.waitFor(
      ofType('contract.policy-issued', (p) => p.applicationId === applicationId),
    );
    expect(payloadOf(issued)).toMatchObject({
      policyholderId: customerId,
      productCode,
      coolingOffEndsOn: addDays(today(), 15),
    });
    await events.waitFor(
      ofType('contract.premium-paid', (p) => p.policyId === policy.policyId && p.isFirstPremium === true),
    );

    const documents = await api.get(`/policies/${policy.policyId}/documents`, rep);
    expect(documents.body).toEqual([
      expect.objectContaining({
        kind: 'policy_schedule_v1',
        status: 'intact',
        retainUntil: addYears(addDays(addYears(effective, 20), -1), 10),
      }),
    ]);
    const [signature] = await db.query(
      `SELECT signed_by, document_sha256 FROM contract.signature WHERE application_id = $1`,
      [applicationId],
    );
    expect(signature).toEqual({ signed_by: customerId, document_sha256: 'a'.repeat(64) });
    expect(count('contract.policy-issued', (p) => p.applicationId === applicationId)).toBe(1);
  });

  it('holds a read of a case not opened yet that asks to wait (Prefer: wait), and answers once it is', async () => {
    const { applicationId, submitted } = application();
    const path = `/underwriting/cases/${applicationId}`;
    expect((await api.get(path, underwriter)).status).toBe(404);
    // Asked in upper case: the case is the same one, and so is its wait.
    const held = api.request('GET', `/underwriting/cases/${applicationId.toUpperCase()}`, {
      token: underwriter,
      headers: { prefer: 'wait=10' },
    });
    await waitFor(async () => (await heldRequests(started.url, 'underwriting_case')) === 1, {
      description: 'the read held',
    });
    await producer.event('sales.application-submitted', applicationId, submitted);
    const answered = await held;
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ applicationId, status: 'decided', decision: 'accept' });
    expect(await heldRequests(started.url, 'underwriting_case')).toBe(0);
  });

  it('answers 404 after the wait when no case is opened, and at once without the preference', async () => {
    const missing = `/underwriting/cases/${randomUUID()}`;
    const waited = await api.request('GET', missing, { token: underwriter, headers: { prefer: 'wait=1' } });
    expect(waited.status).toBe(404);
    expect(waited.headers.get('content-type')).toContain('application/problem+json');
    expect(waited.body).toMatchObject({ code: 'UNDERWRITING_CASE.NOT_FOUND' });
    expect((await api.get(missing, underwriter)).status).toBe(404);
    expect(await heldRequests(started.url, 'underwriting_case')).toBe(0);
  });

  it('refuses a first premium of the wrong amount, from the wrong payer, or reported by a salesperson', async () => {
    const { applicationId, customerId } = await apply();
    const body = {
      applicationId,
      amountFen: 80_000,
      paidAt: clock.now().toISOString(),
      method: 'card',
      payerId: customerId,
      payerType: 'individual',
    };
    const wrong = await api.post('/premiums/first', body, payments);
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'PREMIUM.AMOUNT_MISMATCH', expectedFen: 88_500 });
    expect(
      (await api.post('/premiums/first', { ...body, amountFen: 88_500, payerId: randomUUID() }, payments))
        .body.code,
    ).toBe('PREMIUM.PAYER_MISMATCH');
    expect(
      (await api.post('/premiums/first', { ...body, amountFen: 88_500 }, tokenFor('agent'))).status,
    ).toBe(403);
  });

  it('refers a declared condition to the manual queue, where an underwriter decides with reasons, once', async () => {
    const { applicationId, customerId, decision } = await apply({ declaredConditions: ['diabetes'] });
    expect(decision).toMatchObject({ decision: 'refer', reasons: [{ code: 'UW.DIABETES' }] });
    const queue = await api.get('/underwriting/cases', underwriter);
    expect(queue.body.map((c: { applicationId: string }) => c.applicationId)).toContain(applicationId);
    expect(
      (await api.post(`/underwriting/cases/${applicationId}/assignment`, {}, underwriter)).body.assignee,
    ).toBe('uw-7');
    const other = await api.post(
      `/underwriting/cases/${applicationId}/decision`,
      { decision: 'accept', reasons: [{ code: 'X', message: 'x' }] },
      tokenFor('underwriter', 'uw-8'),
    );
    expect(other.status).toBe(409);
    const decided = await api.post(
      `/underwriting/cases/${applicationId}/decision`,
      {
        decision: 'accept_with_loading',
        loadingPercent: 25,
        reasons: [{ code: 'UW.DIABETES_CONTROLLED', message: 'HbA1c 6.4%, controlled with diet' }],
      },
      underwriter,
    );
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ offerStatus: 'awaiting', offerPremiumFen: 110_625 });
    const again = await api.post(
      `/underwriting/cases/${applicationId}/decision`,
      { decision: 'decline', reasons: [{ code: 'X', message: 'x' }] },
      underwriter,
    );
    expect(again.status).toBe(409);
    const manual = await events.waitFor(
      ofType('contract.underwriting-decided', (p) => p.applicationId === applicationId),
      2,
    );
    expect(manual.map(payloadOf).map((p) => [p.decision, p.decidedBy, p.loadingPercent])).toEqual([
      ['refer', 'auto', null],
      ['accept_with_loading', 'uw-7', 25],
    ]);
    const paid = await api.post(
      '/premiums/first',
      {
        applicationId,
        amountFen: 110_625,
        paidAt: clock.now().toISOString(),
        method: 'card',
        payerId: customerId,
        payerType: 'individual',
      },
      payments,
    );
    expect(paid.body).toMatchObject({ paid: true, confirmed: false, policy: null });
  });

  it('declines with the reason and opens no offer', async () => {
    const { applicationId, customerId, decision } = await apply({ declaredConditions: ['cancer'] });
    expect(decision).toMatchObject({ decision: 'decline', reasons: [{ code: 'UW.CANCER' }] });
    const confirm = await api.post(
      `/policies/offers/${applicationId}/confirmation`,
      { signedBy: customerId, signedAt: clock.now().toISOString(), sha256: 'b'.repeat(64) },
      tokenFor('customer', 'c', customerId),
    );
    expect(confirm.status).toBe(409);
    expect(confirm.body.code).toBe('OFFER.NOT_OPEN');
  });

  it('opens one case for an application sent again under another event id, and applies the second without a fault', async () => {
    const { applicationId, submitted } = await apply();
    const again = await producer.event('sales.application-submitted', applicationId, submitted);
    // Applied (its inbox row), not retried into the dead letters by a second case's key.
    await waitFor(
      async () => (await db.query(`SELECT 1 FROM contract.inbox WHERE event_id = $1`, [again])).length > 0,
      { description: 'the second submission applied' },
    );
    const cases = await db.query(
      `SELECT count(*)::int AS n FROM contract.underwriting_case WHERE application_id = $1`,
      [applicationId],
    );
    expect(cases).toEqual([{ n: 1 }]);
    expect(count('contract.underwriting-decided', (p) => p.applicationId === applicationId)).toBe(1);
  });
});

describe('the parties of a policy', () => {
  it('a mother’s policy on her son: both see it, only she withdraws, and the event carries the parties', async () => {
    const son = randomUUID();
    const beneficiaries = [{ name: '母亲', relationship: 'parent', sharePercent: 100 }];
    const { customerId: mother, policy } = await issue({
      insuredId: son,
      insuredRelationship: 'child',
      beneficiaries,
    });
    const [issued] = await events.waitFor(
      ofType('contract.policy-issued', (p) => p.policyId === policy.policyId),
    );
    expect(payloadOf(issued)).toMatchObject({
      policyholderId: mother,
      insuredId: son,
      payerId: mother,
      insuredRelationship: 'child',
      beneficiaries,
    });
    const asSon = tokenFor('customer', 's', son);
    expect((await api.get(`/policies/${policy.policyId}`, asSon)).status).toBe(200);
    expect((await api.get('/policies', asSon)).body).toEqual([
      expect.objectContaining({ policyId: policy.policyId }),
    ]);
    expect(
      (await api.get(`/policies/${policy.policyId}`, tokenFor('customer', 'x', randomUUID()))).status,
    ).toBe(403);
    // Acting on the contract is the policyholder's.
    expect((await api.post(`/policies/${policy.policyId}/withdrawal`, {}, asSon)).status).toBe(403);
    const staffList = await api.get(`/policies?insuredId=${son}`, rep);
    expect(staffList.body.map((p: { policyId: string }) => p.policyId)).toEqual([policy.policyId]);
    const withdrawn = await api.post(
      `/policies/${policy.policyId}/withdrawal`,
      {},
      tokenFor('customer', 'm', mother),
    );
    expect(withdrawn.status).toBe(200);
  });

  it('changes the beneficiaries of a policy on another’s life only as Arts. 39 and 41 allow', async () => {
    const son = randomUUID();
    const { customerId: mother, policy } = await issue({ insuredId: son, insuredRelationship: 'child' });
    const path = `/policies/${policy.policyId}/endorsements`;
    const toWife = {
      kind: 'beneficiary',
      effectiveDate: today(),
      beneficiaries: [{ name: '妻子', relationship: 'spouse', sharePercent: 100 }],
    };
    const asMother = tokenFor('customer', 'm', mother);
    const asSon = tokenFor('customer', 's', son);
    // The mother holds the policy on her adult son's life: she needs his signed consent to change them.
    const refused = await api.post(path, toWife, asMother);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'ENDORSEMENT.BENEFICIARY_CONSENT',
      detail: '投保人变更以他人为被保险人的保单的受益人，须经被保险人书面同意。',
      rule: {
        id: 'ENDORSEMENT.BENEFICIARY_CONSENT',
        citation: '《中华人民共和国保险法》第三十九条、第四十一条',
      },
      errors: [expect.objectContaining({ pointer: '/insuredConsent' })],
    });
    // Staff recording her notice are refused the same; nothing was written.
    expect((await api.post(path, toWife, rep)).body.code).toBe('ENDORSEMENT.BENEFICIARY_CONSENT');
    // The insured changes them himself, as himself only.
    expect((await api.post(path, { ...toWife, changedBy: 'policyholder' }, asSon)).status).toBe(403);
    const bySon = await api.post(path, toWife, asSon);
    expect(bySon.status).toBe(201);
    // With his consent, the mother changes them, and the version keeps the consent.
    const consent = { signedAt: clock.now().toISOString(), sha256: 'c'.repeat(64) };
    const toBoth = {
      ...toWife,
      beneficiaries: [
        { name: '妻子', relationship: 'spouse', sharePercent: 50 },
        { name: '母亲', relationship: 'parent', sharePercent: 50 },
      ],
      insuredConsent: consent,
    };
    expect((await api.post(path, toBoth, asMother)).status).toBe(201);
    const versions = await api.get(`/policies/${policy.policyId}/versions`, rep);
    expect(versions.body.map((v: { kind: string; consent: unknown }) => [v.kind, v.consent])).toEqual([
      ['issue', null],
      ['beneficiary', null],
      ['beneficiary', consent],
    ]);
    expect((await api.get(`/policies/${policy.policyId}`, rep)).body).toMatchObject({
      insuredRelationship: 'child',
      insuredAdultOn: null,
      beneficiaries: toBoth.beneficiaries,
    });
  });

  it('lets a parent change a minor child’s beneficiaries, and an employer name only the insured’s family', async () => {
    const { policy: childPolicy } = await issue({
      insuredId: randomUUID(),
      insuredRelationship: 'child',
      productCode: childProductCode,
      insuredAge: 12,
      ratingAgeValidUntil: addDays(today(), 100),
    });
    expect(childPolicy).toMatchObject({ insuredAdultOn: addYears(addDays(today(), 101), 5) });
    const toFather = {
      kind: 'beneficiary',
      effectiveDate: today(),
      beneficiaries: [{ name: '父亲', relationship: 'parent', sharePercent: 100 }],
    };
    expect((await api.post(`/policies/${childPolicy.policyId}/endorsements`, toFather, rep)).status).toBe(
      201,
    );

    const { policy: staffPolicy } = await issue({ insuredId: randomUUID(), insuredRelationship: 'employee' });
    const toColleague = {
      kind: 'beneficiary',
      effectiveDate: today(),
      beneficiaries: [{ name: '同事', relationship: 'colleague', sharePercent: 100 }],
      insuredConsent: { signedAt: clock.now().toISOString(), sha256: 'd'.repeat(64) },
    };
    const refused = await api.request('POST', `/policies/${staffPolicy.policyId}/endorsements`, {
      token: rep,
      body: toColleague,
      headers: { 'accept-language': 'en' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'ENDORSEMENT.EMPLOYER_BENEFICIARY',
      detail: 'An employer may name only the insured or their close relatives, not "colleague".',
      rule: {
        id: 'ENDORSEMENT.EMPLOYER_BENEFICIARY',
        citation: 'Insurance Law Art. 39 (an employer names only the insured or their close relatives)',
      },
      errors: [expect.objectContaining({ pointer: '/beneficiaries/0/relationship' })],
    });
  });

  it('passes a policy to a new policyholder with the insured’s written consent (Art. 34), who then holds it', async () => {
    const [son, mother] = [randomUUID(), randomUUID()];
    const { customerId: father, policy } = await issue({ insuredId: son, insuredRelationship: 'child' });
    await register(mother, { birthDate: '1968-04-02' });
    await register(son, { birthDate: '1996-09-30' });
    const path = `/policies/${policy.policyId}/endorsements`;
    const asFather = tokenFor('customer', 'f', father);
    const toMother = {
      kind: 'policyholder',
      effectiveDate: today(),
      newPolicyholderId: mother,
      insuredRelationship: 'child',
      newPolicyholderSignature: { signedAt: clock.now().toISOString(), sha256: 'b'.repeat(64) },
    };
    const refused = await api.post(path, toMother, asFather);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'ENDORSEMENT.TRANSFER_CONSENT',
      detail: '以死亡为给付保险金条件的保单，未经被保险人书面同意，不得转让给新的投保人。',
      rule: { id: 'ENDORSEMENT.TRANSFER_CONSENT', citation: '《中华人民共和国保险法》第三十四条' },
      errors: [expect.objectContaining({ pointer: '/insuredConsent' })],
    });
    const consent = { signedAt: clock.now().toISOString(), sha256: 'c'.repeat(64) };
    const passed = await api.post(path, { ...toMother, insuredConsent: consent }, asFather);
    expect(passed.status).toBe(201);
    expect(passed.body).toMatchObject({
      policyholderId: mother,
      payerId: mother,
      insuredId: son,
      version: 2,
    });
    const [changed] = await events.waitFor(
      ofType('contract.policyholder-changed', (p) => p.policyId === policy.policyId),
    );
    expect(payloadOf(changed)).toMatchObject({
      policyVersion: 2,
      previousPolicyholderId: father,
      policyholderId: mother,
      payerId: mother,
      insuredRelationship: 'child',
    });
    const versions = await api.get(`/policies/${policy.policyId}/versions`, rep);
    expect(versions.body[1]).toMatchObject({
      kind: 'policyholder',
      consent,
      signature: toMother.newPolicyholderSignature,
    });
    // The father no longer acts on it nor sees it; the mother does; the son takes it over himself, no consent asked.
    expect((await api.get(`/policies/${policy.policyId}`, asFather)).status).toBe(403);
    const asMother = tokenFor('customer', 'm', mother);
    expect((await api.get(`/policies/${policy.policyId}`, asMother)).status).toBe(200);
    const toSon = { ...toMother, newPolicyholderId: son, insuredRelationship: 'self' };
    expect((await api.post(path, toSon, asFather)).status).toBe(403);
    expect((await api.post(path, toSon, asMother)).body).toMatchObject({ policyholderId: son, version: 3 });
  });

  it('passes a policy only to a new policyholder who can contract and is verified, as customer-svc’s events tell contract-svc', async () => {
    const { customerId, policy } = await issue();
    const path = `/policies/${policy.policyId}/endorsements`;
    const holder = tokenFor('customer', 'c', customerId);
    const signed = { signedAt: clock.now().toISOString(), sha256: 'd'.repeat(64) };
    const nephew = randomUUID();
    const toNephew = {
      kind: 'policyholder',
      effectiveDate: today(),
      newPolicyholderId: nephew,
      insuredRelationship: 'close_relative',
      newPolicyholderSignature: signed,
      insuredConsent: signed,
    };
    // Not registered yet: contract-svc cannot tell whether they may contract.
    const unknown = await api.post(path, toNephew, holder);
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({
      code: 'ENDORSEMENT.POLICYHOLDER_UNKNOWN',
      detail: '合同系统中没有新投保人（或其出生日期）：请先在客户服务中登记，或等待其事件到达。',
      errors: [expect.objectContaining({ pointer: '/newPolicyholderId' })],
    });
    // Registered at 16 (their birthday a day off): a minor cannot take a contract over.
    await register(nephew, { birthDate: addDays(addYears(today(), -16), -1) }, false);
    const minor = await api.post(path, toNephew, holder);
    expect(minor.status).toBe(422);
    expect(minor.body).toMatchObject({
      code: 'PARTIES.POLICYHOLDER_MINOR',
      detail: '投保人16岁；订立合同须由成年人（18周岁以上）作为投保人。',
      rule: { id: 'PARTIES.POLICYHOLDER_MINOR', citation: '《中华人民共和国民法典》第十七条至第二十条' },
      errors: [expect.objectContaining({ pointer: '/newPolicyholderId' })],
    });
    expect((await api.get(`/policies/${policy.policyId}`, holder)).body).toMatchObject({
      policyholderId: customerId,
      version: 1,
    });
    // customer-svc corrects the birth date: 18 today, so of age.
    await producer.event('customer.profile-updated', nephew, {
      ...eventFixtures['customer.profile-updated'],
      customerId: nephew,
      changedFields: ['birthDate'],
      facts: { birthDate: addYears(today(), -18) },
    });
    await waitFor(
      async () =>
        (
          await db.query(`SELECT 1 FROM contract.party_replica WHERE customer_id = $1 AND adult_on = $2`, [
            nephew,
            today(),
          ])
        ).length > 0,
      { description: 'the corrected birth date' },
    );
    // Of age, but customer-svc has not verified who they are (customer due diligence).
    const unverified = await api.post(path, toNephew, holder);
    expect(unverified.status).toBe(422);
    expect(unverified.body).toMatchObject({
      code: 'ENDORSEMENT.POLICYHOLDER_UNVERIFIED',
      detail:
        '新投保人的身份尚未核验（或核验未通过，或身份信息变更后未再核验）：请先在客户服务中完成身份核验。',
      rule: {
        id: 'ENDORSEMENT.POLICYHOLDER_UNVERIFIED',
        citation: '《金融机构客户尽职调查和客户身份资料及交易记录保存管理办法》（中国人民银行令2022年第1号）',
      },
      errors: [expect.objectContaining({ pointer: '/newPolicyholderId' })],
    });
    // Verified, then a later check failed: unverified whatever the first found.
    await verify(nephew);
    await producer.event('customer.identity-rejected', nephew, {
      ...eventFixtures['customer.identity-rejected'],
      customerId: nephew,
    });
    await knownAs(nephew, false);
    // Verified again, then their ID number corrected: unverified again until customer-svc verifies it anew.
    await verify(nephew);
    await producer.event('customer.profile-updated', nephew, {
      ...eventFixtures['customer.profile-updated'],
      customerId: nephew,
      changedFields: ['idNumber'],
      facts: {},
    });
    await knownAs(nephew, false);
    expect((await api.post(path, toNephew, holder)).body).toMatchObject({
      code: 'ENDORSEMENT.POLICYHOLDER_UNVERIFIED',
    });
    await verify(nephew);
    const passed = await api.post(path, toNephew, holder);
    expect(passed.status).toBe(201);
    expect(passed.body).toMatchObject({ policyholderId: nephew, version: 2 });
    // An erased customer is forgotten here too, so no policy passes to them.
    await producer.event('customer.customer-erased', nephew, {
      customerId: nephew,
      retainedForPolicies: true,
      erasedAt: clock.now().toISOString(),
    });
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM contract.party_replica WHERE customer_id = $1`, [nephew])).length ===
        0,
      { description: 'the erased customer dropped' },
    );
  });

  it('pledges a policy to a bank with the insured’s consent, holds its value until staff record the release', async () => {
    const { customerId, policy } = await issue();
    const path = `/policies/${policy.policyId}/endorsements`;
    const holder = tokenFor('customer', 'c', customerId);
    const toBank = {
      kind: 'pledge',
      effectiveDate: today(),
      pledgee: '中国工商银行北京分行',
      reference: 'ZY-1',
    };
    const refused = await api.post(path, toBank, holder);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'ENDORSEMENT.PLEDGE_CONSENT',
      rule: { citation: '《中华人民共和国保险法》第三十四条' },
    });
    const consent = { signedAt: clock.now().toISOString(), sha256: 'c'.repeat(64) };
    const pledged = await api.post(path, { ...toBank, insuredConsent: consent }, holder);
    expect(pledged.status).toBe(201);
    expect(pledged.body.pledge).toEqual({
      pledgee: '中国工商银行北京分行',
      reference: 'ZY-1',
      pledgedOn: today(),
    });
    await events.waitFor(ofType('contract.policy-pledged', (p) => p.policyId === policy.policyId));
    // Inside cooling-off, yet no withdrawal while the bank holds the pledge.
    const withdrawal = await api.post(`/policies/${policy.policyId}/withdrawal`, {}, holder);
    expect(withdrawal.status).toBe(409);
    expect(withdrawal.body).toMatchObject({
      code: 'POLICY.PLEDGED',
      detail: '保单已质押给中国工商银行北京分行，质押解除前不能撤单。（依据保单质押登记）',
    });
    // The policyholder cannot release it; staff record the bank's release.
    const release = { kind: 'pledge_release', effectiveDate: today(), reference: 'ZY-1' };
    expect((await api.post(path, release, holder)).body.code).toBe('POLICY.PLEDGE_RELEASE_BY_STAFF');
    const released = await api.post(path, release, rep);
    expect(released.status).toBe(201);
    expect(released.body.pledge).toBeNull();
    const [releasedEvent] = await events.waitFor(
      ofType('contract.policy-pledge-released', (p) => p.policyId === policy.policyId),
    );
    expect(payloadOf(releasedEvent)).toMatchObject({ pledgee: '中国工商银行北京分行', reference: 'ZY-1' });
    expect((await api.post(`/policies/${policy.policyId}/withdrawal`, {}, holder)).status).toBe(200);
  });

  it('announces a beneficiary endorsement with the new list, for claims', async () => {
    const { policy } = await issue();
    const beneficiaries = [
      { name: 'A', relationship: 'child', sharePercent: 50 },
      { name: 'B', relationship: 'child', sharePercent: 50, customerId: randomUUID() },
    ];
    const res = await api.post(
      `/policies/${policy.policyId}/endorsements`,
      { kind: 'beneficiary', effectiveDate: today(), beneficiaries },
      rep,
    );
    expect(res.status).toBe(201);
    const [endorsed] = await events.waitFor(
      ofType('contract.policy-endorsed', (p) => p.policyId === policy.policyId && p.kind === 'beneficiary'),
    );
    expect(payloadOf(endorsed)).toMatchObject({ beneficiaries });
  });
});

describe('policy loans', () => {
  it('lends against the cash value, takes a repayment, gives notice and deducts the rest from the surrender', async () => {
    const { customerId, policy } = await issue({
      productCode: loanProductCode,
      paymentMode: 'single',
      paymentTermYears: 1,
    });
    const holder = tokenFor('customer', 'c', customerId);
    // Inside the first policy year there is no cash value yet, so nothing to lend.
    clock.set(endOfShanghaiDay(addDays(policy.coolingOffEndsOn, 1)));
    expect((await api.get(`/policies/${policy.policyId}/loan`, holder)).body).toMatchObject({
      cashValueFen: 0,
      maxLoanFen: 0,
    });

    // After the first anniversary: 900 fen per 1,000 yuan x 500 = 4,500 yuan; 80% of it may be lent.
    clock.set(new Date(endOfShanghaiDay(addYears(policy.effectiveDate, 1)).getTime() - 3_600_000));
    const position = await api.get(`/policies/${policy.policyId}/loan`, holder);
    expect(position.body).toMatchObject({ cashValueFen: 450_000, owedFen: 0, maxLoanFen: 360_000 });
    const tooMuch = await api.post(`/policies/${policy.policyId}/loans`, { amountFen: 360_001 }, holder);
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ code: 'LOAN.LIMIT', maxLoanFen: 360_000 });
    // Only the policyholder borrows.
    const stranger = tokenFor('customer', 'x', randomUUID());
    expect((await api.post(`/policies/${policy.policyId}/loans`, { amountFen: 1 }, stranger)).status).toBe(
      403,
    );
    const granted = await api.post(`/policies/${policy.policyId}/loans`, { amountFen: 360_000 }, holder);
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ amountFen: 360_000, principalFen: 360_000, annualRatePercent: 5 });
    await events.waitFor(ofType('contract.policy-loan-granted', (p) => p.policyId === policy.policyId));

    // 100 days later: 3,600 x 5% x 100 / 365 = 49.32 yuan of interest; 1,000 yuan repays it and 950.68 of principal.
    clock.set(new Date(clock.now().getTime() + 100 * 86_400_000));
    const repaid = await api.post(
      `/policies/${policy.policyId}/loan-repayments`,
      { amountFen: 100_000 },
      holder,
    );
    expect(repaid.status).toBe(201);
    expect(repaid.body).toMatchObject({ interestPaidFen: 4_932, principalFen: 264_932 });
    await events.waitFor(ofType('contract.policy-loan-repaid', (p) => p.policyId === policy.policyId));

    // Surrendered the same day: the cash value less what is still owed.
    const surrendered = await api.post(`/policies/${policy.policyId}/surrender`, {}, holder);
    expect(surrendered.body).toMatchObject({
      cashValueFen: 450_000,
      loanDeductedFen: 264_932,
      netPayableFen: 185_068,
    });
    const [event] = await events.waitFor(
      ofType('contract.policy-surrendered', (p) => p.policyId === policy.policyId),
    );
    expect(payloadOf(event)).toMatchObject({ loanDeductedFen: 264_932, netPayableFen: 185_068 });
  });
});

describe('the cash value owed after a surrender (Art. 47)', () => {
  it('is announced late when unpaid after its 30 days, and its payment after that says late', async () => {
    const { policy } = await issue({
      productCode: loanProductCode,
      paymentMode: 'single',
      paymentTermYears: 1,
    });
    clock.set(new Date(endOfShanghaiDay(addYears(policy.effectiveDate, 1)).getTime() - 3_600_000));
    const surrendered = await api.post(`/policies/${policy.policyId}/surrender`, {}, rep);
    expect(surrendered.body).toMatchObject({ netPayableFen: 450_000, refundDueOn: addDays(today(), 30) });
    expect((await api.get(`/policies/${policy.policyId}`, rep)).body.surrenderRefund).toMatchObject({
      amountFen: 450_000,
      paidAt: null,
    });
    // The day after the 30th: the calendar announces it once.
    clock.set(new Date(endOfShanghaiDay(addDays(today(), 31)).getTime() - 3_600_000));
    const [overdue] = await events.waitFor(
      ofType('contract.surrender-refund-overdue', (p) => p.policyId === policy.policyId),
    );
    expect(payloadOf(overdue)).toMatchObject({ amountFen: 450_000, dueOn: surrendered.body.refundDueOn });
    const paid = await api.post(
      `/policies/${policy.policyId}/surrender-refund-payment`,
      { paidAt: clock.now().toISOString(), bankReference: 'CNAPS-R1' },
      payments,
    );
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ amountFen: 450_000, late: true });
    const again = await api.post(
      `/policies/${policy.policyId}/surrender-refund-payment`,
      { paidAt: clock.now().toISOString(), bankReference: 'CNAPS-R2' },
      payments,
    );
    expect(again.body).toMatchObject({ code: 'REFUND.ALREADY_PAID' });
  });
});

describe('survival benefits', () => {
  it('pays the insured on the anniversary, once, with a payment record', async () => {
    const { policy } = await issue({
      productCode: benefitProductCode,
      paymentMode: 'single',
      paymentTermYears: 1,
    });
    expect(policy.nextBenefitOn).toBe(addYears(policy.effectiveDate, 1));
    clock.set(new Date(endOfShanghaiDay(addYears(policy.effectiveDate, 1)).getTime() - 3_600_000));
    const [paid] = await events.waitFor(
      ofType('contract.survival-benefit-paid', (p) => p.policyId === policy.policyId),
    );
    // 2% of 500,000 yuan.
    expect(payloadOf(paid)).toMatchObject({
      insuredId: policy.insuredId,
      kind: 'survival',
      policyYear: 1,
      amountFen: 1_000_000,
      paidFen: 1_000_000,
    });
    await waitFor(
      async () =>
        (
          await db.query(
            `SELECT paid_fen FROM contract.benefit_payment WHERE policy_id = $1 AND policy_year = 1`,
            [policy.policyId],
          )
        ).length === 1,
      { description: 'the payment record' },
    );
    const after = await api.get(`/policies/${policy.policyId}`, rep);
    expect(after.body).toMatchObject({ benefitsPaid: 1, nextBenefitOn: addYears(policy.effectiveDate, 2) });
  });
});

describe('changes to an issued policy', () => {
  it('records an endorsement as a new version with its premium effect', async () => {
    const { policy } = await issue();
    const decrease = await api.post(
      `/policies/${policy.policyId}/endorsements`,
      { kind: 'sum_insured_decrease', effectiveDate: addDays(today(), 1), sumInsuredFen: 25_000_000 },
      rep,
    );
    expect(decrease.status).toBe(201);
    expect(decrease.body).toMatchObject({ version: 2, sumInsuredFen: 25_000_000, premiumFen: 44_250 });
    const shares = await api.post(
      `/policies/${policy.policyId}/endorsements`,
      {
        kind: 'beneficiary',
        effectiveDate: today(),
        beneficiaries: [{ name: 'A', relationship: 'child', sharePercent: 90 }],
      },
      rep,
    );
    expect(shares.status).toBe(422);
    const versions = await api.get(`/policies/${policy.policyId}/versions`, rep);
    expect(
      versions.body.map((v: { kind: string; premiumEffectFen: number }) => [v.kind, v.premiumEffectFen]),
    ).toEqual([
      ['issue', 0],
      ['sum_insured_decrease', -44_250],
    ]);
    const [endorsed] = await events.waitFor(
      ofType('contract.policy-endorsed', (p) => p.policyId === policy.policyId),
    );
    expect(payloadOf(endorsed)).toMatchObject({
      policyVersion: 2,
      premiumEffectFen: -44_250,
      sumInsuredFen: 25_000_000,
    });
    const documents = await api.get(`/policies/${policy.policyId}/documents`, rep);
    expect(documents.body.map((d: { kind: string }) => d.kind)).toEqual([
      'policy_schedule_v1',
      'policy_schedule_v2',
    ]);
  });

  it('withdraws inside the cooling-off period up to 24:00 of its last day, refunding all but CNY 10', async () => {
    const { policy } = await issue();
    clock.set(new Date(endOfShanghaiDay(policy.coolingOffEndsOn).getTime() - 1000));
    const res = await api.post(
      `/policies/${policy.policyId}/withdrawal`,
      {},
      tokenFor('customer', 'c', policy.policyholderId),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ premiumPaidFen: 88_500, policyFeeFen: 1000, refundFen: 87_500 });
    const [withdrawn] = await events.waitFor(
      ofType('contract.policy-withdrawn', (p) => p.policyId === policy.policyId),
    );
    expect(payloadOf(withdrawn)).toMatchObject({ refundFen: 87_500, withdrawnOn: policy.coolingOffEndsOn });
  });

  it('refuses a withdrawal just after the cooling-off period and surrenders for the cash value instead', async () => {
    const { policy } = await issue();
    clock.set(endOfShanghaiDay(policy.coolingOffEndsOn));
    const late = await api.post(`/policies/${policy.policyId}/withdrawal`, {}, rep);
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('POLICY.COOLING_OFF_OVER');

    // Two full policy years later the year-2 value applies: 1,200 fen per 1,000 yuan x 500 = 6,000 yuan.
    clock.set(endOfShanghaiDay(addYears(policy.effectiveDate, 2)));
    const surrendered = await api.post(`/policies/${policy.policyId}/surrender`, {}, rep);
    expect(surrendered.status).toBe(200);
    expect(surrendered.body).toMatchObject({
      policyYearsCompleted: 2,
      cashValueFen: 600_000,
      refundDueOn: addDays(today(), 30),
    });
    await events.waitFor(
      ofType(
        'contract.policy-surrendered',
        (p) => p.policyId === policy.policyId && p.cashValueFen === 600_000,
      ),
    );
  });

  it('suspends after the 60-day grace period and reinstates with arrears and a health declaration, each event once', async () => {
    const { policy } = await issue();
    const due = policy.nextDueOn as string;
    const job = started.app.get(PremiumCalendarJob).job;
    // The last moment of day 60 is still grace: overdue, in force.
    clock.set(new Date(endOfShanghaiDay(addDays(due, 60)).getTime() - 1));
    await job.runNow();
    await events.waitFor(ofType('contract.premium-overdue', (p) => p.policyId === policy.policyId));
    expect((await api.get(`/policies/${policy.policyId}`, rep)).body.status).toBe('in_force');
    expect(count('contract.policy-lapsed', (p) => p.policyId === policy.policyId)).toBe(0);
    // From day 61 it is suspended.
    clock.set(endOfShanghaiDay(addDays(due, 60)));
    await job.runNow();
    const [lapsed] = await events.waitFor(
      ofType('contract.policy-lapsed', (p) => p.policyId === policy.policyId),
    );
    expect(payloadOf(lapsed)).toMatchObject({
      dueOn: due,
      graceEndedOn: addDays(due, 60),
      reinstatableUntil: addYears(addDays(due, 61), 2),
    });
    await events.waitFor(ofType('contract.premium-overdue', (p) => p.policyId === policy.policyId));
    expect((await api.get(`/policies/${policy.policyId}`, rep)).body.status).toBe('suspended');

    const health = [{ questionId: 'hospitalised_5y', answer: false }];
    const short = await api.post(
      `/policies/${policy.policyId}/reinstatement`,
      { arrearsPaidFen: 1, paidAt: clock.now().toISOString(), method: 'card', healthAnswers: health },
      rep,
    );
    expect(short.body).toMatchObject({ code: 'REINSTATEMENT.ARREARS', arrearsFen: 88_500 });
    const back = await api.post(
      `/policies/${policy.policyId}/reinstatement`,
      { arrearsPaidFen: 88_500, paidAt: clock.now().toISOString(), method: 'card', healthAnswers: health },
      rep,
    );
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'in_force', nextDueOn: addYears(policy.effectiveDate, 2) });
    await events.waitFor(ofType('contract.policy-reinstated', (p) => p.policyId === policy.policyId));

    await job.runNow();
    await job.runNow();
    await events.waitFor(
      ofType('contract.premium-paid', (p) => p.policyId === policy.policyId && p.isFirstPremium === false),
    );
    await awaitMarker(policy.policyId);
    const id = (p: Record<string, unknown>) => p.policyId === policy.policyId;
    expect([
      count('contract.policy-issued', id),
      count('contract.premium-overdue', id),
      count('contract.policy-lapsed', id),
      count('contract.policy-reinstated', id),
    ]).toEqual([1, 1, 1, 1]);
  });

  it('suspends 30 days after a demand notice when that comes before the 60 days (Art. 36), one notice per premium', async () => {
    const { policy } = await issue();
    const due = policy.nextDueOn as string;
    const job = started.app.get(PremiumCalendarJob).job;
    const demand = () => api.post(`/policies/${policy.policyId}/demand-notice`, {}, rep);
    // Nothing is overdue yet: no notice.
    expect((await demand()).body).toMatchObject({ code: 'PREMIUM.NOT_OVERDUE' });
    // Overdue from the day after the due date; the notice goes out on day 5.
    clock.set(endOfShanghaiDay(addDays(due, 5)));
    await job.runNow();
    await events.waitFor(ofType('contract.premium-overdue', (p) => p.policyId === policy.policyId));
    const noticeOn = today();
    const sent = await demand();
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ demandNoticeOn: noticeOn, graceEndsOn: addDays(noticeOn, 30) });
    await events.waitFor(
      ofType(
        'contract.premium-demand-notice-sent',
        (p) => p.policyId === policy.policyId && p.graceEndsOn === addDays(noticeOn, 30) && p.dueOn === due,
      ),
    );
    expect((await demand()).body).toMatchObject({ code: 'PREMIUM.DEMAND_ALREADY_SENT' });
    // Day 30 after the notice is still grace; the day after, cover is suspended (long before day 60).
    clock.set(new Date(endOfShanghaiDay(addDays(noticeOn, 30)).getTime() - 1));
    await job.runNow();
    expect((await api.get(`/policies/${policy.policyId}`, rep)).body.status).toBe('in_force');
    clock.set(endOfShanghaiDay(addDays(noticeOn, 30)));
    await job.runNow();
    const [lapsed] = await events.waitFor(
      ofType('contract.policy-lapsed', (p) => p.policyId === policy.policyId),
    );
    expect(payloadOf(lapsed)).toMatchObject({ dueOn: due, graceEndedOn: addDays(noticeOn, 30) });
    expect((await api.get(`/policies/${policy.policyId}`, rep)).body.status).toBe('suspended');
  });

  it('takes a renewal premium of exactly the instalment due', async () => {
    const { policy } = await issue();
    const body = {
      policyId: policy.policyId,
      amountFen: 88_500,
      paidAt: clock.now().toISOString(),
      method: 'direct_debit',
      payerId: policy.payerId,
      payerType: 'individual',
    };
    expect((await api.post('/premiums', { ...body, amountFen: 1 }, payments)).status).toBe(422);
    const paid = await api.post('/premiums', body, payments);
    expect(paid.body).toMatchObject({
      paidDueOn: addYears(policy.effectiveDate, 1),
      nextDueOn: addYears(policy.effectiveDate, 2),
    });
  });

  it('keeps the currency of a premium paid in foreign cash, for the AML threshold in US dollars', async () => {
    const { policy } = await issue();
    const body = {
      policyId: policy.policyId,
      amountFen: 88_500,
      paidAt: clock.now().toISOString(),
      method: 'cash',
      payerId: policy.payerId,
      payerType: 'individual',
      currency: 'HKD',
    };
    const half = await api.post('/premiums', body, payments);
    expect(half.status).toBe(400);
    expect(half.body.errors).toEqual([expect.objectContaining({ pointer: '/currencyAmountMinor' })]);
    expect(
      (await api.post('/premiums', { ...body, currency: 'CNY', currencyAmountMinor: 1 }, payments)).status,
    ).toBe(400);
    const paid = await api.post('/premiums', { ...body, currencyAmountMinor: 97_000 }, payments);
    expect(paid.status).toBe(201);
    const [event] = await events.waitFor(
      ofType('contract.premium-paid', (p) => p.paymentId === paid.body.paymentId),
    );
    expect(payloadOf(event)).toMatchObject({
      amountFen: 88_500,
      method: 'cash',
      currency: 'HKD',
      currencyAmountMinor: 97_000,
    });
    const [row] = (await api.get(`/premiums/policies/${policy.policyId}`, rep)).body.filter(
      (p: { paymentId: string }) => p.paymentId === paid.body.paymentId,
    );
    expect(row).toMatchObject({ currency: 'HKD', currencyAmountMinor: 97_000 });
  });

  it('rescinds for non-disclosure only within 30 days of learning of it, refusing in Chinese or English', async () => {
    const { policy } = await issue();
    const learnedOn = addDays(today(), -31);
    const refuse = (headers: Record<string, string>) =>
      api.post(
        `/policies/${policy.policyId}/rescission`,
        { learnedOn, reason: 'undisclosed diabetes' },
        underwriter,
        headers,
      );
    // The same refusal: Chinese by default (the insurer's language), English when asked; codes and sources stable.
    const late = await refuse({});
    expect(late.status).toBe(422);
    expect(late.headers.get('content-language')).toBe('zh-CN');
    expect(late.body).toMatchObject({
      title: '业务规则不允许',
      code: 'RESCISSION.THIRTY_DAYS',
      detail: `保险人自知道解除事由之日（${learnedOn}）起超过三十日未行使，解除权消灭。（依据《中华人民共和国保险法》第十六条）`,
    });
    expect(late.body.rule).toEqual({
      id: 'RESCISSION.THIRTY_DAYS',
      source: 'Insurance Law Art. 16',
      citation: '《中华人民共和国保险法》第十六条',
    });
    const english = await refuse({ 'accept-language': 'en-US,en;q=0.9' });
    expect(english.status).toBe(422);
    expect(english.headers.get('content-language')).toBe('en');
    expect(english.body).toMatchObject({
      title: 'Unprocessable Content',
      code: 'RESCISSION.THIRTY_DAYS',
      detail: `More than 30 days have passed since the grounds became known on ${learnedOn}; the right to rescind has lapsed. (Insurance Law Art. 16)`,
      rule: {
        id: 'RESCISSION.THIRTY_DAYS',
        source: 'Insurance Law Art. 16',
        citation: 'Insurance Law Art. 16',
      },
    });
    const inTime = await api.post(
      `/policies/${policy.policyId}/rescission`,
      { learnedOn: addDays(today(), -30), reason: 'undisclosed diabetes' },
      underwriter,
    );
    expect(inTime.status).toBe(200);
    await events.waitFor(
      ofType(
        'contract.policy-terminated',
        (p) => p.policyId === policy.policyId && p.reason === 'rescission',
      ),
    );
  });

  it('ends the policy at maturity, from the premium calendar', async () => {
    const { policy } = await issue({ coverageTermYears: 1, paymentTermYears: 1, paymentMode: 'annual' });
    clock.set(endOfShanghaiDay(policy.expiryDate));
    await started.app.get(PremiumCalendarJob).job.runNow();
    const [ended] = await events.waitFor(
      ofType('contract.policy-terminated', (p) => p.policyId === policy.policyId && p.reason === 'maturity'),
    );
    expect(payloadOf(ended)).toMatchObject({ terminatedOn: policy.expiryDate });
    expect((await api.get(`/policies/${policy.policyId}`, rep)).body).toMatchObject({
      status: 'terminated',
      endReason: 'maturity',
    });
  });

  it('ends the policy when a death claim is paid', async () => {
    const { policy } = await issue();
    const claimId = randomUUID();
    await producer.event('claims.claim-paid', claimId, {
      ...eventFixtures['claims.claim-paid'],
      claimId,
      policyId: policy.policyId,
      claimType: 'death',
      terminatesPolicy: true,
    });
    await events.waitFor(
      ofType(
        'contract.policy-terminated',
        (p) => p.policyId === policy.policyId && p.reason === 'death_claim',
      ),
    );
  });
});

describe('the archive', () => {
  it('reports a document whose content no longer matches its SHA-256, once', async () => {
    const { policy } = await issue();
    await db.query(
      `UPDATE contract.document SET content = replace(content, '500000.00', '5000000.00') WHERE policy_id = $1`,
      [policy.policyId],
    );
    const first = await api.get(`/policies/${policy.policyId}/documents`, rep);
    expect(first.body).toEqual([expect.objectContaining({ status: 'tampered' })]);
    await api.get(`/policies/${policy.policyId}/documents`, rep);
    const [failed] = await events.waitFor(
      ofType('contract.document-integrity-failed', (p) => p.policyId === policy.policyId),
    );
    expect(payloadOf(failed).expectedSha256).toBe(first.body[0].sha256);
    await api.get(`/policies/${policy.policyId}/documents`, rep);
    await awaitMarker(policy.policyId);
    expect(count('contract.document-integrity-failed', (p) => p.policyId === policy.policyId)).toBe(1);
  });
});
