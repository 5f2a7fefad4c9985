import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { Locale } from '@insurer/contracts';
import type { Kafka } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { signLocalToken, type Role } from '@insurer/platform-auth';
import { httpRequest, waitFor } from '@insurer/platform-testing';
import { shanghaiDate } from '@insurer/platform-time';
import { coolingOff, narrator, percent, yuan, type Narrate } from './narration';

export interface Platform {
  readonly customer: string;
  readonly sales: string;
  readonly contract: string;
  readonly claims: string;
  readonly compliance: string;
  readonly analytics: string;
}

/** The documents an accident-disability claim needs, as a claim administrator would upload them (made-up references). */
export function accidentClaimDocuments(
  claimId: string,
): { kind: string; reference: string; sha256: string }[] {
  return ['claim_form', 'accident_report', 'disability_assessment', 'medical_records', 'insured_id'].map(
    (kind) => ({
      kind,
      reference: `dms://${kind}/${randomUUID()}`,
      sha256: createHash('sha256').update(`${kind} ${claimId}`).digest('hex'),
    }),
  );
}

/** The six services, in the order of the flow. */
export const SERVICE_NAMES = [
  'customer-svc',
  'sales-svc',
  'contract-svc',
  'claims-svc',
  'compliance-svc',
  'analytics-svc',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** The base URLs of the six services on 127.0.0.1, from the port each listens on. */
export function platformUrls(portOf: (name: ServiceName) => number): Platform {
  const at = (name: ServiceName) => `http://127.0.0.1:${portOf(name)}`;
  return {
    customer: at('customer-svc'),
    sales: at('sales-svc'),
    contract: at('contract-svc'),
    claims: at('claims-svc'),
    compliance: at('compliance-svc'),
    analytics: at('analytics-svc'),
  };
}

export interface StoryOptions {
  readonly urls: Platform;
  readonly jwtSecret: string;
  readonly kafka: Kafka;
  /** Reads the one-time code the SMS gateway sent to this mobile (the local gateway writes it to customer-svc's log). */
  readonly readOtp: (mobile: string) => Promise<string>;
  readonly say: (line: string) => void;
  /** The narration's language: Chinese unless asked for English (`DEMO_LANG=en`). */
  readonly locale?: Locale;
  /** Told every ID number, mobile and bank account the story sends, so a test can look for them in clear. */
  readonly onSensitive?: (value: string) => void;
}

/** Request fields whose values must never be stored, logged or published in clear. */
export const SENSITIVE_FIELDS = ['idNumber', 'mobile', 'bankAccount'] as const;

/** Every value under a sensitive field name, at any depth of a request body. */
export function sensitiveValues(body: unknown, found: string[] = []): string[] {
  if (Array.isArray(body)) body.forEach((item) => sensitiveValues(item, found));
  else if (typeof body === 'object' && body !== null)
    for (const [key, value] of Object.entries(body)) {
      if ((SENSITIVE_FIELDS as readonly string[]).includes(key) && typeof value === 'string')
        found.push(value);
      else sensitiveValues(value, found);
    }
  return found;
}

export interface StoryResult {
  readonly customerId: string;
  readonly policyId: string;
  readonly policyNumber: string;
  readonly claimId: string;
  readonly salespersonId: string;
  readonly premiumFen: number;
  readonly paidFen: number;
  readonly analystToken: string;
  readonly kpis: Record<string, unknown>;
  readonly auditIntact: boolean;
}

export type Json = Record<string, unknown> & { [key: string]: unknown };

const CHECK = '10X98765432';
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Shanghai's district codes (GB/T 2260), for the address part of made-up ID numbers. */
const DISTRICTS = ['310101', '310104', '310105', '310106', '310107', '310109', '310110', '310112'];

/** A resident ID number for a made-up person born on `birth` (GB 11643 check character included). */
export function residentId(birth: string, male: boolean): string {
  let seq = randomInt(0, 1000);
  if ((seq % 2 === 1) !== male) seq = (seq + 1) % 1000;
  const district = DISTRICTS[randomInt(0, DISTRICTS.length)];
  const first17 = `${district}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return first17 + CHECK[sum % 11];
}

type Say = Narrate & { readonly locale?: Locale };
type Reply = { status: number; body: Json };

const alreadyRegistered = (reply: Reply) =>
  reply.status === 409 && reply.body.code === 'CUSTOMER.ALREADY_REGISTERED';

/** Calls to the six services as a given role, shared by the story's steps and the benchmarks. */
export interface StoryClient {
  readonly u: Platform;
  readonly token: (role: Role, sub: string, customerId?: string) => string;
  readonly call: (
    base: string,
    method: string,
    path: string,
    tok: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<Reply>;
  /** The reply's body, or an error naming the step when the status is not 2xx. */
  readonly ok: (what: string, reply: Promise<Reply>) => Promise<Json>;
  /** Polls until the probe gives a value (eventual consistency between services). */
  readonly until: <T>(description: string, probe: () => Promise<T | undefined | null | false>) => Promise<T>;
}

export function storyClient(
  urls: Platform,
  jwtSecret: string,
  pollMs = 250,
  onSensitive?: (value: string) => void,
): StoryClient {
  const call = async (
    base: string,
    method: string,
    path: string,
    tok: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    if (onSensitive) sensitiveValues(body).forEach(onSensitive);
    const { status, text } = await httpRequest(`${base}${path}`, {
      method,
      headers: {
        ...headers,
        authorization: `Bearer ${tok}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status, body: text ? (JSON.parse(text) as Json) : {} };
  };
  return {
    u: urls,
    token: (role, sub, customerId) => signLocalToken({ sub, roles: [role], customerId, secret: jwtSecret }),
    call,
    ok: async (what, reply) => {
      const res = await reply;
      if (res.status >= 300) throw new Error(`${what} failed (${res.status}): ${JSON.stringify(res.body)}`);
      return res.body;
    },
    until: (description, probe) => waitFor(probe, { timeoutMs: 60_000, intervalMs: pollMs, description }),
  };
}

