import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { Topics } from '@insurer/contracts';
import { eventFixtures } from '@insurer/contracts/testing';
import type { CustomerConfig } from '../src/customer-config';
import { countedTransaction } from '@insurer/platform-database';
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
import { ManualClock, addDays, addYears, shanghaiDate } from '@insurer/platform-time';
import { IdentityVerificationService } from '../src/customer/application/identity-verification.service';
import { RiskAssessmentService } from '../src/customer/application/risk-assessment.service';
import { RISK_QUESTIONNAIRE } from '../src/customer/domain/risk-tolerance';
import { ComplaintDeadlineJob } from '../src/service-desk/service-desk.module';
import { DataSubjectService } from '../src/data-subject/application/data-subject.service';
import { customerService } from '../src/service';
import { RecordingNotifier, freshMobile, freshResidentId } from './support';

const env = testEnvironment();
const kafka = createKafka({ clientId: 'customer-svc-test', brokers: env.kafkaBrokers.split(',') });
const clock = new ManualClock(new Date());
const today = () => shanghaiDate(clock.now());
const notifier = new RecordingNotifier();
const agent = tokenFor('agent', 'agent-7');
const rep = tokenFor('service_rep', 'rep-1');
const admin = tokenFor('admin', 'admin-1');
const underwriter = tokenFor('underwriter', 'uw-3');

let started: StartedService<CustomerConfig>;
let api: HttpClient;
let events: TopicCollector;
let producer: TestProducer;
let db: DataSource;

const ofType = (type: string, customerId: string) => (m: CollectedMessage) => {
  const e = m.json as { type?: string; aggregateId?: string };
  return e?.type === type && e.aggregateId === customerId;
};

function person(overrides: Record<string, unknown> = {}) {
  const { idNumber, birthDate } = freshResidentId('female');
  return {
    body: {
      purpose: 'quotation',
      channel: 'agent',
      name: `测试${randomUUID().slice(0, 6)}`,
      idType: 'resident_id',
      idNumber,
      mobile: freshMobile(),
      occupation: 'teacher',
      occupationClass: 1,
      annualIncomeFen: 24_000_000,
      householdIncomeFen: 40_000_000,
      dependants: 1,
      ...overrides,
    },
    birthDate,
  };
}

async function register(overrides: Record<string, unknown> = {}) {
  const p = person(overrides);
  const res = await api.post('/customers', p.body, agent);
  expect(res.status).toBe(201);
  return { id: res.body.customerId as string, ...p };
}

beforeAll(async () => {
  db = await new DataSource({ type: 'postgres', url: env.databaseUrl }).initialize();
  started = await startServiceUnderTest(customerService({ notifier }), {
    clock,
    env: { COMPLAINT_SWEEP_MS: '200' },
  });
  api = new HttpClient(started.url);
  events = await new TopicCollector(kafka, [Topics.CUSTOMER_EVENTS]).start();
  producer = await new TestProducer(kafka).start();
});

afterAll(async () => {
  await producer?.stop();
  await events?.stop();
  await started?.app.close();
  await db?.destroy();
});

describe('registration (manual 1.1)', () => {
  it('registers a customer, derives birth date and gender from the ID, and announces only shareable facts', async () => {
    const c = await register();
    const read = await api.get(`/customers/${c.id}?purpose=quotation`, agent);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      version: 1,
      identityStatus: 'unverified',
      profile: { name: c.body.name, birthDate: c.birthDate, gender: 'female', occupationClass: 1 },
      masked: ['idNumber'],
    });
    // Beside birthDate the mask keeps only the province and two last characters: the two cannot rebuild the number.
    expect(read.body.profile.idNumber).toBe(`11**************${c.body.idNumber.slice(-2)}`);

    const [published] = await events.waitFor(ofType('customer.customer-registered', c.id));
    expect(published.json).toMatchObject({
      payload: {
        customerId: c.id,
        customerType: 'individual',
        birthDate: c.birthDate,
        annualIncomeFen: 24_000_000,
      },
    });
    expect(published.value).not.toContain(c.body.idNumber);
    expect(published.value).not.toContain(c.body.name);
    expect(published.value).not.toContain(c.body.mobile);
  });

  it('stores no personal data in clear: the profile is ciphertext and the ID is a keyed hash', async () => {
    const c = await register();
    const [row] = await db.query(`SELECT t::text AS text FROM customer.customer t WHERE customer_id = $1`, [
      c.id,
    ]);
    expect(row.text).not.toContain(c.body.idNumber);
    expect(row.text).not.toContain(c.body.mobile);
    const lookup = await api.post(
      '/customers/lookup',
      { idType: 'resident_id', idNumber: c.body.idNumber },
      rep,
    );
    expect(lookup.status).toBe(200);
    expect(lookup.body).toEqual({ customerIds: [c.id] });
    // The query-string lookup still answers, marked deprecated with its successor (RFC 9745, RFC 8288).
    const old = await api.get(`/customers?idType=resident_id&idNumber=${c.body.idNumber}`, rep);
    expect(old.body).toEqual({ customerIds: [c.id] });
    expect(old.headers.get('deprecation')).toBe('@1796169600');
    expect(old.headers.get('link')).toBe('</customers/lookup>; rel="successor-version"');
    expect((await api.post('/customers/lookup', { idType: 'resident_id' }, rep)).body).toMatchObject({
      errors: [expect.objectContaining({ pointer: '/idNumber' })],
    });
  });

  it.each([
    ['a wrong ID check character', { idNumber: '110105194912310021' }, '/idNumber', 'ID.CHECKSUM'],
    [
      'a declared birth date the ID contradicts',
      { birthDate: '1990-01-01' },
      '/birthDate',
      'ID.BIRTH_DATE_MISMATCH',
    ],
    ['a declared gender the ID contradicts', { gender: 'male' }, '/gender', 'ID.GENDER_MISMATCH'],
    ['a malformed mobile', { mobile: '12345678901' }, '/mobile', 'CONTACT.MOBILE'],
    [
      'a corporate payer with a bad credit code',
      { idType: 'uscc', idNumber: '91350100M000100Y44', occupationClass: undefined, dependants: undefined },
      '/idNumber',
      'USCC.CHECKSUM',
    ],
  ])('refuses %s with a 422 naming the field and the rule', async (_case, overrides, pointer, rule) => {
    const res = await api.post('/customers', person(overrides).body, agent);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer, rule })]));
  });

  it('refuses, by name, fields the declared purpose does not need (PIPL minimum necessary)', async () => {
    const res = await api.post('/customers', person({ bankAccount: '6222020200112233445' }).body, agent);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'CUSTOMER.FIELD_NOT_NEEDED',
      rule: { id: 'PIPL.MINIMUM_NECESSARY' },
      errors: [{ pointer: '/bankAccount', rule: 'PIPL.MINIMUM_NECESSARY' }],
    });
  });

  it('refuses a second registration of the same ID number with 409, and a malformed body with 400', async () => {
    const c = await register();
    const again = await api.post('/customers', { ...person().body, idNumber: c.body.idNumber }, agent);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CUSTOMER.ALREADY_REGISTERED');
    const malformed = await api.post('/customers', { purpose: 'quotation', name: 5 }, agent);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(
      expect.arrayContaining(['/name', '/idType', '/idNumber']),
    );
  });

  it('lets only registering roles register', async () => {
    const res = await api.post('/customers', person().body, tokenFor('claims_handler'));
    expect(res.status).toBe(403);
  });
});

