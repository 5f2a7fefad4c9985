import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { signLocalToken, type Role } from '@insurer/platform-auth';
import { waitFor } from '@insurer/platform-testing';

export interface Platform {
  readonly customer: string;
  readonly sales: string;
  readonly contract: string;
  readonly claims: string;
  readonly compliance: string;
  readonly analytics: string;
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

type Json = Record<string, unknown> & { [key: string]: unknown };

const CHECK = '10X98765432';
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A resident ID number for a made-up person born on `birth` (GB 11643 check character included). */
function residentId(birth: string, male: boolean): string {
  let seq = randomInt(0, 1000);
  if ((seq % 2 === 1) !== male) seq = (seq + 1) % 1000;
  const first17 = `310104${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return first17 + CHECK[sum % 11];
}

/**
 * The platform's story through its public interfaces only: REST with bearer tokens, and an integrator's command on
 * Kafka. Used by `npm run demo` against a running platform and by the end-to-end test against six processes.
 */
export async function runStory(o: StoryOptions): Promise<StoryResult> {
  const token = (role: Role, sub: string, customerId?: string) =>
    signLocalToken({ sub, roles: [role], customerId, secret: o.jwtSecret });
  const call = async (
    base: string,
    method: string,
    path: string,
    tok: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tok}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
  };
  const ok = async (what: string, p: Promise<{ status: number; body: Json }>): Promise<Json> => {
    const res = await p;
    if (res.status >= 300) throw new Error(`${what} failed (${res.status}): ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const until = <T>(description: string, probe: () => Promise<T | undefined | null | false>) =>
    waitFor(probe, { timeoutMs: 60_000, intervalMs: 250, description });

  const agent = token('agent', 'agent-demo');
  const rep = token('service_rep', 'rep-demo');
  const handler = token('claims_handler', 'handler-demo');
  const manager = token('claims_manager', 'manager-demo');
  const payments = token('integrator', 'payment-gateway');
  const officer = token('compliance_officer', 'officer-demo');
  const analyst = token('analyst', 'analyst-demo');
  const u = o.urls;
  const admin = token('admin', 'admin-demo');

  // 0. A salesperson of the insurer's, graded, licensed and trained (sales-svc's admin API).
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
  o.say(`salesperson ${salespersonId} registered: grade G3, licensed, 32 training hours this year`);

  // 1. Customer information (chapter 1).
  const birth = `${1986 + randomInt(0, 8)}-0${randomInt(1, 10)}-1${randomInt(0, 9)}`;
  const mobile = `138${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  const name = `演示客户${randomInt(100, 999)}`;
  const idNumber = residentId(birth, true);
  const registered = await ok(
    'registration',
    call(u.customer, 'POST', '/customers', agent, {
      purpose: 'quotation',
      channel: 'telesales',
      name,
      idType: 'resident_id',
      idNumber,
      mobile,
      occupation: 'software engineer',
      occupationClass: 1,
      annualIncomeFen: 30_000_000,
      householdIncomeFen: 50_000_000,
      existingCoverFen: 0,
      dependants: 2,
    }),
  );
  const customerId = registered.customerId as string;
  o.say(`customer ${customerId} registered (ID ${idNumber.slice(0, 6)}********${idNumber.slice(-4)})`);
  const verification = await ok(
    'identity verification',
    call(u.customer, 'POST', `/customers/${customerId}/identity-verifications`, agent, {
      declared: { name, idNumber, birthDate: birth },
    }),
  );
  const code = await o.readOtp(mobile);
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
  o.say(`identity ${verified.status}: ${(verified.checks as string[]).join(', ')}`);
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
  o.say(`risk tolerance ${assessed.level} (score ${assessed.score}), valid until ${assessed.validUntil}`);

  // 2. Recommendation, quote and application (chapter 2), once sales has the customer's facts from the events.
  const recommendation = await until('sales to know the customer', async () => {
    const res = await call(u.sales, 'POST', '/recommendations', agent, { customerId, salespersonId });
    return res.status === 200 && (res.body.recommendations as unknown[]).length > 0 ? res.body : undefined;
  });
  const ranked = (recommendation.recommendations as { productCode: string }[]).map((r) => r.productCode);
  o.say(
    `needs analysis: protection gap ${(recommendation.protectionGapFen as number) / 100} yuan; recommended ${ranked.join(' > ')}`,
  );
  const quote = await ok(
    'quote',
    call(u.sales, 'POST', '/quotes', agent, {
      customerId,
      productCode: 'PA1',
      sumInsuredFen: 50_000_000,
      paymentMode: 'annual',
      paymentTermYears: 1,
      coverageTermYears: 1,
      salespersonId,
      channel: 'telesales',
    }),
  );
  o.say(
    `quote ${quote.quoteId}: PA1 personal accident, 500,000 yuan, premium ${(quote.premiumFen as number) / 100} yuan, valid until ${quote.validUntil}`,
  );
  const recording = {
    reference: `rec://telesales/${randomUUID()}`,
    sha256: createHash('sha256').update(`recording ${quote.quoteId}`).digest('hex'),
    durationSeconds: 840,
    checklist: [
      'identity_confirmed',
      'product_terms_explained',
      'exclusions_explained',
      'cooling_off_explained',
      'customer_confirmed_voluntary',
    ],
  };
  const application = await ok(
    'application',
    call(u.sales, 'POST', '/applications', agent, {
      quoteId: quote.quoteId,
      insuredId: customerId,
      payerId: customerId,
      payerRelationship: 'self',
      salespersonId,
      healthAnswers: [],
      beneficiaries: [],
      signature: {
        signedBy: customerId,
        signedAt: new Date().toISOString(),
        sha256: createHash('sha256').update(`application ${quote.quoteId}`).digest('hex'),
      },
      dualRecording: recording,
    }),
  );
  o.say(
    `application ${application.applicationId} submitted with the telesales recording (${recording.durationSeconds} s)`,
  );