/** A salesperson of the insurer's, graded, licensed and trained (sales-svc's admin API). */
export async function registerSalesperson(c: StoryClient, say: Say): Promise<string> {
  const { u, call, ok } = c;
  const admin = c.token('admin', 'admin-demo');
  const salespersonId = `S-DEMO-${randomInt(1000, 10000)}`;
  await ok(
    'salesperson',
    call(u.sales, 'PUT', `/salespeople/${salespersonId}`, admin, {
      name: 'Demo Salesperson',
      grade: 'G3',
      licenceNumber: `0201${randomInt(1e11, 1e12)}`,
      licenceValidUntil: '2030-12-31',
    }),
  );
  await ok(
    'training',
    call(u.sales, 'POST', `/salespeople/${salespersonId}/training`, admin, {
      hours: 32,
      completedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
    }),
  );
  say('salespersonRegistered', { salespersonId });

  return salespersonId;
}

export interface OnboardedCustomer {
  readonly customerId: string;
  readonly name: string;
}

/** Registration, identity verification with the one-time code, and a risk assessment (chapter 1). */
export async function onboardCustomer(
  c: StoryClient,
  readOtp: (mobile: string) => Promise<string>,
  say: Say,
  person: { bornIn?: number; male?: boolean; label?: string; pupil?: boolean } = {},
): Promise<OnboardedCustomer> {
  const { u, call, ok } = c;
  const agent = c.token('agent', 'agent-demo');
  // 1. Customer information (chapter 1).
  const mobile = `138${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  const name = `演示客户${randomInt(100, 999)}`;
  // A made-up ID number can be drawn twice in a long benchmark run: draw again when it is already registered.
  let birth = '';
  let idNumber = '';
  let registration: Reply | undefined;
  for (let draw = 0; draw < 5 && (!registration || alreadyRegistered(registration)); draw += 1) {
    // A given birth year keeps its month and day drawn, so that two people of one age get different ID numbers.
    const year = person.bornIn ?? 1980 + randomInt(0, 20);
    birth = `${year}-${String(randomInt(1, 13)).padStart(2, '0')}-${randomInt(10, 29)}`;
    idNumber = residentId(birth, person.male ?? true);
    registration = await call(u.customer, 'POST', '/customers', agent, {
      purpose: 'quotation',
      channel: 'telesales',
      name,
      idType: 'resident_id',
      idNumber,
      mobile,
      occupation: person.pupil ? 'primary school pupil' : 'software engineer',
      occupationClass: 1,
      annualIncomeFen: person.pupil ? 0 : 30_000_000,
      householdIncomeFen: 50_000_000,
      existingCoverFen: 0,
      dependants: 2,
    });
  }
  const registered = await ok('registration', Promise.resolve(registration as Reply));
  const customerId = registered.customerId as string;
  say('customerRegistered', {
    label: person.label ?? 'customer',
    customerId,
    idMasked: `${idNumber.slice(0, 2)}**************${idNumber.slice(-2)}`,
  });
  const verification = await ok(
    'identity verification',
    call(u.customer, 'POST', `/customers/${customerId}/identity-verifications`, agent, {
      declared: { name, idNumber, birthDate: birth },
    }),
  );
  const code = await readOtp(mobile);
  const verified = await ok(
    'code confirmation',
    call(
      u.customer,
      'POST',
      `/customers/${customerId}/identity-verifications/${verification.verificationId}/confirmation`,
      agent,
      { code },
    ),
  );
  say('identityChecked', {
    status: verified.status as string,
    checks: (verified.checks as string[]).join(', '),
  });
  const answers = {
    age: 3,
    income_stability: 3,
    experience: 2,
    knowledge: 2,
    horizon: 3,
    objective: 2,
    loss_tolerance: 2,
    share_of_assets: 2,
  };
  const assessed = await ok(
    'risk assessment',
    call(u.customer, 'POST', `/customers/${customerId}/risk-assessments`, agent, { answers }),
  );
  say('riskAssessed', {
    level: assessed.level as string,
    score: assessed.score as number,
    validUntil: assessed.validUntil as string,
  });

  return { customerId, name };
}

export interface SoldPolicy {
  readonly applicationId: string;
  readonly policy: Json;
  readonly premiumFen: number;
  /** From submitting the application to the answer carrying the issued policy, as the client saw it. */
  readonly applicationToIssueMs: number;
}

/** A one-year PA1 personal-accident quote sold by telesales (sales-svc's POST /quotes). */
/**
 * A quote for the story's accident product. `acknowledged`: the customer signed the declaration that they want it
 * though a finding advises them to stop (e.g. they already hold accident cover: duplicate cover).
 */
export function quotePolicy(
  c: StoryClient,
  customerId: string,
  salespersonId: string,
  acknowledged = false,
): Promise<Json> {
  return c.ok(
    'quote',
    c.call(c.u.sales, 'POST', '/quotes', c.token('agent', 'agent-demo'), {
      customerId,
      productCode: 'PA1',
      sumInsuredFen: 50_000_000,
      paymentMode: 'annual',
      paymentTermYears: 1,
      coverageTermYears: 1,
      salespersonId,
      channel: 'telesales',
      ...(acknowledged
        ? {
            acknowledgement: {
              signedBy: customerId,
              signedAt: new Date().toISOString(),
              sha256: createHash('sha256').update(`declaration:${customerId}`).digest('hex'),
            },
          }
        : {}),
    }),
  );
}

/** The application from a quote, signed by the customer, with the telesales recording the sale requires. */
export function submitApplication(
  c: StoryClient,
  quoteId: string,
  customerId: string,
  salespersonId: string,
): Promise<Json> {
  return c.ok(
    'application',
    c.call(
      c.u.sales,
      'POST',
      '/applications',
      c.token('agent', 'agent-demo'),
      applicationBody(quoteId, customerId, salespersonId),
    ),
  );
}

/** POST /applications' body for a quote made with quotePolicy. */
export function applicationBody(quoteId: string, customerId: string, salespersonId: string): Json {
  return {
    quoteId,
    insuredId: customerId,
    payerId: customerId,
    payerRelationship: 'self',
    salespersonId,
    healthAnswers: [],
    beneficiaries: [],
    signature: {
      signedBy: customerId,
      signedAt: new Date().toISOString(),
      sha256: createHash('sha256').update(`application ${quoteId}`).digest('hex'),
    },
    dualRecording: {
      reference: `rec://telesales/${randomUUID()}`,
      sha256: createHash('sha256').update(`recording ${quoteId}`).digest('hex'),
      durationSeconds: 840,
      checklist: [
        'identity_confirmed',
        'product_terms_explained',
        'exclusions_explained',
        'cooling_off_explained',
        'customer_confirmed_voluntary',
      ],
    },
  };
}