describe('updates with history and optimistic concurrency (manual 1.2, 1.4)', () => {
  it('makes each change a version, refuses a stale version with 409, and keeps who, when, what and why', async () => {
    const c = await register();
    const first = await api.patch(
      `/customers/${c.id}`,
      {
        expectedVersion: 1,
        purpose: 'quotation',
        reason: 'customer moved jobs',
        changes: { occupation: 'engineer', occupationClass: 2 },
      },
      agent,
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, changedFields: ['occupation', 'occupationClass'] });

    const stale = await api.patch(
      `/customers/${c.id}`,
      { expectedVersion: 1, purpose: 'quotation', reason: 'late edit', changes: { dependants: 3 } },
      agent,
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'CUSTOMER.VERSION_CONFLICT', currentVersion: 2 });

    const history = await api.get(`/customers/${c.id}/history`, rep);
    expect(history.body).toHaveLength(2);
    expect(history.body[1]).toMatchObject({
      version: 2,
      reason: 'customer moved jobs',
      actor: 'agent-7',
      changedFields: ['occupation', 'occupationClass'],
      changes: { occupation: { from: 'teacher', to: 'engineer' }, occupationClass: { from: 1, to: 2 } },
    });
    const read = await api.get(`/customers/${c.id}?purpose=quotation`, agent);
    expect(read.body.profile).toMatchObject({ occupation: 'engineer', dependants: 1 });

    const [updated] = await events.waitFor(ofType('customer.profile-updated', c.id));
    expect(updated.json).toMatchObject({
      payload: {
        profileVersion: 2,
        changedFields: ['occupation', 'occupationClass'],
        facts: { occupationClass: 2 },
      },
    });
  });
});

describe('masked and unmasked reads', () => {
  it('masks sensitive fields for everyone, unmasks for an allowed role and purpose, and records that access', async () => {
    const c = await register();
    // Each sensitive kind by its own separate consent (PIPL Art. 29): the bank account, and the ID number in clear.
    for (const purpose of ['bank_account', 'id_number'])
      expect(
        (
          await api.post(
            '/consents',
            { customerId: c.id, purpose, noticeVersion: 'SN-2026-01', channel: 'app' },
            agent,
          )
        ).status,
      ).toBe(201);
    const withBank = await api.patch(
      `/customers/${c.id}`,
      {
        expectedVersion: 1,
        purpose: 'underwriting',
        reason: 'premium debit account',
        changes: { bankAccount: '6222020200112233445' },
      },
      agent,
    );
    expect(withBank.status).toBe(200);

    const masked = await api.get(`/customers/${c.id}?purpose=underwriting`, agent);
    expect(masked.body.profile).toMatchObject({ bankAccount: '***************3445' });
    expect(masked.body.masked).toEqual(['idNumber', 'bankAccount']);

    const refused = await api.get(`/customers/${c.id}?purpose=underwriting&unmask=idNumber`, agent);
    expect(refused.status).toBe(403);

    const clear = await api.get(`/customers/${c.id}?purpose=underwriting&unmask=idNumber`, underwriter);
    expect(clear.status).toBe(200);
    expect(clear.body.profile.idNumber).toBe(c.body.idNumber);
    expect(clear.body.profile.bankAccount).toBe('***************3445');

    const [access] = await events.waitFor(ofType('customer.personal-data-accessed', c.id));
    expect(access.json).toMatchObject({
      payload: { fields: ['idNumber'], purpose: 'underwriting', actor: 'uw-3' },
    });
    const rows = await db.query(`SELECT fields, purpose FROM customer.data_access WHERE customer_id = $1`, [
      c.id,
    ]);
    expect(rows).toEqual([{ fields: ['idNumber'], purpose: 'underwriting' }]);
  });

  it('needs a separate consent for each sensitive kind: bank account and ID number, and withdrawing one removes the account', async () => {
    const c = await register();
    const bank = (version: number) =>
      api.patch(
        `/customers/${c.id}`,
        {
          expectedVersion: version,
          purpose: 'underwriting',
          reason: 'premium debit account',
          changes: { bankAccount: '6222020200112233445' },
        },
        agent,
      );
    const noConsent = await bank(1);
    expect(noConsent.status).toBe(422);
    expect(noConsent.body).toMatchObject({
      code: 'CUSTOMER.CONSENT_REQUIRED',
      rule: { id: 'PIPL.SEPARATE_CONSENT', source: 'Personal Information Protection Law Arts. 28-29' },
    });
    const unmask = () => api.get(`/customers/${c.id}?purpose=underwriting&unmask=idNumber`, underwriter);
    expect((await unmask()).body.code).toBe('CUSTOMER.CONSENT_REQUIRED');
    // The customer reads their own ID number without any consent: it is theirs (PIPL Art. 45).
    const own = await api.get(
      `/customers/${c.id}?purpose=underwriting&unmask=idNumber`,
      tokenFor('customer', 'c', c.id),
    );
    expect(own.status).toBe(200);

    const consent = async (purpose: string) =>
      (
        await api.post(
          '/consents',
          { customerId: c.id, purpose, noticeVersion: 'SN-2026-01', channel: 'app' },
          agent,
        )
      ).body as { consentId: string };
    const bankConsent = await consent('bank_account');
    expect((await bank(1)).status).toBe(200);
    expect((await unmask()).status).toBe(422);
    await consent('id_number');
    expect((await unmask()).body.profile.idNumber).toBe(c.body.idNumber);

    // Version 2 of the consent event carries the new kinds; version 1 cannot, and is not sent for them.
    const [v2] = await events.waitFor(
      (m) =>
        ofType('customer.consent-granted', c.id)(m) &&
        (m.json as { payload: { purpose: string } }).payload.purpose === 'bank_account',
    );
    expect(v2.json).toMatchObject({ version: 2 });
    expect(
      events.matching(
        (m) =>
          ofType('customer.consent-granted', c.id)(m) &&
          (m.json as { version: number }).version === 1 &&
          (m.json as { payload: { purpose: string } }).payload.purpose === 'bank_account',
      ),
    ).toEqual([]);

    const withdrawn = await api.post(
      `/consents/${bankConsent.consentId}/withdrawal`,
      {},
      tokenFor('customer', 'c', c.id),
    );
    expect(withdrawn.status).toBe(200);
    const after = await api.get(`/customers/${c.id}?purpose=underwriting`, tokenFor('customer', 'c', c.id));
    expect(after.body.profile).not.toHaveProperty('bankAccount');
    const history = await api.get(`/customers/${c.id}/history`, tokenFor('customer', 'c', c.id));
    expect(history.body.at(-1)).toMatchObject({ reason: 'bank_account consent withdrawn' });
  });

  it('shows a purpose only its fields: marketing never sees income', async () => {
    const c = await register();
    const res = await api.get(`/customers/${c.id}?purpose=marketing`, rep);
    expect(Object.keys(res.body.profile).sort()).toEqual(['idNumber', 'idType', 'mobile', 'name']);
  });

  it("lets a customer read their own record and nobody else's", async () => {
    const c = await register();
    const other = await register();
    const self = tokenFor('customer', 'cust-login', c.id);
    expect((await api.get(`/customers/${c.id}?purpose=service`, self)).status).toBe(200);
    expect((await api.get(`/customers/${other.id}?purpose=service`, self)).status).toBe(403);
  });
});

