import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { SubmitApplicationV1, Topics } from '@insurer/contracts';
import { eventFixtures } from '@insurer/contracts/testing';
import { countedTransaction, serviceDataSourceOptions } from '@insurer/platform-database';
import { OutboxPublisher, createKafka } from '@insurer/platform-messaging';
import type { StartedService } from '@insurer/platform-runtime';
import { HttpClient, TestProducer, startServiceUnderTest } from '@insurer/platform-test-harness';
import {
  TopicCollector,
  heldRequests,
  repoRoot,
  testEnvironment,
  tokenFor,
  waitFor,
  type CollectedMessage,
} from '@insurer/platform-testing';
import { ManualClock, addDays, addYears, shanghaiDate } from '@insurer/platform-time';
import { seedSales } from '@insurer/platform-scenarios';
import { SubmitApplicationHandler } from '../src/proposal/application/submit-application.handler';
import { ProductService } from '../src/product/application/product.service';
import { IssueQuoteHandler, type QuoteRequest } from '../src/quote/application/issue-quote.handler';
import { HEALTH_QUESTIONS } from '../src/proposal/domain/application-rules';
import { KEY_ELEMENTS } from '../src/proposal/domain/dual-recording';
import type { SalesConfig } from '../src/sales-config';
import { ReturnVisitOverdueJob } from '../src/sales.module';
import { PipelineService } from '../src/salesperson/application/pipeline.service';
import { SalespersonQueries } from '../src/salesperson/application/salesperson.queries';
import { SalespersonRepository } from '../src/salesperson/infrastructure/salesperson.repository';
import { SaleContextService } from '../src/suitability/application/sale-context.service';
import { RecommendationService } from '../src/suitability/application/recommendation.service';
import { CustomerFactsArrivals } from '../src/customer-replica/application/customer-facts-arrivals';
import { service } from '../src/service';

const env = testEnvironment();
const kafka = createKafka({ clientId: 'sales-svc-test', brokers: env.kafkaBrokers.split(',') });
const clock = new ManualClock(new Date());
const admin = tokenFor('admin', 'admin-1');
const agent = tokenFor('agent', 'agent-1');

let started: StartedService<SalesConfig>;
let api: HttpClient;
let events: TopicCollector;
let producer: TestProducer;
let db: DataSource;

const today = () => shanghaiDate(clock.now());
const UNDERTRAINED = `S-UT-${randomUUID().slice(0, 6)}`;
/** A birth date that makes the customer `age` (completed years) on tomorrow's effective date. */
const bornForAge = (age: number) => addDays(addYears(addDays(today(), 1), -age), -10);
const payloadOf = (m: CollectedMessage) => (m.json as { payload: Record<string, unknown> })?.payload;
const ofType = (type: string, match: (p: Record<string, unknown>) => boolean) => (m: CollectedMessage) =>
  (m.json as { type?: string })?.type === type && match(payloadOf(m));

interface CustomerSpec {
  age?: number;
  gender?: 'male' | 'female';
  level?: 'C1' | 'C2' | 'C3' | 'C4' | 'C5';
  validUntil?: string;
  householdIncomeFen?: number;
  annualIncomeFen?: number;
  verified?: boolean;
}

/** Plays customer-svc: announces a customer and their assessment, then waits for sales' replica to hold them. */
async function customer(spec: CustomerSpec = {}): Promise<string> {
  const customerId = randomUUID();
  await producer.event('customer.customer-registered', customerId, {
    customerId,
    customerType: 'individual',
    gender: spec.gender ?? 'male',
    birthDate: bornForAge(spec.age ?? 30),
    occupationClass: 1,
    annualIncomeFen: spec.annualIncomeFen ?? 30_000_000,
    householdIncomeFen: spec.householdIncomeFen ?? 50_000_000,
    existingCoverFen: 0,
    dependants: 1,
    registeredAt: clock.now().toISOString(),
  });
  await producer.event('customer.risk-tolerance-assessed', customerId, {
    customerId,
    assessmentId: randomUUID(),
    level: spec.level ?? 'C3',
    score: 25,
    assessedAt: clock.now().toISOString(),
    validUntil: spec.validUntil ?? addYears(today(), 1),
  });
  if (spec.verified !== false) {
    await producer.event('customer.identity-verified', customerId, {
      customerId,
      checks: ['id_number', 'declared_data', 'contact'],
      verifiedAt: clock.now().toISOString(),
    });
  }
  await waitFor(
    async () => {
      const [row] = await db.query(
        `SELECT risk_level, identity_verified FROM sales.customer_facts WHERE customer_id = $1`,
        [customerId],
      );
      return Boolean(row?.risk_level) && (spec.verified === false || row.identity_verified === true);
    },
    { description: 'the customer replica' },
  );
  return customerId;
}

const quoteBody = (customerId: string, overrides: Record<string, unknown> = {}) => ({
  customerId,
  productCode: 'TL20',
  sumInsuredFen: 50_000_000,
  paymentMode: 'annual',
  paymentTermYears: 20,
  coverageTermYears: 20,
  salespersonId: 'S-1001',
  channel: 'agent',
  ...overrides,
});

const applicationBody = (quoteId: string, customerId: string, overrides: Record<string, unknown> = {}) => ({
  quoteId,
  insuredId: customerId,
  payerId: customerId,
  payerRelationship: 'self',
  salespersonId: 'S-1001',
  healthAnswers: HEALTH_QUESTIONS.map((q) => ({ questionId: q.id, answer: false })),
  heightCm: 175,
  weightKg: 70,
  beneficiaries: [{ name: '配偶', relationship: 'spouse', sharePercent: 100 }],
  signature: { signedBy: customerId, signedAt: clock.now().toISOString(), sha256: 'c'.repeat(64) },
  ...overrides,
});

async function quote(customerId: string, overrides: Record<string, unknown> = {}) {
  const res = await api.post('/quotes', quoteBody(customerId, overrides), agent);
  expect(res.status).toBe(201);
  return res.body as { quoteId: string; premiumFen: number; sumInsuredFen: number; validUntil: string };
}

/**
 * Runs `use` with sales' services on a DataSource of one connection: a transaction that reads on the pool, or opens a
 * transaction of its own, while it holds its connection waits for a second one, which a full pool never gives back
 * (until its timeout, answered 503). One connection shows it at once.
 */
async function onOneConnection(
  use: (parts: {
    one: DataSource;
    outbox: OutboxPublisher;
    products: ProductService;
    pipeline: PipelineService;
  }) => Promise<void>,
): Promise<void> {
  const one = await new DataSource(
    serviceDataSourceOptions(service.database, {
      url: env.databaseUrl,
      poolMax: 1,
      applicationName: 'sales-svc-test-one-connection',
    }),
  ).initialize();
  try {
    const outbox = started.app.get(OutboxPublisher);
    await use({
      one,
      outbox,
      products: new ProductService(one, outbox, clock),
      pipeline: new PipelineService(one, clock),
    });
  } finally {
    await one.destroy();
  }
}

function seededRate(code: string, age: number, gender: string, term: number): number {
  const csv = readFileSync(join(repoRoot(), 'apps/sales-svc/seed', code, 'rates.csv'), 'utf8');
  const line = csv.split('\n').find((l) => l.startsWith(`${age},${gender},${term},`));
  return Number(line?.split(',')[3]);
}