/** Recommendation, quote, application (chapter 2), underwriting, the applicant's confirmation, first premium, issue. */
export async function sellPolicy(
  c: StoryClient,
  customerId: string,
  salespersonId: string,
  say: Say,
): Promise<SoldPolicy> {
  const { u, call, until, token } = c;
  const agent = token('agent', 'agent-demo');
  // 2. Recommendation, quote and application (chapter 2), once sales has the customer's facts from the events.
  // sales-svc learns the customer and their assessment from customer-svc's events: the analysis waits for them there
  // (RFC 7240 `Prefer: wait`), and is asked again should the wait end first.
  const recommendation = await until('sales to know the customer', async () => {
    const res = await call(
      u.sales,
      'POST',
      '/recommendations',
      agent,
      { customerId, salespersonId },
      { prefer: 'wait=10' },
    );
    return res.status === 200 && (res.body.recommendations as unknown[]).length > 0 ? res.body : undefined;
  });
  const ranked = (recommendation.recommendations as { productCode: string }[]).map((r) => r.productCode);
  say('needsAnalysed', {
    gap: yuan(recommendation.protectionGapFen as number, say.locale),
    ranked: ranked.join(' > '),
  });
  const quote = await quotePolicy(c, customerId, salespersonId);
  say('quoted', {
    quoteId: quote.quoteId as string,
    sum: yuan(50_000_000, say.locale),
    premium: yuan(quote.premiumFen as number, say.locale),
    validUntil: quote.validUntil as string,
  });
  const submitted = performance.now();
  const application = await submitApplication(c, quote.quoteId as string, customerId, salespersonId);
  say('applied', { applicationId: application.applicationId as string });

  // 3. Underwriting, confirmation, first premium, issue (chapter 3).
  const { kase, issued } = await underwriteAndIssue(
    c,
    application.applicationId as string,
    customerId,
    customerId,
    say,
  );
  const policy = issued.policy as Json;
  say('issued', {
    policyNumber: policy.policyNumber as string,
    from: policy.effectiveDate as string,
    to: policy.expiryDate as string,
    coolingOff: coolingOff(
      policy.issuedAt ? shanghaiDate(new Date(policy.issuedAt as string)) : (policy.effectiveDate as string),
      policy.coolingOffEndsOn as string | null,
      say.locale,
    ),
  });

  return {
    applicationId: application.applicationId as string,
    policy,
    premiumFen: kase.offerPremiumFen as number,
    applicationToIssueMs: performance.now() - submitted,
  };
}