describe('identity confirmation before the contract (manual 1.3)', () => {
  it('verifies with the ID, the declared data and a one-time code sent to the mobile on file', async () => {
    const c = await register();
    const start = await api.post(
      `/customers/${c.id}/identity-verifications`,
      { declared: { name: c.body.name, idNumber: c.body.idNumber, birthDate: c.birthDate } },
      agent,
    );
    expect(start.status).toBe(201);
    expect(start.body).toMatchObject({
      status: 'code_sent',
      sentTo: `${c.body.mobile.slice(0, 3)}****${c.body.mobile.slice(-4)}`,
    });
    const code = notifier.lastCodeTo(c.body.mobile)!;
    const wrong = code === '000000' ? '111111' : '000000';

    const miss = await api.post(
      `/customers/${c.id}/identity-verifications/${start.body.verificationId}/confirmation`,
      { code: wrong },
      agent,
    );
    expect(miss.body).toMatchObject({
      status: 'code_sent',
      attemptsLeft: 2,
      reasons: [{ code: 'IDENTITY.CODE_MISMATCH' }],
    });

    const ok = await api.post(
      `/customers/${c.id}/identity-verifications/${start.body.verificationId}/confirmation`,
      { code },
      agent,
    );
    expect(ok.body).toMatchObject({ status: 'verified', checks: ['id_number', 'declared_data', 'contact'] });
    expect((await api.get(`/customers/${c.id}`, agent)).body.identityStatus).toBe('verified');
    const [verified] = await events.waitFor(ofType('customer.identity-verified', c.id));
    expect(verified.json).toMatchObject({ payload: { checks: ['id_number', 'declared_data', 'contact'] } });
  });

  it("finds no verification under another customer's path, and leaves it open for its own", async () => {
    const c = await register();
    const other = await register();
    const start = await api.post(
      `/customers/${c.id}/identity-verifications`,
      { declared: { name: c.body.name, idNumber: c.body.idNumber, birthDate: c.birthDate } },
      agent,
    );
    const code = notifier.lastCodeTo(c.body.mobile)!;
    const elsewhere = await api.post(
      `/customers/${other.id}/identity-verifications/${start.body.verificationId}/confirmation`,
      { code },
      agent,
    );
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers.get('content-type')).toContain('application/problem+json');
    expect((await api.get(`/customers/${other.id}`, agent)).body.identityStatus).not.toBe('verified');
    // The same id in upper case is still this customer's own path.
    const own = await api.post(
      `/customers/${c.id.toUpperCase()}/identity-verifications/${start.body.verificationId}/confirmation`,
      { code },
      agent,
    );
    expect(own.body).toMatchObject({ status: 'verified' });
  });

  it('rejects, with reasons, declared data that differs from the record, and sends no code', async () => {
    const c = await register();
    const sentBefore = notifier.sent.length;
    const res = await api.post(
      `/customers/${c.id}/identity-verifications`,
      { declared: { name: 'someone else', idNumber: c.body.idNumber } },
      agent,
    );
    expect(res.body).toMatchObject({ status: 'rejected', reasons: [{ code: 'IDENTITY.NAME_MISMATCH' }] });
    expect(notifier.sent.length).toBe(sentBefore);
    const [rejected] = await events.waitFor(ofType('customer.identity-rejected', c.id));
    expect(rejected.json).toMatchObject({ payload: { reasons: [{ code: 'IDENTITY.NAME_MISMATCH' }] } });
  });
});