beforeAll(async () => {
  db = await new DataSource({ type: 'postgres', url: env.databaseUrl }).initialize();
  started = await startServiceUnderTest(service, { clock, env: { RETURN_VISIT_SWEEP_MS: '200' } });
  api = new HttpClient(started.url);
  events = await new TopicCollector(kafka, [Topics.SALES_EVENTS]).start();
  producer = await new TestProducer(kafka).start();
  await seedSales(started.url, admin, () => undefined);
  // A salesperson past their first year with 10 hours this year and none last year: the annual requirement bites.
  const now = clock.now();
  clock.set(new Date(now.getTime() - 2 * 365 * 86_400_000));
  const veteran = {
    name: 'Under Trained',
    grade: 'G3',
    licenceNumber: 'L-UT',
    licenceValidUntil: '2099-12-31',
  };
  expect((await api.put(`/salespeople/${UNDERTRAINED}`, veteran, admin)).status).toBe(200);
  clock.set(now);
  await api.post(`/salespeople/${UNDERTRAINED}/training`, { hours: 10, completedOn: today() }, admin);
});

afterAll(async () => {
  await producer?.stop();
  await events?.stop();
  await started?.app.close();
  await db?.destroy();
});

describe('the product catalogue', () => {
  it('serves the health questions an application for a product must answer, worded for the applicant', async () => {
    const termLife = await api.get('/products/TL20/health-questions', agent);
    expect(termLife.status).toBe(200);
    expect(termLife.headers.get('content-language')).toBe('zh-CN');
    expect(termLife.body.map((q: { id: string }) => q.id)).toEqual([
      'hospitalised_5y',
      'cancer',
      'heart_disease',
      'hypertension',
      'diabetes',
      'abnormal_checkup_2y',
    ]);
    expect(termLife.body[1]).toEqual({ id: 'cancer', text: '您是否曾被诊断患有恶性肿瘤？' });
    const inEnglish = await api.request('GET', '/products/TL20/health-questions', {
      token: agent,
      headers: { 'accept-language': 'en' },
    });
    expect(inEnglish.body[1]).toEqual({
      id: 'cancer',
      text: 'Have you ever been diagnosed with a malignant tumour?',
    });
    // Accident cover asks none; a product not on sale is refused with its code.
    expect((await api.get('/products/PA1/health-questions', agent)).body).toEqual([]);
    const unknown = await api.get('/products/NO-SUCH/health-questions', agent);
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('PRODUCT.NOT_ON_SALE');
  });

  it('loads the starter catalogue through the admin API and announces each product with its full definition', async () => {
    const catalogue = await api.get('/products', agent);
    expect(catalogue.body.map((p: { productCode: string }) => p.productCode)).toEqual(
      expect.arrayContaining(['CI30', 'MED1', 'PA1', 'TL20', 'UL10']),
    );
    const [published] = await events.waitFor(
      ofType('sales.product-published', (p) => (p.product as { productCode: string }).productCode === 'TL20'),
    );
    const product = payloadOf(published).product as Record<string, unknown> & {
      rates: { rows: unknown[] };
      cashValues: unknown[];
      coverages: unknown[];
    };
    expect(product).toMatchObject({ type: 'term_life', coolingOffDays: 15, riskGrade: 'R1' });
    expect(product.rates.rows).toHaveLength(43 * 2 * 2);
    expect(product.cashValues).toHaveLength(43 * 2 * 2);
    expect(product.coverages[0]).toMatchObject({ code: 'DEATH', waitingPeriodDays: 90 });
  });

  it('lists each product once, at its latest published version already in force, with that version’s terms', async () => {
    const definition = JSON.parse(
      readFileSync(join(repoRoot(), 'apps/sales-svc/seed/PA1/product.json'), 'utf8'),
    );
    const csv = readFileSync(join(repoRoot(), 'apps/sales-svc/seed/PA1/rates.csv'), 'utf8');
    const code = `C${randomUUID().slice(0, 6).toUpperCase()}`;
    const listed = async () =>
      (await api.get('/products', agent)).body.filter((p: { productCode: string }) => p.productCode === code);
    const publishVersion = async (name: string, effectiveFrom: string) => {
      const created = await api.post('/products', { ...definition, productCode: code, name }, admin);
      expect(created.status).toBe(201);
      const version = created.body.version as number;
      const rates = await fetch(`${started.url}/products/${code}/versions/${version}/rates`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
        body: csv,
      });
      expect(rates.status).toBe(200);
      const published = await api.post(
        `/products/${code}/versions/${version}/publication`,
        { effectiveFrom },
        admin,
      );
      expect(published.status).toBe(200);
    };
    await publishVersion('意外伤害 第一版', today());
    expect(await listed()).toEqual([expect.objectContaining({ version: 1, name: '意外伤害 第一版' })]);
    // A version from tomorrow is not on sale yet; one from today published after it is.
    await publishVersion('意外伤害 第二版', addDays(today(), 1));
    expect(await listed()).toEqual([expect.objectContaining({ version: 1, name: '意外伤害 第一版' })]);
    await publishVersion('意外伤害 第三版', today());
    expect(await listed()).toEqual([
      expect.objectContaining({ version: 3, name: '意外伤害 第三版', effectiveFrom: today() }),
    ]);
  });

  it('refuses a rate table with a gap in the ages or a non-numeric cell, naming where', async () => {
    const definition = JSON.parse(
      readFileSync(join(repoRoot(), 'apps/sales-svc/seed/PA1/product.json'), 'utf8'),
    );
    const code = `T${randomUUID().slice(0, 6).toUpperCase()}`;
    const created = await api.post('/products', { ...definition, productCode: code }, admin);
    expect(created.status).toBe(201);
    const csv = readFileSync(join(repoRoot(), 'apps/sales-svc/seed/PA1/rates.csv'), 'utf8');
    const put = (text: string, language = 'en') =>
      fetch(`${started.url}/products/${code}/versions/1/rates`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${admin}`,
          'content-type': 'text/csv',
          'accept-language': language,
        },
        body: text,
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { errors: unknown[]; detail: string },
      }));
    const missingAge = await put(csv.replace(/^40,male,1,50\n/m, ''));
    expect(missingAge.status).toBe(422);
    expect(missingAge.body.errors).toEqual([
      expect.objectContaining({
        rule: 'TABLE.AGES_NOT_CONTIGUOUS',
        message: 'male, 1-year payment: no row for entry age 40.',
      }),
    ]);
    expect(missingAge.body.detail).toBe(
      'The rate table is not valid: male, 1-year payment: no row for entry age 40.',
    );
    const inChinese = await put(csv.replace(/^40,male,1,50\n/m, ''), 'zh-CN,zh;q=0.9');
    expect(inChinese.body.errors).toEqual([
      expect.objectContaining({
        rule: 'TABLE.AGES_NOT_CONTIGUOUS',
        message: '男性、1年缴费：缺少投保年龄40的行。',
      }),
    ]);
    expect(inChinese.body.detail).toBe('费率表不符合要求：男性、1年缴费：缺少投保年龄40的行。');
    const badCell = await put(csv.replace(/^41,male,1,50$/m, '41,male,1,fifty'));
    expect(badCell.body.errors).toEqual([
      expect.objectContaining({ pointer: '/csv/25/rate_per_1000_fen', rule: 'TABLE.CELL' }),
    ]);
    expect((await put(csv)).status).toBe(200);
    const published = await api.post(
      `/products/${code}/versions/1/publication`,
      { effectiveFrom: today() },
      admin,
    );
    expect(published.status).toBe(200);
    expect((await api.put(`/products/${code}/versions/1/rates`, { rows: [] }, admin)).status).toBe(400);
  });

  it('refuses a product whose cooling-off period is below 15 days for long-term life cover', async () => {
    const definition = JSON.parse(
      readFileSync(join(repoRoot(), 'apps/sales-svc/seed/TL20/product.json'), 'utf8'),
    );
    const res = await api.post(
      '/products',
      { ...definition, productCode: 'TL-SHORT', coolingOffDays: 10 },
      admin,
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ pointer: '/coolingOffDays', rule: 'PRODUCT.COOLING_OFF' }),
    ]);
  });
});

/** A salesperson's standing as sales-svc's API shows it, in the shape a sale's event carries it. */
async function standingOf(salespersonId: string) {
  const { standing } = (await api.get(`/salespeople/${salespersonId}`, admin)).body;
  expect(standing.status).toBe('active');
  return {
    grade: standing.grade,
    // The insurer's grading: G1 sells up to R2, G2 up to R3, G3 everything.
    maxProductGrade: ({ G1: 'R2', G2: 'R3', G3: 'R5' } as Record<string, string>)[standing.grade] ?? null,
    licenceNumber: standing.licenceNumber,
    licenceValidUntil: standing.licenceValidUntil,
    trainingHoursByYear: standing.training.hoursByYear,
    serviceStartedOn: standing.training.serviceStartedOn,
    status: standing.status,
  };
}

describe('quotes', () => {
  it('rates from the sum insured with the seeded table: 500,000 yuan for a 30-year-old man', async () => {
    const customerId = await customer();
    const rate = seededRate('TL20', 30, 'male', 20);
    const q = await quote(customerId);
    expect(q).toMatchObject({
      sumInsuredFen: 50_000_000,
      premiumFen: (50_000_000 * rate) / 100_000,
      validUntil: addDays(today(), 30),
    });
    const [issued] = await events.waitFor(ofType('sales.quote-issued', (p) => p.quoteId === q.quoteId));
    expect(payloadOf(issued)).toMatchObject({ customerId, productCode: 'TL20', premiumFen: q.premiumFen });
    // The salesperson's standing the quote was allowed on travels with it (contracts 1.10.0).
    expect(payloadOf(issued).salespersonStanding).toEqual(await standingOf('S-1001'));
    await events.waitFor(
      ofType('sales.suitability-assessed', (p) => p.customerId === customerId && p.outcome === 'suitable'),
    );
  });

  it('stops quoting for a customer whose data is restricted after an erasure request (PIPL Art. 47)', async () => {
    const customerId = await customer();
    await quote(customerId);
    await producer.event('customer.processing-restricted', customerId, {
      customerId,
      restrictedAt: clock.now().toISOString(),
      retainedUntil: null,
      grounds: [{ rule: 'RETENTION.INSURANCE_RECORDS', source: 'Insurance Law Art. 87', until: null }],
    });
    await waitFor(
      async () =>
        (
          await db.query(`SELECT erased, birth_date FROM sales.customer_facts WHERE customer_id = $1`, [
            customerId,
          ])
        )[0]?.erased === true || undefined,
      { description: 'the replica to drop the restricted customer' },
    );
    const refused = await api.post('/quotes', quoteBody(customerId), agent);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('SALES.CUSTOMER_UNKNOWN');
  });

  it('rates from the premium: the sum insured it buys, rounded down to 1,000 yuan', async () => {
    const customerId = await customer();
    const rate = seededRate('TL20', 30, 'male', 20);
    const q = await quote(customerId, { sumInsuredFen: undefined, premiumFen: 100_000 });
    const expectedSi = Math.floor((100_000 * 100_000) / rate / 100_000) * 100_000;
    expect(q.sumInsuredFen).toBe(expectedSi);
    expect(q.premiumFen).toBe(Math.round((expectedSi * rate) / 100_000));
    expect(q.premiumFen).toBeLessThanOrEqual(100_000);
  });

  it('returns the first quote for a retried request with the same Idempotency-Key', async () => {
    const customerId = await customer();
    const key = `quote-${randomUUID()}`;
    const first = await api.post('/quotes', quoteBody(customerId), agent, { 'idempotency-key': key });
    const again = await api.post('/quotes', quoteBody(customerId), agent, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.quoteId).toBe(first.body.quoteId);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM sales.quote WHERE customer_id = $1`,
      [customerId],
    );
    expect(count).toBe(1);
    const reused = await api.post('/quotes', quoteBody(customerId, { sumInsuredFen: 60_000_000 }), agent, {
      'idempotency-key': key,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
  });

  it.each([
    [
      'a product above the customer level',
      { level: 'C3' },
      {
        productCode: 'UL10',
        sumInsuredFen: undefined,
        premiumFen: 1_000_000,
        paymentTermYears: 10,
        paymentMode: 'annual',
      },
      'SALES.SUITABILITY_MISMATCH',
      'SUITABILITY.LEVEL',
      'NFRA Order 2025 No. 7',
    ],
    [
      'an expired risk assessment',
      { validUntil: '2020-01-01' },
      {},
      'SALES.SUITABILITY_MISMATCH',
      'SUITABILITY.ASSESSMENT_EXPIRED',
      'NFRA Order 2025 No. 7',
    ],
    [
      'an undertrained salesperson',
      {},
      { salespersonId: UNDERTRAINED },
      'SALES.SALESPERSON_NOT_AUTHORISED',
      'SALESPERSON.UNDERTRAINED',
      'NFRA Order 2023 No. 2',
    ],
    [
      'a salesperson graded below the product',
      { level: 'C5' },
      {
        productCode: 'UL10',
        salespersonId: 'S-1002',
        sumInsuredFen: undefined,
        premiumFen: 1_000_000,
        paymentTermYears: 10,
      },
      'SALES.SALESPERSON_NOT_AUTHORISED',
      'SALESPERSON.GRADE_TOO_LOW',
      'NFRA Order 2023 No. 2',
    ],
  ])('refuses %s with the rule and its source', async (_case, spec, overrides, code, rule, source) => {
    const customerId = await customer(spec as CustomerSpec);
    const res = await api.post('/quotes', quoteBody(customerId, overrides), agent);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe(code);
    expect(res.body.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: rule, source: expect.stringContaining(source) }),
      ]),
    );
  });

  it('keeps a refused quote’s assessment on a single database connection, after the refusal rolled the request back', async () => {
    const customerId = await customer({ validUntil: '2020-01-01' });
    await onOneConnection(async ({ one, outbox, products, pipeline }) => {
      const salespeople = new SalespersonQueries(one, new SalespersonRepository(one, outbox));
      const sale = new SaleContextService(one, products, salespeople, outbox, clock);
      const quotes = new IssueQuoteHandler(one, outbox, clock, sale, pipeline);
      await expect(
        quotes.execute(quoteBody(customerId) as QuoteRequest, { correlationId: randomUUID() }),
      ).rejects.toMatchObject({ code: 'SALES.SUITABILITY_MISMATCH' });
    });
    const records = await db.query(`SELECT outcome FROM sales.suitability_record WHERE customer_id = $1`, [
      customerId,
    ]);
    expect(records).toEqual([{ outcome: 'mismatch' }]);
    expect(await db.query(`SELECT 1 FROM sales.quote WHERE customer_id = $1`, [customerId])).toEqual([]);
  });

  it('returns "advise to stop" when the premium is beyond the customer’s means, and quotes with their signed declaration', async () => {
    // 1 million yuan of 10-pay term life at 55 costs over 20% of a 100,000-yuan household income.
    const customerId = await customer({
      age: 55,
      annualIncomeFen: 10_000_000,
      householdIncomeFen: 10_000_000,
    });
    const terms = { paymentTermYears: 10, sumInsuredFen: 100_000_000 };
    const stop = await api.post('/quotes', quoteBody(customerId, terms), agent);
    expect(stop.status).toBe(422);
    expect(stop.body).toMatchObject({
      code: 'SALES.ADVISE_STOP',
      outcome: 'advise_stop',
      reasons: [{ code: 'AFFORDABILITY.ANNUAL_PREMIUM' }],
    });
    const [record] = await db.query(`SELECT outcome FROM sales.suitability_record WHERE customer_id = $1`, [
      customerId,
    ]);
    expect(record.outcome).toBe('advise_stop');
    const acknowledged = await api.post(
      '/quotes',
      quoteBody(customerId, {
        ...terms,
        acknowledgement: {
          signedBy: customerId,
          signedAt: clock.now().toISOString(),
          sha256: 'd'.repeat(64),
        },
      }),
      agent,
    );
    expect(acknowledged.status).toBe(201);
    expect(acknowledged.body.suitability.outcome).toBe('acknowledged');
  });
});