  // 3. Underwriting, confirmation, first premium, issue (chapter 3).
  const underwriter = token('underwriter', 'uw-demo');
  const kase = await until('underwriting', async () => {
    const res = await call(
      u.contract,
      'GET',
      `/underwriting/cases/${application.applicationId}`,
      underwriter,
    );
    return res.status === 200 ? res.body : undefined;
  });
  o.say(
    `underwriting: ${kase.decision} by ${kase.decidedBy}; offer premium ${(kase.offerPremiumFen as number) / 100} yuan`,
  );
  await ok(
    'offer confirmation',
    call(
      u.contract,
      'POST',
      `/policies/offers/${application.applicationId}/confirmation`,
      token('customer', 'customer-demo', customerId),
      {
        signedBy: customerId,
        signedAt: new Date().toISOString(),
        sha256: createHash('sha256').update(`offer ${application.applicationId}`).digest('hex'),
      },
    ),
  );
  const issued = await ok(
    'first premium',
    call(u.contract, 'POST', '/premiums/first', payments, {
      applicationId: application.applicationId,
      amountFen: kase.offerPremiumFen,
      paidAt: new Date().toISOString(),
      method: 'bank_transfer',
      payerId: customerId,
      payerType: 'individual',
    }),
  );
  const policy = issued.policy as Json;
  o.say(
    `policy ${policy.policyNumber} issued: cover ${policy.effectiveDate} to ${policy.expiryDate}, cooling-off until ${policy.coolingOffEndsOn}`,
  );

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
  o.say(`return visit done (was due ${visit.dueOn}, inside the cooling-off period)`);
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
  o.say('survey answered: CSAT 5, NPS 9');

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
  o.say(
    `claim ${claimId} reported by the claim administrator's command; missing documents requested in one notice`,
  );
  const documents = [
    'claim_form',
    'accident_report',
    'disability_assessment',
    'medical_records',
    'insured_id',
  ].map((kind) => ({
    kind,
    reference: `dms://${kind}/${randomUUID()}`,
    sha256: createHash('sha256').update(`${kind} ${claimId}`).digest('hex'),
  }));
  const completed = await ok(
    'documents',
    call(u.claims, 'POST', `/claims/${claimId}/documents`, handler, { documents }),
  );
  o.say(`documents ${completed.status}`);
  const assessment = await ok('assessment', call(u.claims, 'POST', `/claims/${claimId}/assessment`, handler));
  const payable = (assessment.assessment as Json).payableFen as number;
  o.say(`assessed: payable ${payable / 100} yuan, fraud score ${(assessment.assessment as Json).fraudScore}`);
  const approved = await ok(
    'approval',
    call(u.claims, 'POST', `/claims/${claimId}/decision`, manager, { decision: 'approve' }),
  );
  o.say(
    `approved by a claims manager (${payable / 100} yuan is above the handler's authority): ${approved.status}`,
  );
  const paid = await ok(
    'payment',
    call(u.claims, 'POST', `/claims/${claimId}/payment`, manager, {
      paidAt: new Date().toISOString(),
      bankReference: `CNAPS-${randomInt(1e5, 1e6)}`,
    }),
  );
  o.say(`claim paid: ${(paid.paidFen as number) / 100} yuan`);

  // 6. The second and third lines: KPIs and the audit chain (chapters 7, 8).
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const kpis = await until('the KPIs to include the day', async () => {
    const res = await call(u.analytics, 'GET', `/kpis?from=${today}&to=${today}&by=salesperson`, analyst);
    const mine = (res.body.rows as { key: string; kpis: Json }[] | undefined)?.find(
      (r) => r.key === salespersonId,
    )?.kpis;
    return mine && (mine.claimsPaid as number) >= 1 ? mine : undefined;
  });
  o.say(
    `KPIs for ${salespersonId} today: ${kpis.newPolicies} new policies, ${(kpis.newBusinessPremiumFen as number) / 100} yuan new premium, loss ratio ${kpis.lossRatio}`,
  );
  const chain = await ok('audit verification', call(u.compliance, 'GET', '/audit/verify', officer));
  o.say(
    `compliance audit chain: ${chain.ok ? 'intact' : `broken at ${chain.brokenAt}`} (${chain.entries} entries)`,
  );
  return {
    customerId,
    policyId: policy.policyId as string,
    policyNumber: policy.policyNumber as string,
    claimId,
    salespersonId,
    premiumFen: kase.offerPremiumFen as number,
    paidFen: paid.paidFen as number,
    analystToken: analyst,
    kpis,
    auditIntact: chain.ok === true,
  };
}
