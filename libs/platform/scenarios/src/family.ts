import { createHash, randomInt, randomUUID } from 'node:crypto';
import { narrator, yuan } from './narration';
import {
  onboardCustomer,
  registerSalesperson,
  storyClient,
  underwriteAndIssue,
  type Json,
  type StoryOptions,
} from './story';

export interface FamilyStoryResult {
  readonly motherId: string;
  readonly fatherId: string;
  readonly childId: string;
  /** The mother's critical-illness policy on her son. */
  readonly childPolicyId: string;
  /** The mother's accident policy, paid by the father, on which a death claim is split between son and father. */
  readonly accidentPolicyId: string;
  readonly deathClaimId: string;
  readonly shares: { name: string; customerId: string | null; sharePercent: number; amountFen: number }[];
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const noHealthIssues = (productType: string) =>
  productType === 'accident'
    ? []
    : ['hospitalised_5y', 'cancer', 'heart_disease', 'hypertension', 'diabetes', 'abnormal_checkup_2y'].map(
        (questionId) => ({ questionId, answer: false }),
      );

/**
 * The parties of a policy, end to end (domain.md "Parties"): a mother buys critical-illness cover for her son of 8
 * (suitability on her, rating on him, the minors' cap on him), and accident cover on herself that her husband pays,
 * naming her son and her husband as beneficiaries; after her accidental death the husband reports the claim and the
 * benefit is split 60/40 between them. Through the public interfaces only, like the main story.
 */
export async function runFamilyStory(o: Omit<StoryOptions, 'kafka'>): Promise<FamilyStoryResult> {
  const c = storyClient(o.urls, o.jwtSecret, undefined, o.onSensitive);
  const { u, call, ok, until, token } = c;
  const say = narrator((line: string) => o.say(`family: ${line}`), o.locale);
  const agent = token('agent', 'agent-family');
  const year = new Date().getUTCFullYear();

  const salespersonId = await registerSalesperson(c, say);
  const mother = await onboardCustomer(c, o.readOtp, say, {
    bornIn: year - 40,
    male: false,
    label: 'mother',
  });
  const father = await onboardCustomer(c, o.readOtp, say, { bornIn: year - 42, label: 'father' });
  const child = await onboardCustomer(c, o.readOtp, say, { bornIn: year - 9, label: 'son', pupil: true });

  // 1. The mother insures her son: she is the policyholder and buyer, he is the insured.
  const quoteForSon = (sumInsuredFen: number) =>
    call(u.sales, 'POST', '/quotes', agent, {
      customerId: mother.customerId,
      insuredId: child.customerId,
      insuredRelationship: 'child',
      productCode: 'CI30',
      sumInsuredFen,
      paymentMode: 'annual',
      paymentTermYears: 20,
      coverageTermYears: 30,
      salespersonId,
      channel: 'agent',
    });
  const childQuote = await until('sales to know the family', async () => {
    const res = await quoteForSon(10_000_000);
    if (res.status === 201) return res.body;
    // Until customer-svc's events reach sales, the parties are unknown; anything else is a real refusal.
    const codes = ((res.body.reasons as { code: string }[] | undefined) ?? []).map((r) => r.code);
    if (res.status === 422 && codes.every((code) => code === 'SALES.CUSTOMER_UNKNOWN')) return undefined;
    throw new Error(`quote refused (${res.status}): ${JSON.stringify(res.body)}`);
  });
  say('familyQuoted', {
    age: childQuote.entryAge as number,
    sum: yuan(10_000_000, say.locale),
    premium: yuan(childQuote.premiumFen as number, say.locale),
  });
  const over = await quoteForSon(30_000_000);
  say('familyCapRefused', {
    sum: yuan(30_000_000, say.locale),
    code: ((over.body.reasons as Json[])[0]?.code as string | undefined) ?? null,
  });
  const childApplication = await ok(
    'the son’s application',
    call(u.sales, 'POST', '/applications', agent, {
      quoteId: childQuote.quoteId,
      policyholderId: mother.customerId,
      insuredId: child.customerId,
      payerId: mother.customerId,
      payerRelationship: 'self',
      salespersonId,
      healthAnswers: noHealthIssues('critical_illness'),
      heightCm: 132,
      weightKg: 29,
      beneficiaries: [],
      signature: {
        signedBy: mother.customerId,
        signedAt: new Date().toISOString(),
        sha256: sha('child application'),
      },
    }),
  );
  const { issued: childIssued } = await underwriteAndIssue(
    c,
    childApplication.applicationId as string,
    mother.customerId,
    mother.customerId,
    say,
  );
  const childPolicy = childIssued.policy as Json;
  say('familyChildPolicy', { policyNumber: childPolicy.policyNumber as string });
  const sonSees = await until('the son to see the policy on his life', async () => {
    const res = await call(u.contract, 'GET', '/policies', token('customer', 'son', child.customerId));
    const list = res.body as unknown as Json[];
    return list.some((p) => p.policyId === childPolicy.policyId) ? list : undefined;
  });
  say('familySonSees', { count: sonSees.length });

  // 2. Accident cover on the mother, paid by the father, for their son (60%) and the father (40%).
  const beneficiaries = [
    { name: '儿子', relationship: 'child', sharePercent: 60, customerId: child.customerId },
    { name: '丈夫', relationship: 'spouse', sharePercent: 40, customerId: father.customerId },
  ];
  const accidentQuote = await ok(
    'the mother’s accident quote',
    call(u.sales, 'POST', '/quotes', agent, {
      customerId: mother.customerId,
      productCode: 'PA1',
      sumInsuredFen: 50_000_000,
      paymentMode: 'annual',
      paymentTermYears: 1,
      coverageTermYears: 1,
      salespersonId,
      channel: 'agent',
    }),
  );
  const accidentApplication = await ok(
    'the mother’s accident application',
    call(u.sales, 'POST', '/applications', agent, {
      quoteId: accidentQuote.quoteId,
      insuredId: mother.customerId,
      payerId: father.customerId,
      payerRelationship: 'spouse',
      salespersonId,
      healthAnswers: noHealthIssues('accident'),
      beneficiaries,
      signature: {
        signedBy: mother.customerId,
        signedAt: new Date().toISOString(),
        sha256: sha('pa application'),
      },
    }),
  );
  const { issued: accidentIssued } = await underwriteAndIssue(
    c,
    accidentApplication.applicationId as string,
    mother.customerId,
    father.customerId,
    say,
  );
  const accidentPolicy = accidentIssued.policy as Json;
  say('familyAccidentPolicy', { policyNumber: accidentPolicy.policyNumber as string });

  // 3. The death claim, reported by the father as a named beneficiary, split by the shares.
  const asFather = token('customer', 'father', father.customerId);
  const handler = token('claims_handler', 'handler-family');
  const manager = token('claims_manager', 'manager-family');
  const claim = await until('claims-svc to know the policy', async () => {
    const res = await call(u.claims, 'POST', '/claims', asFather, {
      policyId: accidentPolicy.policyId,
      insuredId: mother.customerId,
      claimType: 'death',
      causeOfDeath: 'accident',
      eventDate: accidentPolicy.effectiveDate,
      description: 'traffic accident',
      amountClaimedFen: 50_000_000,
      payee: { name: '丈夫', bankAccount: `62220210${randomInt(1e10, 1e11)}`, relationship: 'beneficiary' },
    });
    return res.status === 201 ? res.body : undefined;
  });
  say('familyClaim', { claimId: claim.claimId as string });
  await ok(
    'death documents',
    call(u.claims, 'POST', `/claims/${claim.claimId}/documents`, handler, {
      documents: [
        'claim_form',
        'death_certificate',
        'household_deregistration',
        'claimant_id',
        'relationship_proof',
      ].map((kind) => ({
        kind,
        reference: `dms://${kind}/${randomUUID()}`,
        sha256: sha(`${kind} ${claim.claimId}`),
      })),
    }),
  );
  await ok('death assessment', call(u.claims, 'POST', `/claims/${claim.claimId}/assessment`, handler));
  const approved = await ok(
    'death approval',
    call(u.claims, 'POST', `/claims/${claim.claimId}/decision`, manager, { decision: 'approve' }),
  );
  const shares = approved.beneficiaryShares as FamilyStoryResult['shares'];
  say('familySplit', {
    amount: yuan(approved.approvedFen as number, say.locale),
    shares: shares.map((s) => `${s.name} ${s.sharePercent}% = ${yuan(s.amountFen, say.locale)}`).join(', '),
  });
  return {
    motherId: mother.customerId,
    fatherId: father.customerId,
    childId: child.customerId,
    childPolicyId: childPolicy.policyId as string,
    accidentPolicyId: accidentPolicy.policyId as string,
    deathClaimId: claim.claimId as string,
    shares,
  };
}