describe('applications', () => {
  it('submits an application from a valid quote and publishes it for underwriting', async () => {
    const customerId = await customer();
    const q = await quote(customerId);
    const res = await api.post('/applications', applicationBody(q.quoteId, customerId), agent);
    expect(res.status).toBe(201);
    const [submitted] = await events.waitFor(
      ofType('sales.application-submitted', (p) => p.applicationId === res.body.applicationId),
    );
    expect(payloadOf(submitted)).toMatchObject({
      quoteId: q.quoteId,
      policyholderId: customerId,
      insuredAge: 30,
      insuredGender: 'male',
      bmi: 22.9,
      declaredConditions: [],
      identityVerified: true,
      customerRiskLevel: 'C3',
      dualRecordingRequired: false,
      premiumFen: q.premiumFen,
      salespersonStanding: await standingOf('S-1001'),
    });
    const again = await api.post('/applications', applicationBody(q.quoteId, customerId), agent);
    expect(again.status).toBe(409);
  });

  it('sends an application as unverified once the customer’s ID number changed after verification', async () => {
    const customerId = await customer();
    await producer.event('customer.profile-updated', customerId, {
      ...eventFixtures['customer.profile-updated'],
      customerId,
      changedFields: ['idNumber'],
      facts: {},
    });
    await waitFor(
      async () =>
        (
          await db.query(
            `SELECT 1 FROM sales.customer_facts WHERE customer_id = $1 AND identity_verified = false`,
            [customerId],
          )
        ).length === 1,
      { description: 'the replica to drop the verification' },
    );
    const q = await quote(customerId);
    const res = await api.post('/applications', applicationBody(q.quoteId, customerId), agent);
    expect(res.status).toBe(201);
    const [submitted] = await events.waitFor(
      ofType('sales.application-submitted', (p) => p.applicationId === res.body.applicationId),
    );
    expect(payloadOf(submitted)).toMatchObject({ policyholderId: customerId, identityVerified: false });
  });

  it('lists every refusal together: a salesperson signing, shares not adding to 100, a "yes" without details', async () => {
    const customerId = await customer();
    const q = await quote(customerId);
    const answers = HEALTH_QUESTIONS.map((h) => ({ questionId: h.id, answer: h.id === 'hypertension' }));
    const res = await api.post(
      '/applications',
      applicationBody(q.quoteId, customerId, {
        signature: { signedBy: 'S-1001', signedAt: clock.now().toISOString(), sha256: 'e'.repeat(64) },
        beneficiaries: [
          { name: 'A', relationship: 'child', sharePercent: 50 },
          { name: 'B', relationship: 'child', sharePercent: 40 },
        ],
        healthAnswers: answers,
      }),
      agent,
    );
    expect(res.status).toBe(400); // signedBy must be a customer id (uuid): the contract refuses a salesperson id
    const signedByOther = await api.post(
      '/applications',
      applicationBody(q.quoteId, customerId, {
        signature: { signedBy: randomUUID(), signedAt: clock.now().toISOString(), sha256: 'e'.repeat(64) },
        beneficiaries: [
          { name: 'A', relationship: 'child', sharePercent: 50 },
          { name: 'B', relationship: 'child', sharePercent: 40 },
        ],
        healthAnswers: answers,
      }),
      agent,
    );
    expect(signedByOther.status).toBe(422);
    expect(signedByOther.body.reasons.map((r: { code: string }) => r.code)).toEqual([
      'SALES.SIGNED_BY_OTHER',
      'SALES.HEALTH_DETAILS',
      'SALES.BENEFICIARY_SHARES_TOTAL',
    ]);
    expect(signedByOther.body.reasons[2]).toMatchObject({ source: 'Insurance Law Art. 40' });
  });

  it('refuses a 60-year-old’s life application without the recording of the sale, and accepts it with one', async () => {
    const customerId = await customer({ age: 60, level: 'C3' });
    const q = await quote(customerId, { paymentTermYears: 10, sumInsuredFen: 10_000_000 });
    const without = await api.post('/applications', applicationBody(q.quoteId, customerId), agent);
    expect(without.status).toBe(422);
    expect(without.body.reasons).toEqual([
      expect.objectContaining({
        code: 'SALES.DUAL_RECORDING_MISSING',
        source: expect.stringContaining('2017'),
        pointer: '/dualRecording',
      }),
    ]);
    const recording = {
      reference: 'rec-77',
      sha256: 'f'.repeat(64),
      durationSeconds: 1260,
      checklist: [...KEY_ELEMENTS],
    };
    const withRecording = await api.post(
      '/applications',
      applicationBody(q.quoteId, customerId, { dualRecording: recording }),
      agent,
    );
    expect(withRecording.status).toBe(201);
    // Kept 10 years beyond the end of the 20-year cover.
    expect(withRecording.body.recordingRetainedUntil).toBe(addYears(today(), 30));
  });

  it('keeps the recording of a sale 2 years after a complaint about the policy is resolved', async () => {
    // A one-year telesale: recorded, kept 5 years beyond the end of cover.
    const customerId = await customer({ age: 40 });
    const q = await quote(customerId, {
      productCode: 'PA1',
      sumInsuredFen: 10_000_000,
      paymentTermYears: 1,
      coverageTermYears: 1,
      channel: 'telesales',
    });
    const recording = {
      reference: 'rec-tel',
      sha256: 'f'.repeat(64),
      durationSeconds: 600,
      checklist: [...KEY_ELEMENTS],
    };
    const app = await api.post(
      '/applications',
      applicationBody(q.quoteId, customerId, { healthAnswers: [], dualRecording: recording }),
      agent,
    );
    expect(app.status).toBe(201);
    expect(app.body.recordingRetainedUntil).toBe(addYears(today(), 6));
    const policyId = randomUUID();
    await producer.event('contract.policy-issued', policyId, {
      ...eventFixtures['contract.policy-issued'],
      policyId,
      applicationId: app.body.applicationId,
      policyholderId: customerId,
      insuredId: customerId,
      productCode: 'PA1',
    });
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM sales.policy_replica WHERE policy_id = $1`, [policyId])).length === 1,
      { description: 'the policy in sales’ replica' },
    );
    // A complaint about the policy, resolved 5 years and a half from now: kept until 2 years after that.
    const ticketId = randomUUID();
    await producer.event('customer.complaint-opened', ticketId, {
      ...eventFixtures['customer.complaint-opened'],
      ticketId,
      customerId,
      policyId,
    });
    const resolvedOn = addDays(addYears(today(), 5), 180);
    await producer.event('customer.complaint-resolved', ticketId, {
      ...eventFixtures['customer.complaint-resolved'],
      ticketId,
      customerId,
      resolvedAt: `${resolvedOn}T04:00:00.000Z`,
    });
    await waitFor(
      async () =>
        (
          await db.query(
            `SELECT recording_retained_until::text AS d FROM sales.application WHERE application_id = $1`,
            [app.body.applicationId],
          )
        )[0]?.d === addYears(resolvedOn, 2),
      { description: 'the recording kept 2 years after the complaint' },
    );

    // A claim on the policy rejected 6 years from now, contested (reopened) and paid half a year later: the claim
    // dispute keeps the recording 2 years after it ends.
    const claimId = randomUUID();
    const rejectedOn = addYears(today(), 6);
    await producer.event('claims.claim-rejected', claimId, {
      ...eventFixtures['claims.claim-rejected'],
      claimId,
      policyId,
      decidedAt: `${rejectedOn}T04:00:00.000Z`,
    });
    const retained = async () =>
      (
        await db.query(
          `SELECT recording_retained_until::text AS d FROM sales.application WHERE application_id = $1`,
          [app.body.applicationId],
        )
      )[0]?.d as string;
    await waitFor(async () => (await retained()) === addYears(rejectedOn, 2), {
      description: 'the recording kept 2 years after the rejection',
    });
    await producer.event('claims.claim-reopened', claimId, {
      ...eventFixtures['claims.claim-reopened'],
      claimId,
    });
    await waitFor(
      async () =>
        (await db.query(`SELECT resolved_on FROM sales.policy_dispute WHERE dispute_id = $1`, [claimId]))[0]
          ?.resolved_on === null,
      { description: 'the dispute open again' },
    );
    const paidOn = addDays(rejectedOn, 180);
    await producer.event('claims.claim-paid', claimId, {
      ...eventFixtures['claims.claim-paid'],
      claimId,
      policyId,
      paidAt: `${paidOn}T04:00:00.000Z`,
    });
    await waitFor(async () => (await retained()) === addYears(paidOn, 2), {
      description: 'the recording kept 2 years after the claim dispute ended',
    });
  });

  it('takes an application on a quote on its 30th day and refuses it on the 31st', async () => {
    const customerId = await customer({ validUntil: addYears(today(), 2) });
    const onTime = await quote(customerId);
    const late = await quote(customerId);
    const start = clock.now();
    clock.advanceDays(30);
    try {
      const accepted = await api.post('/applications', applicationBody(onTime.quoteId, customerId), agent);
      expect(accepted.status).toBe(201);
      clock.advanceDays(1);
      const res = await api.post('/applications', applicationBody(late.quoteId, customerId), agent);
      expect(res.status).toBe(422);
      expect(res.body.reasons).toEqual([expect.objectContaining({ code: 'QUOTE.EXPIRED' })]);
    } finally {
      clock.set(start);
    }
  });

  it('submits in four round trips: the quote with BEGIN, the sale context, the cover in force, the writes with COMMIT', async () => {
    const customerId = await customer();
    const q = await quote(customerId);
    const input = SubmitApplicationV1.payload.strict().parse(applicationBody(q.quoteId, customerId));
    const [application, roundTrips] = await countedTransaction(started.app.get(DataSource), (m) =>
      started.app.get(SubmitApplicationHandler).executeIn(m, input),
    );
    // Each step's reads go out together (the quote and its use; the product, salesperson and parties; the cover in
    // force), then every write with the COMMIT.
    expect(roundTrips).toBe(4);
    const [row] = await db.query(
      `SELECT quote_id, policyholder_id FROM sales.application WHERE application_id = $1`,
      [application.applicationId],
    );
    expect(row).toEqual({ quote_id: q.quoteId, policyholder_id: customerId });
    const [entry] = await db.query(
      `SELECT stage, application_id FROM sales.pipeline_entry WHERE quote_id = $1`,
      [q.quoteId],
    );
    expect(entry).toEqual({ stage: 'applied', application_id: application.applicationId });
    const outbox = await db.query(
      `SELECT event_type, message_key FROM sales.outbox WHERE message_key IN ($1, $2) ORDER BY id`,
      [application.applicationId, customerId],
    );
    // The quote's assessment, then the application's, and the application itself.
    expect(outbox).toEqual([
      { event_type: 'sales.suitability-assessed', message_key: customerId },
      { event_type: 'sales.suitability-assessed', message_key: customerId },
      { event_type: 'sales.application-submitted', message_key: application.applicationId },
    ]);
    const again = await api.post('/applications', applicationBody(q.quoteId, customerId), agent);
    expect(again.status).toBe(409);
  });

  it('returns the first result for a retried application with the same Idempotency-Key', async () => {
    const customerId = await customer();
    const q = await quote(customerId);
    const key = `app-${randomUUID()}`;
    const first = await api.post('/applications', applicationBody(q.quoteId, customerId), agent, {
      'idempotency-key': key,
    });
    const again = await api.post('/applications', applicationBody(q.quoteId, customerId), agent, {
      'idempotency-key': key,
    });
    expect(first.status).toBe(201);
    expect(again.body.applicationId).toBe(first.body.applicationId);
  });
});

describe('integrator commands on sales.commands.v1', () => {
  it('submits an application from a SubmitApplication command, correlated by command id', async () => {
    const customerId = await customer();
    const q = await quote(customerId);
    const commandId = await producer.command(
      'sales.submit-application',
      applicationBody(q.quoteId, customerId) as never,
      'broker-a',
    );
    const [submitted] = await events.waitFor(
      (m) =>
        (m.json as { correlationId?: string; type?: string })?.correlationId === commandId &&
        (m.json as { type: string })?.type === 'sales.application-submitted',
    );
    expect(payloadOf(submitted)).toMatchObject({ quoteId: q.quoteId });
  });

  it('answers a refused command with sales.command-rejected and every reason', async () => {
    const customerId = await customer();
    const q = await quote(customerId);
    const commandId = await producer.command(
      'sales.submit-application',
      applicationBody(q.quoteId, customerId, {
        beneficiaries: [{ name: 'A', relationship: 'x', sharePercent: 90 }],
      }) as never,
      'broker-a',
    );
    const [rejected] = await events.waitFor(
      ofType('sales.command-rejected', (p) => p.commandId === commandId),
    );
    expect(payloadOf(rejected)).toMatchObject({
      issuer: 'broker-a',
      reasons: [
        {
          code: 'SALES.BENEFICIARY_SHARES_TOTAL',
          pointer: '/payload/beneficiaries',
          source: 'Insurance Law Art. 40',
        },
      ],
    });
  });
});

describe('after the sale', () => {
  async function issue(customerId: string, overrides: Record<string, unknown> = {}) {
    const policyId = randomUUID();
    await producer.event('contract.policy-issued', policyId, {
      ...eventFixtures['contract.policy-issued'],
      policyId,
      applicationId: randomUUID(),
      policyholderId: customerId,
      insuredId: customerId,
      productCode: 'TL20',
      coverageTermYears: 20,
      issuedAt: clock.now().toISOString(),
      coolingOffEndsOn: addDays(today(), 15),
      salespersonId: 'S-1001',
      ...overrides,
    });
    return policyId;
  }

  it('schedules a return visit inside the cooling-off period when a policy is issued, and records its outcome', async () => {
    const customerId = await customer();
    const policyId = await issue(customerId);
    const [scheduled] = await events.waitFor(
      ofType('sales.return-visit-scheduled', (p) => p.policyId === policyId),
    );
    expect(payloadOf(scheduled)).toMatchObject({ customerId, dueOn: addDays(today(), 14) });
    const visitId = payloadOf(scheduled).visitId as string;
    const done = await api.post(
      `/return-visits/${visitId}/outcome`,
      { reached: true, identityConfirmed: true, termsUnderstood: true, wantsToWithdraw: false },
      tokenFor('service_rep'),
    );
    expect(done.status).toBe(200);
    await events.waitFor(
      ofType('sales.return-visit-completed', (p) => p.visitId === visitId && p.termsUnderstood === true),
    );
  });

  it('raises an event for a return visit not completed by its due date', async () => {
    const customerId = await customer();
    const policyId = await issue(customerId);
    await events.waitFor(ofType('sales.return-visit-scheduled', (p) => p.policyId === policyId));
    const sweep = started.app.get(ReturnVisitOverdueJob).job;
    const status = async () =>
      ((await api.get(`/return-visits?policyId=${policyId}`, agent)).body as { status: string }[])[0]?.status;
    clock.advanceDays(14);
    try {
      // Due on day 14: still open that day.
      await sweep.runNow();
      expect(await status()).toBe('scheduled');
      clock.advanceDays(1);
      await sweep.runNow();
      // A periodic sweep may hold the row at that moment: wait for whichever commits.
      await waitFor(async () => (await status()) === 'overdue', { description: 'the visit to be overdue' });
      const [overdue] = await events.waitFor(
        ofType('sales.return-visit-overdue', (p) => p.policyId === policyId),
      );
      expect(payloadOf(overdue)).toMatchObject({
        dueOn: addDays(shanghaiDate(new Date(clock.now().getTime() - 15 * 86_400_000)), 14),
      });
    } finally {
      clock.advanceDays(-15);
    }
  });

  it("notifies a departing salesperson's customers of policies over one year within 30 days", async () => {
    const salespersonId = `S-${randomUUID().slice(0, 8)}`;
    await api.put(
      `/salespeople/${salespersonId}`,
      { name: 'Leaving Soon', grade: 'G2', licenceNumber: 'L-9', licenceValidUntil: addYears(today(), 3) },
      admin,
    );
    const longTerm = await customer();
    const oneYear = await customer();
    const longPolicy = await issue(longTerm, { salespersonId });
    await issue(oneYear, {
      salespersonId,
      coverageTermYears: 1,
      productCode: 'PA1',
      productType: 'accident',
    });
    await waitFor(
      async () =>
        (
          await db.query(`SELECT count(*)::int AS n FROM sales.policy_replica WHERE salesperson_id = $1`, [
            salespersonId,
          ])
        )[0].n === 2,
      { description: 'policy replicas' },
    );

    const departure = await api.post(
      `/salespeople/${salespersonId}/departure`,
      { departedOn: today() },
      admin,
    );
    expect(departure.status).toBe(200);
    const [departed] = await events.waitFor(
      ofType('sales.salesperson-departed', (p) => p.salespersonId === salespersonId),
    );
    expect(payloadOf(departed)).toEqual({
      salespersonId,
      departedOn: today(),
      noticeDueOn: addDays(today(), 30),
      affected: [{ customerId: longTerm, policyId: longPolicy }],
    });
    const notices = await api.get(`/salespeople/${salespersonId}/departure-notices`, admin);
    expect(notices.body).toEqual([
      expect.objectContaining({ customerId: longTerm, dueOn: addDays(today(), 30), sentAt: null }),
    ]);
    const sent = await api.post(
      `/salespeople/${salespersonId}/departure-notices/${notices.body[0].noticeId}/sent`,
      {},
      admin,
    );
    expect(sent.status).toBe(200);
    await events.waitFor(ofType('sales.departure-notice-sent', (p) => p.salespersonId === salespersonId));
    expect((await api.post('/quotes', quoteBody(longTerm, { salespersonId }), agent)).body.reasons).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'SALESPERSON.INACTIVE' })]),
    );
  });

  it('notifies the policyholder the policy has passed to when its salesperson leaves', async () => {
    const salespersonId = `S-${randomUUID().slice(0, 8)}`;
    await api.put(
      `/salespeople/${salespersonId}`,
      { name: 'Leaving Later', grade: 'G2', licenceNumber: 'L-8', licenceValidUntil: addYears(today(), 3) },
      admin,
    );
    const [before, after] = [await customer(), await customer()];
    const policyId = await issue(before, { salespersonId });
    await producer.event('contract.policyholder-changed', policyId, {
      ...eventFixtures['contract.policyholder-changed'],
      policyId,
      previousPolicyholderId: before,
      policyholderId: after,
      payerId: after,
      insuredRelationship: 'parent',
    });
    await waitFor(
      async () =>
        (
          await db.query(`SELECT 1 FROM sales.policy_replica WHERE policy_id = $1 AND policyholder_id = $2`, [
            policyId,
            after,
          ])
        ).length === 1,
      { description: 'the replica’s new policyholder' },
    );
    expect(
      (await api.post(`/salespeople/${salespersonId}/departure`, { departedOn: today() }, admin)).status,
    ).toBe(200);
    const [departed] = await events.waitFor(
      ofType('sales.salesperson-departed', (p) => p.salespersonId === salespersonId),
    );
    expect(payloadOf(departed).affected).toEqual([{ customerId: after, policyId }]);
  });
});

describe('needs analysis and the pipeline', () => {
  it('recommends on a single database connection: nothing it reads waits for a second while its transaction holds one', async () => {
    const customerId = await customer();
    await onOneConnection(async ({ one, products, pipeline }) => {
      const recommendations = new RecommendationService(
        one,
        products,
        pipeline,
        clock,
        started.app.get(CustomerFactsArrivals),
      );
      const result = await recommendations.recommend(customerId, 'S-1001', 'zh-CN', {
        correlationId: randomUUID(),
      });
      expect(result.recommendations.map((r) => r.productCode)).toContain('TL20');
    });
  });

  it('waits when asked (Prefer: wait) for the customer’s risk assessment to reach sales, then recommends from it', async () => {
    const customerId = randomUUID();
    await producer.event('customer.customer-registered', customerId, {
      customerId,
      customerType: 'individual',
      gender: 'male',
      birthDate: bornForAge(30),
      occupationClass: 1,
      annualIncomeFen: 30_000_000,
      householdIncomeFen: 50_000_000,
      existingCoverFen: 0,
      dependants: 1,
      registeredAt: clock.now().toISOString(),
    });
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM sales.customer_facts WHERE customer_id = $1`, [customerId])).length >
        0,
      { description: 'the customer known to sales, not yet assessed' },
    );
    const body = { customerId, salespersonId: 'S-1001' };
    // Asked now, the analysis has no risk level and recommends nothing.
    const unassessed = await api.post('/recommendations', body, agent);
    expect(unassessed.body).toMatchObject({ recommendations: [] });
    const held = api.request('POST', '/recommendations', {
      token: agent,
      body: { ...body, customerId: customerId.toUpperCase() },
      headers: { prefer: 'wait=10' },
    });
    await waitFor(async () => (await heldRequests(started.url, 'customer_facts')) === 1, {
      description: 'the analysis held',
    });
    await producer.event('customer.risk-tolerance-assessed', customerId, {
      customerId,
      assessmentId: randomUUID(),
      level: 'C3',
      score: 25,
      assessedAt: clock.now().toISOString(),
      validUntil: addYears(today(), 1),
    });
    const answered = await held;
    expect(answered.status).toBe(200);
    expect(answered.body.recommendations.map((r: { productCode: string }) => r.productCode)).toContain(
      'TL20',
    );
    expect(await heldRequests(started.url, 'customer_facts')).toBe(0);
  });

  it('answers a wait that ends first with what sales has: an unknown customer is still refused', async () => {
    const unknown = await api.request('POST', '/recommendations', {
      token: agent,
      body: { customerId: randomUUID(), salespersonId: 'S-1001' },
      headers: { prefer: 'wait=1' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'SALES.CUSTOMER_UNKNOWN' });
    expect(await heldRequests(started.url, 'customer_facts')).toBe(0);
  });

  it('recommends in three round trips: the facts with BEGIN, the cover, catalogue and lead together, then COMMIT', async () => {
    const recommendations = started.app.get(RecommendationService);
    const ds = started.app.get(DataSource);
    // A first recommendation reads the catalogue's versions into the process's cache (a version never changes).
    await recommendations.recommend(await customer(), 'S-1001', 'zh-CN', { correlationId: randomUUID() });
    const customerId = await customer();
    const stageOf = async () =>
      (
        await db.query(
          `SELECT stage FROM sales.pipeline_entry
            WHERE customer_id = $1 AND salesperson_id = 'S-1001' AND quote_id IS NULL`,
          [customerId],
        )
      ).map((r: { stage: string }) => r.stage);
    // No open lead yet: the needs analysis starts one, written with the COMMIT.
    const [first, roundTrips] = await countedTransaction(ds, (m) =>
      recommendations.recommendIn(m, customerId, 'S-1001', 'zh-CN'),
    );
    expect(first.recommendations.map((r) => r.productCode)).toContain('TL20');
    expect(roundTrips).toBe(3);
    expect(await stageOf()).toEqual(['needs_analysed']);
    // Asked again: the open entry is found and kept, one entry still.
    const [, again] = await countedTransaction(ds, (m) =>
      recommendations.recommendIn(m, customerId, 'S-1001', 'zh-CN'),
    );
    expect(again).toBe(3);
    expect(await stageOf()).toEqual(['needs_analysed']);
  });

  it('recommends products ranked with reasons, and counts the salesperson’s pipeline through to issue', async () => {
    const salespersonId = `S-${randomUUID().slice(0, 8)}`;
    await api.put(
      `/salespeople/${salespersonId}`,
      { name: 'Pipeline', grade: 'G3', licenceNumber: 'L-1', licenceValidUntil: addYears(today(), 3) },
      admin,
    );
    await api.post(`/salespeople/${salespersonId}/training`, { hours: 30, completedOn: today() }, admin);
    const customerId = await customer();
    const rec = await api.post('/recommendations', { customerId, salespersonId }, agent);
    expect(rec.status).toBe(200);
    expect(rec.body.protectionGapFen).toBe(30_000_000 * 12);
    // The agent reads the reasons to the customer: Chinese unless English is asked for, each with its code.
    expect(rec.headers.get('content-language')).toBe('zh-CN');
    expect(rec.body.recommendations[0]).toMatchObject({
      productCode: 'TL20',
      reasons: expect.arrayContaining(['可弥补¥3,600,000.00的保障缺口']),
      reasonCodes: expect.arrayContaining(['protectionGap']),
    });
    expect(rec.body.excluded).toEqual(
      expect.arrayContaining([
        {
          productCode: 'UL10',
          reason: '产品风险等级R4高于客户风险承受能力C3',
          reasonCode: 'gradeAboveLevel',
        },
      ]),
    );
    const inEnglish = await api.request('POST', '/recommendations', {
      token: agent,
      body: { customerId, salespersonId },
      headers: { 'accept-language': 'en' },
    });
    expect(inEnglish.headers.get('content-language')).toBe('en');
    expect(inEnglish.body.recommendations[0].reasons).toContain('closes a protection gap of 3600000 yuan');
    expect(inEnglish.body.excluded).toEqual(
      expect.arrayContaining([
        { productCode: 'UL10', reason: 'grade R4 above level C3', reasonCode: 'gradeAboveLevel' },
      ]),
    );

    const q = await quote(customerId, { salespersonId });
    const application = await api.post(
      '/applications',
      applicationBody(q.quoteId, customerId, { salespersonId }),
      agent,
    );
    const other = await quote(customerId, {
      salespersonId,
      productCode: 'PA1',
      coverageTermYears: 1,
      paymentTermYears: 1,
      sumInsuredFen: 20_000_000,
    });
    expect(other.quoteId).toBeDefined();
    const policyId = randomUUID();
    await producer.event('contract.policy-issued', policyId, {
      ...eventFixtures['contract.policy-issued'],
      policyId,
      applicationId: application.body.applicationId,
      policyholderId: customerId,
      insuredId: customerId,
      salespersonId,
      coolingOffEndsOn: addDays(today(), 15),
    });
    const summary = await waitFor(async () => {
      const res = await api.get(`/salespeople/${salespersonId}/pipeline`, admin);
      return res.body.stages.issued === 1 ? res.body : undefined;
    });
    expect(summary).toEqual({
      salespersonId,
      stages: { lead: 0, needs_analysed: 0, quoted: 1, applied: 0, issued: 1, declined: 0, withdrawn: 0 },
      quoteToPolicyConversion: 0.5,
    });
  });
});