describe('the write path', () => {
  /** Runs `call`, counting the round trips of the transaction it opens at once, on that transaction's connection. */
  async function roundTripsOf<T>(call: () => Promise<T>): Promise<[T, number]> {
    const dataSource = started.app.get(DataSource);
    let roundTrips = 0;
    const spy = jest.spyOn(dataSource, 'transaction').mockImplementationOnce(((
      work: (m: EntityManager) => Promise<unknown>,
    ) =>
      countedTransaction(dataSource, work).then(([result, n]) => {
        roundTrips = n;
        return result;
      })) as never);
    // Only the call's own transaction: the service's consumers may open theirs meanwhile.
    const pending = call();
    spy.mockRestore();
    return [await pending, roundTrips];
  }

  it('verifies an identity and assesses risk in two round trips each: the customer locked with what it needs, then the writes with COMMIT', async () => {
    const c = await register();
    const verifications = started.app.get(IdentityVerificationService);
    const declared = { name: c.body.name, idNumber: c.body.idNumber, birthDate: c.birthDate };
    const request = { correlationId: `round-trips-${c.id}` };
    const [start, startTrips] = await roundTripsOf(() =>
      verifications.start(c.id, declared, 'agent-7', request),
    );
    expect(start).toMatchObject({ status: 'code_sent' });
    const code = notifier.lastCodeTo(c.body.mobile)!;
    const [confirmed, confirmTrips] = await roundTripsOf(() =>
      verifications.confirm(c.id, start.verificationId, code, { sub: 'agent-7', roles: ['agent'] }, request),
    );
    expect(confirmed).toMatchObject({ status: 'verified' });
    const answers = Object.fromEntries(RISK_QUESTIONNAIRE.map((q) => [q.id, 2]));
    const [assessment, assessTrips] = await roundTripsOf(() =>
      started.app
        .get(RiskAssessmentService)
        .assess(c.id, answers, { sub: 'agent-7', roles: ['agent'] }, request),
    );
    expect(assessment).toMatchObject({ level: 'C3' });
    expect([startTrips, confirmTrips, assessTrips]).toEqual([2, 2, 2]);
    const view = (await api.get(`/customers/${c.id}`, agent)).body;
    expect(view).toMatchObject({ identityStatus: 'verified', riskLevel: 'C3' });
  });
});

describe('rate limits on one-time codes', () => {
  it('sends at most 5 codes to one customer in 10 minutes, then answers 429 problem+json; other customers are not held', async () => {
    const c = await register();
    const start = () =>
      api.post(
        `/customers/${c.id}/identity-verifications`,
        { declared: { name: c.body.name, idNumber: c.body.idNumber, birthDate: c.birthDate } },
        agent,
      );
    for (let i = 0; i < 5; i += 1) expect((await start()).status).toBe(201);
    const sentBefore = notifier.sent.length;
    const limited = await start();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(limited.headers.get('retry-after')).not.toBeNull();
    expect(limited.body).toMatchObject({ status: 429, code: 'REQUEST.RATE_LIMITED' });
    expect(notifier.sent.length).toBe(sentBefore);
    const other = await register();
    const elsewhere = await api.post(
      `/customers/${other.id}/identity-verifications`,
      { declared: { name: other.body.name, idNumber: other.body.idNumber, birthDate: other.birthDate } },
      agent,
    );
    expect(elsewhere.status).toBe(201);
  });
});

describe('risk-tolerance assessment (NFRA Order 2025 No. 7)', () => {
  const answers = Object.fromEntries(RISK_QUESTIONNAIRE.map((q) => [q.id, 2]));

  it('scores to a level valid for 12 months, allows two a day and answers the third with 429 and the rule', async () => {
    const c = await register();
    const first = await api.post(`/customers/${c.id}/risk-assessments`, { answers }, agent);
    expect(first.status).toBe(201);
    // Valid for 12 months: until the same date next year, in Shanghai.
    expect(first.body).toMatchObject({ level: 'C3', validUntil: addYears(today(), 1) });
    expect((await api.post(`/customers/${c.id}/risk-assessments`, { answers }, agent)).status).toBe(201);
    const third = await api.post(`/customers/${c.id}/risk-assessments`, { answers }, agent);
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({
      code: 'CUSTOMER.ASSESSMENT_LIMIT',
      rule: {
        id: 'SUITABILITY.ASSESSMENT_DAILY_LIMIT',
        source: expect.stringContaining('NFRA Order 2025 No. 7'),
      },
    });
    const read = await api.get(`/customers/${c.id}`, agent);
    expect(read.body.riskLevel).toBe('C3');
    expect(read.body.riskValidUntil).toBe(first.body.validUntil);
    const [assessed] = await events.waitFor(ofType('customer.risk-tolerance-assessed', c.id), 2);
    expect(assessed.json).toMatchObject({ payload: { level: 'C3', validUntil: first.body.validUntil } });
  });

  it('shows the customer the questionnaire in their language, every option worded, answered by index', async () => {
    const inChinese = await api.get('/customers/risk-questionnaire', agent);
    expect(inChinese.status).toBe(200);
    expect(inChinese.headers.get('content-language')).toBe('zh-CN');
    expect(inChinese.body).toHaveLength(8);
    expect(inChinese.body[0]).toEqual({
      id: 'age',
      text: '您的年龄',
      options: 5,
      choices: ['70岁及以上', '60至69岁', '50至59岁', '35至49岁', '18至34岁'],
    });
    for (const q of inChinese.body as { options: number; choices: string[] }[])
      expect(q.choices).toHaveLength(q.options);
    const inEnglish = await api.request('GET', '/customers/risk-questionnaire', {
      token: agent,
      headers: { 'accept-language': 'en' },
    });
    expect(inEnglish.headers.get('content-language')).toBe('en');
    expect(inEnglish.body.find((q: { id: string }) => q.id === 'knowledge')).toEqual({
      id: 'knowledge',
      text: 'How well do you understand investment-linked insurance?',
      options: 4,
      choices: ['Not at all', 'A little', 'Fairly well', 'Very well'],
    });
  });

  it('refuses an incomplete questionnaire with each missing answer named', async () => {
    const c = await register();
    const res = await api.post(`/customers/${c.id}/risk-assessments`, { answers: { age: 1 } }, agent);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/answers/horizon');
  });
});