/**
 * Chapter 3 for an application sales has submitted: underwriting (a referred case is accepted on review), the
 * policyholder's confirmation of the offer, the first premium from the payer, and the policy issued.
 */
export async function underwriteAndIssue(
  c: StoryClient,
  applicationId: string,
  policyholderId: string,
  payerId: string,
  say: Say,
): Promise<{ kase: Json; issued: Json }> {
  const { u, call, ok, until, token } = c;
  const payments = token('integrator', 'payment-gateway');
  const underwriter = token('underwriter', 'uw-demo');
  // contract-svc opens the case from sales-svc's event: the read waits for it there (RFC 7240 `Prefer: wait`), and is
  // asked again should the wait end first.
  let kase = await until('underwriting', async () => {
    const res = await call(
      u.contract,
      'GET',
      `/underwriting/cases/${applicationId}`,
      underwriter,
      undefined,
      {
        prefer: 'wait=10',
      },
    );
    return res.status === 200 ? res.body : undefined;
  });
  if (kase.status === 'referred') {
    say('referred');
    // Referred to an underwriter (under load, contract-svc may underwrite before it has the customer's identity
    // confirmation from customer-svc's events): the underwriter takes the case and accepts it on review.
    const path = `/underwriting/cases/${applicationId}`;
    await ok('assignment', call(u.contract, 'POST', `${path}/assignment`, underwriter));
    kase = await ok(
      'manual underwriting',
      call(u.contract, 'POST', `${path}/decision`, underwriter, {
        decision: 'accept',
        reasons: [{ code: 'UW.REVIEWED', message: 'identity confirmed on file; accepted on review' }],
      }),
    );
    say('reviewed', { decidedBy: kase.decidedBy as string });
  } else {
    say('underwritten', {
      decision: kase.decision as string,
      decidedBy: kase.decidedBy as string,
      premium: yuan(kase.offerPremiumFen as number, say.locale),
    });
  }
  await ok(
    'offer confirmation',
    call(
      u.contract,
      'POST',
      `/policies/offers/${applicationId}/confirmation`,
      token('customer', 'customer-demo', policyholderId),
      {
        signedBy: policyholderId,
        signedAt: new Date().toISOString(),
        sha256: createHash('sha256').update(`offer ${applicationId}`).digest('hex'),
      },
    ),
  );
  const issued = await ok(
    'first premium',
    call(u.contract, 'POST', '/premiums/first', payments, {
      applicationId,
      amountFen: kase.offerPremiumFen,
      paidAt: new Date().toISOString(),
      method: 'bank_transfer',
      payerId,
      payerType: 'individual',
    }),
  );
  return { kase, issued };
}