describe('the parties of a sale: policyholder, insured, payer (domain.md "Parties")', () => {
  const consent = () => ({ signedAt: clock.now().toISOString(), sha256: 'e'.repeat(64) });
  const reasonCodes = (res: { body: { reasons?: { code: string }[] } }) =>
    (res.body.reasons ?? []).map((r) => r.code);

  /** Plays contract-svc: a policy on the insured's life, in force. */
  async function inForce(
    policyholderId: string,
    insuredId: string,
    productCode: string,
    productVersion: number,
    sumInsuredFen: number,
  ) {
    const policyId = randomUUID();
    await producer.event('contract.policy-issued', policyId, {
      ...eventFixtures['contract.policy-issued'],
      policyId,
      applicationId: randomUUID(),
      policyholderId,
      insuredId,
      productCode,
      productVersion,
      productType: 'critical_illness',
      sumInsuredFen,
      issuedAt: clock.now().toISOString(),
      coolingOffEndsOn: addDays(today(), 20),
      salespersonId: 'S-1001',
    });
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM sales.policy_replica WHERE policy_id = $1`, [policyId])).length === 1,
      { description: 'the policy in sales’ replica' },
    );
  }

  it('a parent buys critical-illness cover for their child of 8: suitability on the parent, rating and the cap on the child', async () => {
    const parent = await customer({ age: 40, level: 'C3' });
    // The child has no valid risk assessment: were suitability read on them, the sale would be refused.
    const child = await customer({ age: 8, validUntil: addDays(today(), -1) });
    const forChild = {
      productCode: 'CI30',
      paymentTermYears: 20,
      coverageTermYears: 30,
      insuredId: child,
      insuredRelationship: 'child',
    };

    const q = await quote(parent, { ...forChild, sumInsuredFen: 10_000_000 });
    expect(q).toMatchObject({
      customerId: parent,
      insuredId: child,
      insuredRelationship: 'child',
      entryAge: 8,
    });
    // Rated on the child's age and gender: 100,000 yuan at the seeded rate for an 8-year-old boy.
    expect(q.premiumFen).toBe(Math.round((100_000 * seededRate('CI30', 8, 'male', 20)) / 1000));
    const [issued] = await events.waitFor(ofType('sales.quote-issued', (p) => p.quoteId === q.quoteId));
    expect(payloadOf(issued)).toMatchObject({
      customerId: parent,
      insuredId: child,
      insuredRelationship: 'child',
    });
    const [assessed] = await events.waitFor(
      ofType('sales.suitability-assessed', (p) => p.customerId === parent && p.productCode === 'CI30'),
    );
    expect(payloadOf(assessed)).toMatchObject({ outcome: 'suitable', customerRiskLevel: 'C3' });

    // The child's death benefits stay within CNY 200,000 under 10, counting the cover in force.
    const over = await api.post(
      '/quotes',
      quoteBody(parent, { ...forChild, sumInsuredFen: 30_000_000 }),
      agent,
    );
    expect(over.status).toBe(422);
    expect(over.body.reasons).toEqual([
      expect.objectContaining({
        code: 'PARTIES.MINOR_DEATH_BENEFIT_CAP',
        source: expect.stringContaining('90号'),
      }),
    ]);
    await inForce(
      parent,
      child,
      'CI30',
      (q as unknown as { productVersion: number }).productVersion,
      15_000_000,
    );
    // A second critical-illness policy is advised against (duplicate cover): the parent signs that they still want it.
    const acknowledgement = { signedBy: parent, signedAt: clock.now().toISOString(), sha256: 'a'.repeat(64) };
    const atCap = await api.post(
      '/quotes',
      quoteBody(parent, { ...forChild, sumInsuredFen: 5_000_000, acknowledgement }),
      agent,
    );
    expect(atCap.status).toBe(201);
    const beyond = await api.post(
      '/quotes',
      quoteBody(parent, { ...forChild, sumInsuredFen: 5_100_000, acknowledgement }),
      agent,
    );
    expect(reasonCodes(beyond)).toEqual(['PARTIES.MINOR_DEATH_BENEFIT_CAP']);

    // The application: the parent signs and pays, health answers are the child's, no consent needed for a minor child.
    const signedByParent = {
      policyholderId: parent,
      payerId: parent,
      beneficiaries: [],
      signature: { signedBy: parent, signedAt: clock.now().toISOString(), sha256: 'c'.repeat(64) },
    };
    // The first quote predates the policy now in force: at application the cap counts it and refuses.
    const stale = await api.post('/applications', applicationBody(q.quoteId, child, signedByParent), agent);
    expect(reasonCodes(stale)).toContain('PARTIES.MINOR_DEATH_BENEFIT_CAP');
    const app = await api.post(
      '/applications',
      applicationBody(atCap.body.quoteId, child, {
        policyholderId: parent,
        payerId: parent,
        beneficiaries: [],
        signature: { signedBy: parent, signedAt: clock.now().toISOString(), sha256: 'c'.repeat(64) },
      }),
      agent,
    );
    expect(app.status).toBe(201);
    const [submitted] = await events.waitFor(
      ofType('sales.application-submitted', (p) => p.applicationId === app.body.applicationId),
    );
    expect(payloadOf(submitted)).toMatchObject({
      policyholderId: parent,
      insuredId: child,
      payerId: parent,
      insuredRelationship: 'child',
      insuredAge: 8,
      policyholderAge: 40,
      customerRiskLevel: 'C3',
    });
  });

  it('a grandparent of 65 insures a grandchild of 20 on life cover: the grandchild consents, the sale is recorded', async () => {
    const grandparent = await customer({ age: 65, level: 'C3' });
    const grandchild = await customer({ age: 20, gender: 'female' });
    const terms = {
      paymentTermYears: 10,
      sumInsuredFen: 20_000_000,
      insuredId: grandchild,
      insuredRelationship: 'close_relative',
    };

    const noConsent = await api.post('/quotes', quoteBody(grandparent, terms), agent);
    expect(noConsent.status).toBe(422);
    expect(noConsent.body.reasons).toEqual([
      expect.objectContaining({
        code: 'PARTIES.DEATH_COVER_CONSENT',
        source: expect.stringContaining('Art. 34'),
      }),
    ]);
    const noRelationship = await api.post(
      '/quotes',
      quoteBody(grandparent, { ...terms, insuredRelationship: undefined }),
      agent,
    );
    expect(noRelationship.status).toBe(400);

    const q = await quote(grandparent, { ...terms, insuredConsent: consent() });
    // Rated as the 20-year-old woman, not the 65-year-old buyer (TL20 does not even take entrants over 60).
    expect(q.premiumFen).toBe(Math.round((200_000 * seededRate('TL20', 20, 'female', 10)) / 1000));

    const signedByGrandparent = {
      policyholderId: grandparent,
      payerId: grandparent,
      beneficiaries: [{ name: '母亲', relationship: 'parent', sharePercent: 100 }],
      signature: { signedBy: grandparent, signedAt: clock.now().toISOString(), sha256: 'c'.repeat(64) },
    };
    const unrecorded = await api.post(
      '/applications',
      applicationBody(q.quoteId, grandchild, signedByGrandparent),
      agent,
    );
    expect(reasonCodes(unrecorded)).toEqual(['SALES.DUAL_RECORDING_MISSING']);
    const recording = {
      reference: 'rec-gp',
      sha256: 'f'.repeat(64),
      durationSeconds: 900,
      checklist: [...KEY_ELEMENTS],
    };
    const recorded = await api.post(
      '/applications',
      applicationBody(q.quoteId, grandchild, { ...signedByGrandparent, dualRecording: recording }),
      agent,
    );
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ policyholderId: grandparent, insuredId: grandchild });
  });

  it('a payer who is not the policyholder: a known customer named with their relationship', async () => {
    const son = await customer({ age: 35 });
    const father = await customer({ age: 35 });
    const q = await quote(son, { sumInsuredFen: 10_000_000 });
    const unknownPayer = await api.post(
      '/applications',
      applicationBody(q.quoteId, son, { payerId: randomUUID(), payerRelationship: 'parent' }),
      agent,
    );
    expect(reasonCodes(unknownPayer)).toEqual(['SALES.PAYER_UNKNOWN']);
    const paid = await api.post(
      '/applications',
      applicationBody(q.quoteId, son, { payerId: father, payerRelationship: 'parent' }),
      agent,
    );
    expect(paid.status).toBe(201);
    const [submitted] = await events.waitFor(
      ofType('sales.application-submitted', (p) => p.applicationId === paid.body.applicationId),
    );
    expect(payloadOf(submitted)).toMatchObject({
      policyholderId: son,
      payerId: father,
      payerRelationship: 'parent',
    });
  });

  it('a company, registered by its unified social credit code, pays for an employee but cannot buy or be insured', async () => {
    const companyId = randomUUID();
    await producer.event('customer.customer-registered', companyId, {
      customerId: companyId,
      customerType: 'corporate',
      registeredAt: clock.now().toISOString(),
    });
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM sales.customer_facts WHERE customer_id = $1`, [companyId])).length ===
        1,
      { description: 'the company in sales’ replica' },
    );
    const employee = await customer({ age: 35 });
    const q = await quote(employee, { sumInsuredFen: 10_000_000 });
    const paid = await api.post(
      '/applications',
      applicationBody(q.quoteId, employee, { payerId: companyId, payerRelationship: 'employer' }),
      agent,
    );
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ payerId: companyId, payerRelationship: 'employer' });
    const asBuyer = await api.post('/quotes', quoteBody(companyId), agent);
    expect(reasonCodes(asBuyer)).toEqual(['SALES.CORPORATE_PARTY']);
    const asInsured = await api.post(
      '/quotes',
      quoteBody(employee, { insuredId: companyId, insuredRelationship: 'employee' }),
      agent,
    );
    expect(reasonCodes(asInsured)).toEqual(['SALES.CORPORATE_PARTY']);
  });

  it('refuses a single premium against the 10-year-pay row, which would buy ten times the cover', async () => {
    const investor = await customer({ age: 40, level: 'C5' });
    const res = await api.post(
      '/quotes',
      quoteBody(investor, {
        productCode: 'UL10',
        paymentMode: 'single',
        paymentTermYears: 10,
        sumInsuredFen: undefined,
        premiumFen: 10_000_000,
      }),
      agent,
    );
    expect(res.status).toBe(422);
    expect(reasonCodes(res)).toEqual(['RATING.SINGLE_PREMIUM_TERM']);
  });
});