describe('consent and the health declaration (PIPL Arts. 28-29)', () => {
  it('stores health data only under a separate consent, and withdrawal stops it at once and deletes it', async () => {
    const c = await register();
    const declaration = {
      answers: [{ questionId: 'hypertension', answer: true, details: 'since 2019, on medication' }],
    };
    const without = await api.put(`/customers/${c.id}/health-declaration`, declaration, agent);
    expect(without.status).toBe(422);
    expect(without.body).toMatchObject({
      code: 'CUSTOMER.CONSENT_REQUIRED',
      rule: { id: 'PIPL.SEPARATE_CONSENT' },
    });

    const consent = await api.post(
      '/consents',
      { customerId: c.id, purpose: 'health_data', noticeVersion: 'HN-2026-01', channel: 'app' },
      agent,
    );
    expect(consent.status).toBe(201);
    expect((await api.put(`/customers/${c.id}/health-declaration`, declaration, agent)).status).toBe(204);
    const [row] = await db.query(
      `SELECT health_declaration::text AS t FROM customer.customer WHERE customer_id = $1`,
      [c.id],
    );
    expect(row.t).not.toContain('hypertension');
    const read = await api.get(`/customers/${c.id}/health-declaration?purpose=underwriting`, underwriter);
    expect(read.body.declaration).toEqual(declaration);

    const withdrawn = await api.post(
      `/consents/${consent.body.consentId}/withdrawal`,
      {},
      tokenFor('customer', 'c', c.id),
    );
    expect(withdrawn.status).toBe(200);
    const after = await api.get(`/customers/${c.id}/health-declaration?purpose=underwriting`, underwriter);
    expect(after.status).toBe(422);
    const [gone] = await db.query(`SELECT health_declaration FROM customer.customer WHERE customer_id = $1`, [
      c.id,
    ]);
    expect(gone.health_declaration).toBeNull();
    const [announced] = await events.waitFor(ofType('customer.consent-withdrawn', c.id));
    expect(announced.json).toMatchObject({
      payload: { consentId: consent.body.consentId, purpose: 'health_data' },
    });
    const list = await api.get(`/consents?customerId=${c.id}`, agent);
    expect(list.body[0].withdrawnAt).not.toBeNull();
  });
});