/**
 * The platform's story through its public interfaces only: REST with bearer tokens, and an integrator's command on
 * Kafka. Used by `npm run demo` against a running platform and by the end-to-end test against six processes.
 */
export async function runStory(o: StoryOptions): Promise<StoryResult> {
  const c = storyClient(o.urls, o.jwtSecret, undefined, o.onSensitive);
  const { u, call, ok, until, token } = c;
  const say = narrator(o.say, o.locale);
  const rep = token('service_rep', 'rep-demo');
  const handler = token('claims_handler', 'handler-demo');
  const manager = token('claims_manager', 'manager-demo');
  const officer = token('compliance_officer', 'officer-demo');
  const analyst = token('analyst', 'analyst-demo');

  const salespersonId = await registerSalesperson(c, say);
  const { customerId, name } = await onboardCustomer(c, o.readOtp, say);
  const { policy, premiumFen } = await sellPolicy(c, customerId, salespersonId, say);

  // 4. After the sale: return visit and satisfaction survey (chapters 2.4, 5).
  const visit = await until('the return visit', async () => {
    const res = await call(u.sales, 'GET', `/return-visits?policyId=${policy.policyId}`, rep);
    return (res.body as unknown as Json[])[0];
  });
  await ok(
    'return visit',
    call(u.sales, 'POST', `/return-visits/${visit.visitId}/outcome`, rep, {
      reached: true,
      identityConfirmed: true,
      termsUnderstood: true,
      wantsToWithdraw: false,
    }),
  );
  say('returnVisit', { dueOn: visit.dueOn as string });
  const survey = await until('the satisfaction survey', async () => {
    const res = await call(u.customer, 'GET', `/surveys?customerId=${customerId}`, rep);
    return (res.body as unknown as Json[]).find((s) => s.trigger === 'policy_issued');
  });
  await ok(
    'survey answer',
    call(
      u.customer,
      'POST',
      `/surveys/${survey.surveyId}/answers`,
      token('customer', 'customer-demo', customerId),
      { csat: 5, nps: 9 },
    ),
  );
  say('surveyed');

  // 5. A claim (chapter 4): reported by a claim administrator's command, documents completed, assessed, approved, paid.
  // claims-svc learns of the policy from contract-svc's event; until then a report is refused (and answered with
  // claims.command-rejected), so each attempt is a new command and the next one waits a few seconds for the claim.
  const producer = o.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await until('the claim to be reported', async () => {
      const commandId = randomUUID();
      await producer.send({
        topic: 'claims.commands.v1',
        messages: [
          {
            key: commandId,
            value: JSON.stringify({
              commandId,
              type: 'claims.report-claim',
              version: 1,
              issuedAt: new Date().toISOString(),
              issuer: 'tpa-demo',
              payload: {
                policyId: policy.policyId,
                insuredId: customerId,
                claimType: 'accident_disability',
                eventDate: policy.effectiveDate,
                description: 'fell from a bicycle; grade 8 disability assessed',
                amountClaimedFen: 6_000_000,
                payee: { name, bankAccount: '6222021001122334455', relationship: 'self' },
              },
            }),
          },
        ],
      });
      return waitFor(
        async () =>
          (
            (await call(u.claims, 'GET', `/claims?policyId=${policy.policyId}`, handler))
              .body as unknown as Json[]
          ).length > 0,
        { timeoutMs: 5_000, intervalMs: 250, description: 'the claim' },
      ).catch(() => false);
    });
  } finally {
    await producer.disconnect();
  }
  const claim = (await call(u.claims, 'GET', `/claims?policyId=${policy.policyId}`, handler))
    .body as unknown as Json[];
  const claimId = claim[0].claimId as string;
  say('claimReported', { claimId });
  const documents = accidentClaimDocuments(claimId);
  const completed = await ok(
    'documents',
    call(u.claims, 'POST', `/claims/${claimId}/documents`, handler, { documents }),
  );
  say('documentsDone', { status: completed.status as string });
  const assessment = await ok('assessment', call(u.claims, 'POST', `/claims/${claimId}/assessment`, handler));
  const payable = (assessment.assessment as Json).payableFen as number;
  say('assessed', {
    payable: yuan(payable, say.locale),
    fraudScore: (assessment.assessment as Json).fraudScore as number,
  });
  const approved = await ok(
    'approval',
    call(u.claims, 'POST', `/claims/${claimId}/decision`, manager, { decision: 'approve' }),
  );
  say('approved', { payable: yuan(payable, say.locale), status: approved.status as string });
  const paid = await ok(
    'payment',
    call(u.claims, 'POST', `/claims/${claimId}/payment`, manager, {
      paidAt: new Date().toISOString(),
      bankReference: `CNAPS-${randomInt(1e5, 1e6)}`,
    }),
  );
  say('paid', { amount: yuan(paid.paidFen as number, say.locale) });

  // 6. The second and third lines: KPIs and the audit chain (chapters 7, 8).
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const kpis = await until('the KPIs to include the day', async () => {
    const res = await call(u.analytics, 'GET', `/kpis?from=${today}&to=${today}&by=salesperson`, analyst);
    const mine = (res.body.rows as { key: string; kpis: Json }[] | undefined)?.find(
      (r) => r.key === salespersonId,
    )?.kpis;
    // The facts arrive on several topics and partitions, each in its own time: wait until every one the story
    // produced (quote, application, policy, return visit, paid claim, survey) is in the figures.
    const complete =
      mine &&
      (mine.quoteToPolicyConversion as number) > 0 &&
      (mine.newPolicies as number) >= 1 &&
      mine.returnVisitSuccessRate !== null &&
      (mine.claimsPaid as number) >= 1 &&
      mine.csat !== null;
    return complete ? mine : undefined;
  });
  say('kpis', {
    salespersonId,
    newPolicies: kpis.newPolicies as number,
    premium: yuan(kpis.newBusinessPremiumFen as number, say.locale),
    lossRatio: percent(kpis.lossRatio as number | null, say.locale),
  });
  const chain = await ok('audit verification', call(u.compliance, 'GET', '/audit/verify', officer));
  say('auditChain', {
    ok: chain.ok ? 'yes' : 'no',
    brokenAt: (chain.brokenAt as string | undefined) ?? null,
    entries: chain.entries as number,
  });
  return {
    customerId,
    policyId: policy.policyId as string,
    policyNumber: policy.policyNumber as string,
    claimId,
    salespersonId,
    premiumFen,
    paidFen: paid.paidFen as number,
    analystToken: analyst,
    kpis,
    auditIntact: chain.ok === true,
  };
}