describe('data-subject rights: export and erasure', () => {
  it('exports everything held about the customer as JSON, and records the export', async () => {
    const c = await register();
    const self = tokenFor('customer', 'cust-login', c.id);
    const res = await api.get(`/customers/${c.id}/export`, self);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      customerId: c.id,
      profile: { idNumber: c.body.idNumber, name: c.body.name, mobile: c.body.mobile },
      history: [{ version: 1, reason: 'registration' }],
    });
    await events.waitFor(
      (m) =>
        ofType('customer.personal-data-accessed', c.id)(m) &&
        (m.json as { payload: { purpose: string } })?.payload.purpose === 'data_subject_export',
    );
  });

  it('erases a customer with nothing the law keeps by destroying the data key: no plaintext of the person is left', async () => {
    const c = await register();
    await api.patch(
      `/customers/${c.id}`,
      {
        expectedVersion: 1,
        purpose: 'service',
        reason: 'new email',
        changes: { email: 'erase.me@example.cn' },
      },
      agent,
    );
    const ticket = await api.post(
      '/tickets',
      {
        customerId: c.id,
        kind: 'inquiry',
        category: 'general',
        subject: `about ${c.body.name}`,
        description: `call ${c.body.mobile}`,
      },
      rep,
    );
    expect(ticket.status).toBe(201);

    // No policy ever held or insured: no retention period, so the erasure is immediate.
    const erased = await api.delete(`/customers/${c.id}`, tokenFor('customer', 'cust-login', c.id));
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({
      customerId: c.id,
      status: 'erased',
      retainedForPolicies: false,
      retainedUntil: null,
      retention: [],
    });
    expect((await api.get(`/customers/${c.id}`, agent)).body.code).toBe('CUSTOMER.ERASED');
    await expectNoPlaintext(c, ['erase.me@example.cn']);
    // The ticket is kept, without the name.
    expect(
      await db.query(`SELECT 1 FROM customer.ticket WHERE ticket_id = $1`, [ticket.body.ticketId]),
    ).toHaveLength(1);
    expect(await db.query(`SELECT 1 FROM customer.data_key WHERE customer_id = $1`, [c.id])).toHaveLength(0);
    const [kept] = await db.query(`SELECT retained, profile FROM customer.customer WHERE customer_id = $1`, [
      c.id,
    ]);
    expect(kept).toEqual({ retained: null, profile: null });
    const [announced] = await events.waitFor(ofType('customer.customer-erased', c.id));
    expect(announced.json).toMatchObject({ payload: { retainedForPolicies: false } });
  });

  it('restricts instead of erasing while a policy runs, answers with what is kept and why, and shreds on the day retention ends', async () => {
    const c = await register();
    const policyId = randomUUID();
    await producer.event('contract.policy-issued', policyId, {
      ...eventFixtures['contract.policy-issued'],
      policyId,
      policyholderId: c.id,
      insuredId: c.id,
    });
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM customer.policy_view WHERE policy_id = $1`, [policyId])).length > 0,
      { description: 'policy replica' },
    );
    const self = tokenFor('customer', 'cust-login', c.id);

    const restricted = await api.delete(`/customers/${c.id}`, self);
    expect(restricted.status).toBe(200);
    expect(restricted.body).toMatchObject({
      customerId: c.id,
      status: 'restricted',
      retainedUntil: null,
      retention: [
        { rule: 'RETENTION.INSURANCE_RECORDS', source: 'Insurance Law Art. 87', policyId, until: null },
        { rule: 'RETENTION.AML_IDENTITY_RECORDS', until: null },
      ],
    });
    expect(restricted.body.explanation).toContain('Insurance Law Art. 87');
    const [announced] = await events.waitFor(ofType('customer.processing-restricted', c.id));
    expect(announced.json).toMatchObject({ payload: { customerId: c.id, retainedUntil: null } });

    // No processing: reads and changes through the usual routes are refused, with the article.
    const read = await api.get(`/customers/${c.id}?purpose=service`, agent);
    expect(read.status).toBe(403);
    expect(read.body).toMatchObject({
      code: 'CUSTOMER.PROCESSING_RESTRICTED',
      rule: { source: 'PIPL Art. 47' },
    });
    const change = await api.patch(
      `/customers/${c.id}`,
      { expectedVersion: 1, purpose: 'service', reason: 'x', changes: { email: 'a@b.cn' } },
      agent,
    );
    expect(change.status).toBe(403);
    // The data subject's copy still works; the key is still there.
    const copy = await api.get(`/customers/${c.id}/export`, self);
    expect(copy.status).toBe(200);
    expect(copy.body.profile.idNumber).toBe(c.body.idNumber);
    // A read with a legal basis, by compliance, recorded with its reference.
    const officer = tokenFor('compliance_officer', 'co-retain');
    expect(
      (
        await api.post(
          `/customers/${c.id}/retained-record-reads`,
          { legalBasis: 'curiosity', reference: 'x' },
          officer,
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await api.post(
          `/customers/${c.id}/retained-record-reads`,
          { legalBasis: 'aml_investigation', reference: 'AML-2026-17' },
          agent,
        )
      ).status,
    ).toBe(403);
    const legal = await api.post(
      `/customers/${c.id}/retained-record-reads`,
      { legalBasis: 'aml_investigation', reference: 'AML-2026-17' },
      officer,
    );
    expect(legal.status).toBe(200);
    expect(legal.body.profile.idNumber).toBe(c.body.idNumber);
    const [access] = await db.query(
      `SELECT purpose, actor FROM customer.data_access WHERE customer_id = $1 AND purpose LIKE 'legal_retention%'`,
      [c.id],
    );
    expect(access).toEqual({ purpose: 'legal_retention:aml_investigation:AML-2026-17', actor: 'co-retain' });
    // Asking again gives the same answer.
    expect((await api.delete(`/customers/${c.id}`, self)).body).toMatchObject({ status: 'restricted' });

    // The policy ends: the periods get their date (a 20-year contract: 10 years, Art. 87; AML 10 years).
    await producer.event('contract.policy-terminated', policyId, {
      ...eventFixtures['contract.policy-terminated'],
      policyId,
      terminatedOn: today(),
    });
    const endedOn = await waitFor(
      async () =>
        (
          await db.query(`SELECT ended_on::text AS d FROM customer.policy_view WHERE policy_id = $1`, [
            policyId,
          ])
        )[0]?.d as string | undefined,
      { description: 'the end of the policy in the replica' },
    );
    const until = addYears(endedOn, 10);
    const sweep = started.app.get(DataSubjectService);
    await sweep.sweepRetention();
    const status = async () =>
      (
        await db.query(
          `SELECT status, retained_until::text AS until FROM customer.customer WHERE customer_id = $1`,
          [c.id],
        )
      )[0];
    expect(await status()).toEqual({ status: 'restricted', until });
    expect((await api.delete(`/customers/${c.id}`, self)).body).toMatchObject({ retainedUntil: until });

    const start = clock.now();
    try {
      clock.set(`${addDays(until, -1)}T12:00:00+08:00`);
      await sweep.sweepRetention();
      expect((await status()).status).toBe('restricted');
      clock.set(`${until}T00:30:00+08:00`);
      await sweep.sweepRetention();
      expect(await status()).toEqual({ status: 'erased', until });
    } finally {
      clock.set(start);
    }
    expect(await db.query(`SELECT 1 FROM customer.data_key WHERE customer_id = $1`, [c.id])).toHaveLength(0);
    await expectNoPlaintext(c, []);
    const [erased] = await events.waitFor(ofType('customer.customer-erased', c.id));
    expect(erased.json).toMatchObject({ payload: { retainedForPolicies: true } });
  });
});

/** No table of the schema holds the customer's ID number, name or mobile, nor the extra values given. */
async function expectNoPlaintext(
  c: { body: { idNumber: string; name: string; mobile: string } },
  extra: string[],
) {
  const tables = await db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'customer'`,
  );
  const secrets = [c.body.idNumber, c.body.name, c.body.mobile, ...extra];
  const found: string[] = [];
  const scanned = new Map<string, number>();
  for (const { table_name } of tables as { table_name: string }[]) {
    const rows = await db.query(`SELECT t::text AS text FROM customer."${table_name}" t`);
    scanned.set(table_name, rows.length);
    for (const { text } of rows as { text: string }[])
      for (const secret of secrets) if (text.includes(secret)) found.push(`${table_name}: ${secret}`);
  }
  // The scan read the rows that named the customer.
  expect(scanned.get('customer')).toBeGreaterThan(0);
  expect(found).toEqual([]);
}

describe('complaints and their statutory deadlines (CBIRC Order 2020 No. 3)', () => {
  it('raises a breach event once a complaint passes its 15-day deadline unanswered', async () => {
    const c = await register();
    const opened = await api.post(
      '/tickets',
      {
        customerId: c.id,
        kind: 'complaint',
        category: 'sales_conduct',
        subject: 'mis-selling',
        description: 'was not told about the waiting period',
      },
      rep,
    );
    expect(opened.status).toBe(201);
    expect(opened.body.dueOn).toBe(addDays(today(), 15));
    const answered = await api.post(
      '/tickets',
      { customerId: c.id, kind: 'complaint', category: 'claims', subject: 'slow claim', description: 'x' },
      rep,
    );
    await api.post(
      `/tickets/${answered.body.ticketId}/resolution`,
      { resolution: 'claim paid, apology sent' },
      rep,
    );

    const sweep = started.app.get(ComplaintDeadlineJob).job;
    clock.advanceDays(15);
    try {
      // Day 15 is the last day to answer: a sweep then breaches nothing.
      await sweep.runNow();
      expect((await api.get(`/tickets/${opened.body.ticketId}`, rep)).body.breachedAt).toBeNull();
      clock.advanceDays(1);
      await sweep.runNow();
      const [breach] = await events.waitFor(ofType('customer.complaint-deadline-breached', c.id));
      expect(breach.json).toMatchObject({
        payload: { ticketId: opened.body.ticketId, dueOn: opened.body.dueOn },
      });
      const ticket = await api.get(`/tickets/${opened.body.ticketId}`, rep);
      expect(ticket.body.breachedAt).not.toBeNull();
      // Reported once, and never for the complaint that was answered in time: after one more sweep, a marker on the
      // customer's key (a new ticket) proves every event written before it has arrived.
      await sweep.runNow();
      const marker = await api.post(
        '/tickets',
        { customerId: c.id, kind: 'complaint', category: 'claims', subject: 'marker', description: 'x' },
        rep,
      );
      await events.waitFor(
        (m) =>
          ofType('customer.complaint-opened', c.id)(m) &&
          (m.json as { payload: { ticketId: string } }).payload.ticketId === marker.body.ticketId,
      );
      expect(events.matching(ofType('customer.complaint-deadline-breached', c.id))).toHaveLength(1);
    } finally {
      clock.advanceDays(-16);
    }
  });

  it('extends to 30 days, needs a manager for the further 30, and allows nothing beyond', async () => {
    const c = await register();
    const opened = await api.post(
      '/tickets',
      { customerId: c.id, kind: 'complaint', category: 'service', subject: 's', description: 'd' },
      rep,
    );
    const id = opened.body.ticketId;
    const first = await api.post(`/tickets/${id}/extension`, { reason: 'needs the sales recording' }, rep);
    expect(first.status).toBe(200);
    expect(first.body.deadlineStage).toBe('extended');
    const byRep = await api.post(`/tickets/${id}/extension`, { reason: 'more time' }, rep);
    expect(byRep.status).toBe(422);
    expect(byRep.body.rule).toMatchObject({ id: 'COMPLAINT.APPROVAL_REQUIRED' });
    const byManager = await api.post(
      `/tickets/${id}/extension`,
      { reason: 'external expert opinion' },
      admin,
    );
    expect(byManager.body.deadlineStage).toBe('further_extended');
    expect((await api.post(`/tickets/${id}/extension`, { reason: 'again' }, admin)).body.rule).toMatchObject({
      id: 'COMPLAINT.NO_MORE_EXTENSIONS',
    });
    await api.post(`/tickets/${id}/notes`, { kind: 'feedback', text: 'customer unhappy with the wait' }, rep);
    await api.post(
      `/tickets/${id}/notes`,
      { kind: 'improvement', text: 'send recordings with the first answer' },
      rep,
    );
    const ticket = await api.get(`/tickets/${id}`, rep);
    expect(ticket.body.notes.map((n: { kind: string }) => n.kind)).toEqual([
      'extension',
      'extension',
      'feedback',
      'improvement',
    ]);
    const extended = await events.waitFor(ofType('customer.complaint-deadline-extended', c.id), 2);
    expect(
      extended.map((m) => (m.json as { payload: { approvedBy: string | null } })?.payload.approvedBy),
    ).toEqual([null, 'admin-1']);
  });
});

describe('surveys and the 360 view from other services’ events', () => {
  it('sends a survey after a PolicyIssued event and takes its CSAT and NPS answers', async () => {
    const c = await register();
    const policyId = randomUUID();
    await producer.event('contract.policy-issued', policyId, {
      ...eventFixtures['contract.policy-issued'],
      policyId,
      policyholderId: c.id,
      insuredId: c.id,
    });
    const [sent] = await events.waitFor(ofType('customer.survey-sent', c.id));
    expect(sent.json).toMatchObject({ payload: { trigger: 'policy_issued', policyId } });
    const surveyId = (sent.json as { payload: { surveyId: string } }).payload.surveyId;

    const self = tokenFor('customer', 'cust-login', c.id);
    const answer = await api.post(`/surveys/${surveyId}/answers`, { csat: 4, nps: 9 }, self);
    expect(answer.status).toBe(201);
    expect((await api.post(`/surveys/${surveyId}/answers`, { csat: 5, nps: 10 }, self)).status).toBe(409);
    const [answered] = await events.waitFor(ofType('customer.survey-answered', c.id));
    expect(answered.json).toMatchObject({
      payload: { csat: 4, nps: 9, productCode: eventFixtures['contract.policy-issued'].productCode },
    });

    const view = await api.get(`/customers/${c.id}/360`, rep);
    expect(view.body.policies).toEqual([
      expect.objectContaining({ policyId, status: 'in_force', roles: ['policyholder', 'insured'] }),
    ]);
    expect(view.body.surveys).toHaveLength(1);
  });

  it('lists a mother’s policy on her child under each of them, by role', async () => {
    const mother = await register();
    const child = await register();
    const policyId = randomUUID();
    await producer.event('contract.policy-issued', policyId, {
      ...eventFixtures['contract.policy-issued'],
      policyId,
      policyholderId: mother.id,
      insuredId: child.id,
      insuredRelationship: 'child',
    });
    await waitFor(
      async () => (await api.get(`/customers/${child.id}/360`, rep)).body.policies?.length === 1,
      {
        description: 'the policy in the child’s 360 view',
      },
    );
    expect((await api.get(`/customers/${child.id}/360`, rep)).body.policies).toEqual([
      expect.objectContaining({ policyId, roles: ['insured'] }),
    ]);
    expect((await api.get(`/customers/${mother.id}/360`, rep)).body.policies).toEqual([
      expect.objectContaining({ policyId, roles: ['policyholder'] }),
    ]);
  });

  it('moves a policy to its new policyholder’s 360 view when it passes to them', async () => {
    const [mother, father, child] = [await register(), await register(), await register()];
    const policyId = randomUUID();
    await producer.event('contract.policy-issued', policyId, {
      ...eventFixtures['contract.policy-issued'],
      policyId,
      policyholderId: mother.id,
      insuredId: child.id,
      insuredRelationship: 'child',
    });
    await producer.event('contract.policyholder-changed', policyId, {
      ...eventFixtures['contract.policyholder-changed'],
      policyId,
      previousPolicyholderId: mother.id,
      policyholderId: father.id,
      payerId: father.id,
      insuredRelationship: 'child',
    });
    await waitFor(
      async () => (await api.get(`/customers/${father.id}/360`, rep)).body.policies?.length === 1,
      { description: 'the policy in the new policyholder’s 360 view' },
    );
    expect((await api.get(`/customers/${father.id}/360`, rep)).body.policies).toEqual([
      expect.objectContaining({ policyId, roles: ['policyholder'] }),
    ]);
    expect((await api.get(`/customers/${mother.id}/360`, rep)).body.policies).toEqual([]);
    expect((await api.get(`/customers/${child.id}/360`, rep)).body.policies).toEqual([
      expect.objectContaining({ policyId, roles: ['insured'] }),
    ]);
  });

  it('follows the claim to payment and sends the claim survey to the policyholder', async () => {
    const c = await register();
    const policyId = randomUUID();
    const claimId = randomUUID();
    await producer.event('contract.policy-issued', policyId, {
      ...eventFixtures['contract.policy-issued'],
      policyId,
      policyholderId: c.id,
      insuredId: c.id,
    });
    // The claim's events follow at once: on another topic, they may be applied before the policy (the payment names
    // the policyholder its survey goes to).
    await producer.event('claims.claim-reported', claimId, {
      ...eventFixtures['claims.claim-reported'],
      claimId,
      policyId,
      insuredId: c.id,
    });
    await producer.event('claims.claim-paid', claimId, {
      ...eventFixtures['claims.claim-paid'],
      claimId,
      policyId,
      insuredId: c.id,
      policyholderId: c.id,
      amountFen: 1_200_000,
    });
    await events.waitFor(
      (m) =>
        ofType('customer.survey-sent', c.id)(m) &&
        (m.json as { payload: { trigger: string } })?.payload.trigger === 'claim_paid',
    );
    const view = await api.get(`/customers/${c.id}/360`, rep);
    expect(view.body.claims).toEqual([
      expect.objectContaining({ claimId, status: 'paid', amountPaidFen: 1_200_000 }),
    ]);
  });

  it('sends a death claim’s survey to the policyholder its payment names, its policy not seen yet', async () => {
    const policyholder = await register();
    const insured = await register();
    const policyId = randomUUID();
    const claimId = randomUUID();
    // No policy-issued event for this policy: the payment alone says whom to ask (the insured has died).
    await producer.event('claims.claim-paid', claimId, {
      ...eventFixtures['claims.claim-paid'],
      claimId,
      policyId,
      insuredId: insured.id,
      policyholderId: policyholder.id,
      claimType: 'death',
    });
    const [sent] = await events.waitFor(
      (m) =>
        ofType('customer.survey-sent', policyholder.id)(m) &&
        (m.json as { payload: { claimId?: string } })?.payload.claimId === claimId,
    );
    expect((sent.json as { payload: unknown }).payload).toMatchObject({
      customerId: policyholder.id,
      trigger: 'claim_paid',
      policyId,
      claimId,
    });
  });
});

describe('integrator commands on customer.commands.v1', () => {
  it('registers from a RegisterCustomer command and answers with the event correlated by command id', async () => {
    const { idNumber } = freshResidentId('male');
    const commandId = await producer.command('customer.register-customer', {
      purpose: 'quotation',
      channel: 'broker',
      name: '王五',
      idType: 'resident_id',
      idNumber,
      mobile: freshMobile(),
    });
    const [registered] = await events.waitFor((m) => {
      const e = m.json as { type?: string; correlationId?: string };
      return e?.type === 'customer.customer-registered' && e.correlationId === commandId;
    });
    const customerId = (registered.json as { aggregateId: string }).aggregateId;
    const found = await api.get(`/customers?idType=resident_id&idNumber=${idNumber}`, rep);
    expect(found.body.customerIds).toEqual([customerId]);
  });

  it('answers a refused command with customer.command-rejected naming the field and rule', async () => {
    const commandId = await producer.command('customer.register-customer', {
      purpose: 'quotation',
      channel: 'broker',
      name: '赵六',
      idType: 'resident_id',
      idNumber: '110105194912310021',
    });
    const [rejected] = await events.waitFor((m) => {
      const e = m.json as { type?: string; payload?: { commandId?: string } };
      return e?.type === 'customer.command-rejected' && e.payload?.commandId === commandId;
    });
    expect(rejected.json).toMatchObject({
      correlationId: commandId,
      payload: { reasons: [{ code: 'ID.CHECKSUM', pointer: '/payload/idNumber', source: 'GB 11643-1999' }] },
    });
  });

  it('applies an UpdateCustomer command with its expected version', async () => {
    const c = await register();
    const commandId = await producer.command('customer.update-customer', {
      customerId: c.id,
      expectedVersion: 1,
      reason: 'partner correction',
      changes: { purpose: 'quotation', dependants: 2 },
    });
    const [updated] = await events.waitFor(
      (m) =>
        ofType('customer.profile-updated', c.id)(m) &&
        (m.json as { correlationId: string })?.correlationId === commandId,
    );
    expect(updated.json).toMatchObject({ payload: { profileVersion: 2, changedFields: ['dependants'] } });
  });
});

describe('service staff training (manual 5.4)', () => {
  it('flags a rep under 30 training hours a year and averages quality scores', async () => {
    const staffId = `rep-${randomUUID().slice(0, 8)}`;
    expect((await api.post('/staff', { staffId, name: '李四', role: 'service_rep' }, admin)).status).toBe(
      201,
    );
    await api.post(
      `/staff/${staffId}/training`,
      { topic: 'complaint handling', hours: 12.5, completedOn: '2026-03-02' },
      admin,
    );
    await api.post(
      `/staff/${staffId}/training`,
      { topic: 'PIPL', hours: 8, completedOn: '2025-12-30' },
      admin,
    );
    await api.post(`/staff/${staffId}/quality-reviews`, { score: 80, reviewedOn: '2026-04-01' }, admin);
    await api.post(`/staff/${staffId}/quality-reviews`, { score: 91, reviewedOn: '2026-05-01' }, admin);
    const report = await api.get('/staff/training-report?year=2026', tokenFor('analyst'));
    expect(report.body.find((r: { staffId: string }) => r.staffId === staffId)).toEqual({
      staffId,
      name: '李四',
      role: 'service_rep',
      year: 2026,
      hours: 12.5,
      requiredHours: 30,
      shortfallHours: 17.5,
      flagged: true,
      averageQuality: 85.5,
    });
  });
});
