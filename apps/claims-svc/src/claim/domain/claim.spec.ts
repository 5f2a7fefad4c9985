import {
  assess,
  confirmPayment,
  decide,
  isOwnClaim,
  payAdvance,
  policyYearStart,
  recordDocuments,
  reopen,
  reportClaim,
  sendRejectionNotice,
  type AssessmentFacts,
  type ClaimReportInput,
  type ClaimState,
  type ClaimStatus,
} from './claim';
import { ClaimApprovalRefusedError, ClaimRefusedError, ClaimStateError } from './claim.errors';
import { DOCUMENT_CHECKLIST } from './intake';

const NOW = new Date('2026-03-10T02:00:00Z'); // 10:00 in Shanghai, 2026-03-10
const LIMITS = { handlerMaxFen: 5_000_000, managerMaxFen: 50_000_000 };

function reportInput(overrides: Partial<ClaimReportInput> = {}): ClaimReportInput {
  return {
    claimId: 'c-1',
    policy: { policyId: 'p-1', policyholderId: 'ph-1', productCode: 'PA1', beneficiaries: [] },
    insuredId: 'i-1',
    claimType: 'accident_disability',
    eventDate: '2026-03-01',
    description: 'fell from a bicycle',
    amountClaimedFen: 1_000_000,
    payee: { name: '张三', relationship: 'self', accountLast4: '4455' },
    intake: { coverage: { code: 'ACC' }, refusals: [] },
    actor: 'handler-1',
    ...overrides,
  };
}

function reported(): ClaimState {
  return reportClaim(reportInput(), NOW).state;
}

function withStatus(status: ClaimStatus, extra: Partial<ClaimState> = {}): ClaimState {
  return { ...reported(), status, ...extra };
}

const facts = (overrides: Partial<AssessmentFacts> = {}): AssessmentFacts => ({
  coverage: { sumInsuredPercent: 100, deductibleFen: 0, coPaymentPercent: 0 },
  sumInsuredFen: 10_000_000,
  effectiveDate: '2026-01-01',
  earlierPaid: [],
  otherClaimDates: [],
  reusedDocuments: 0,
  ...overrides,
});

function assessed(payableFen = 1_000_000, by = 'assessor-1'): ClaimState {
  return withStatus('assessed', {
    assessedBy: by,
    assessment: {
      payableFen,
      steps: [],
      fraudScore: 0,
      signals: [],
      referredToInvestigation: false,
      deductibleAbsorbedFen: 0,
      exhaustsLimit: false,
    },
  });
}

const manager = { id: 'manager-1', roles: ['claims_manager'] };
const handler = { id: 'handler-2', roles: ['claims_handler'] };

describe('the claim aggregate', () => {
  describe('report', () => {
    it('takes a claim intake accepted: documents requested, the notice listing every missing document', () => {
      const decided = reportClaim(reportInput(), NOW);
      expect(decided.state).toMatchObject({
        claimId: 'c-1',
        status: 'documents_requested',
        coverageCode: 'ACC',
        policyholderId: 'ph-1',
        paidFen: 0,
        documentsRequestedAt: NOW,
      });
      expect(decided.events.map((e) => e.type)).toEqual([
        'claims.claim-reported',
        'claims.documents-requested',
      ]);
      expect(decided.events[1].payload).toMatchObject({
        missing: [...DOCUMENT_CHECKLIST.accident_disability],
      });
      expect(decided.history).toEqual([
        { action: 'reported', actor: 'handler-1', detail: { amountClaimedFen: 1_000_000 } },
      ]);
      expect(decided.timers).toEqual([]);
    });

    it('refuses with intake reasons, without a coverage, and for a policy claims-svc does not know', () => {
      const refusal = { code: 'CLAIM.WAITING_PERIOD', message: 'inside the waiting period', source: 'terms' };
      expect(() =>
        reportClaim(reportInput({ intake: { coverage: { code: 'ACC' }, refusals: [refusal] } }), NOW),
      ).toThrow(ClaimRefusedError);
      expect(() => reportClaim(reportInput({ intake: { coverage: null, refusals: [] } }), NOW)).toThrow(
        ClaimRefusedError,
      );
      expect(() => reportClaim(reportInput({ policy: null }), NOW)).toThrow(ClaimRefusedError);
      try {
        reportClaim(reportInput({ intake: { coverage: null, refusals: [refusal] } }), NOW);
      } catch (err) {
        expect(err).toMatchObject({
          code: 'CLAIM.REFUSED',
          rule: { id: 'CLAIM.WAITING_PERIOD', source: 'terms' },
        });
      }
    });
  });

  describe('documents', () => {
    it('keeps waiting while documents are missing, naming them', () => {
      const claim = reported();
      const decided = recordDocuments(
        claim,
        { added: ['claim_form'], allSubmitted: ['claim_form'], actor: 'a' },
        NOW,
      );
      expect(decided.state).toBe(claim);
      expect(decided.missing.length).toBeGreaterThan(0);
      expect(decided.missing).not.toContain('claim_form');
      expect(decided.events).toEqual([]);
      expect(decided.history).toEqual([
        { action: 'documents_submitted', actor: 'a', detail: { kinds: ['claim_form'] } },
      ]);
    });

    it('completes once the checklist is in: the decision (30 days) and advance (60 days) timers start', () => {
      const all = [...DOCUMENT_CHECKLIST.accident_disability];
      const decided = recordDocuments(reported(), { added: all, allSubmitted: all, actor: 'a' }, NOW);
      expect(decided.state).toMatchObject({ status: 'documents_complete', documentsCompletedAt: NOW });
      expect(decided.timers).toEqual([
        { action: 'start', kind: 'decision', startedOn: '2026-03-10' },
        { action: 'start', kind: 'advance_payment', startedOn: '2026-03-10' },
      ]);
      expect(decided.events[0]).toMatchObject({
        type: 'claims.documents-completed',
        payload: { decisionDueOn: '2026-04-09' },
      });
    });

    it('does not complete twice: late papers are recorded, nothing restarts', () => {
      const all = [...DOCUMENT_CHECKLIST.accident_disability];
      const done = recordDocuments(reported(), { added: all, allSubmitted: all, actor: 'a' }, NOW).state;
      const again = recordDocuments(
        done,
        { added: ['receipt'], allSubmitted: [...all, 'receipt'], actor: 'a' },
        NOW,
      );
      expect(again.state).toBe(done);
      expect(again.events).toEqual([]);
      expect(again.timers).toEqual([]);
    });
  });

  describe('assessment', () => {
    it('computes the payable amount and a clean fraud score', () => {
      const decided = assess(withStatus('documents_complete'), facts(), 'assessor-1', NOW);
      expect(decided.state).toMatchObject({ status: 'assessed', assessedBy: 'assessor-1' });
      expect(decided.state.assessment).toMatchObject({
        payableFen: 1_000_000,
        referredToInvestigation: false,
      });
      expect(decided.events[0]).toMatchObject({
        type: 'claims.claim-assessed',
        payload: { payableFen: 1_000_000, referredToInvestigation: false },
      });
    });

    it('pays a death on a growing sum insured at the effective sum insured of the event’s policy year', () => {
      const payable = (eventDate: string, effectiveDate: string) =>
        assess(
          withStatus('documents_complete', { claimType: 'death', eventDate, amountClaimedFen: 99_000_000 }),
          facts({ sumInsuredFen: 10_000_000, sumInsuredGrowth: { compoundPercent: 3 }, effectiveDate }),
          'assessor-1',
          NOW,
        ).state.assessment?.payableFen;
      // Event on 2026-03-01: policy year 1 of a policy from 2025-03-02, year 2 of one from 2025-03-01, year 10 of one
      // from 2017-03-01 (100,000 x 1.03^9 = 130,477.32 yuan).
      expect(payable('2026-03-01', '2025-03-02')).toBe(10_000_000);
      expect(payable('2026-03-01', '2025-03-01')).toBe(10_300_000);
      expect(payable('2026-03-01', '2017-03-01')).toBe(13_047_732);
      // Without growth terms the basic sum insured pays whatever the year.
      expect(
        assess(
          withStatus('documents_complete', { claimType: 'death', amountClaimedFen: 99_000_000 }),
          facts({ effectiveDate: '2017-03-01' }),
          'assessor-1',
          NOW,
        ).state.assessment?.payableFen,
      ).toBe(10_000_000);
    });

    it('deducts a policy loan and its interest to the day of the assessment from the benefit', () => {
      // 3,000 yuan lent on 2025-09-10 at 5% for 6 months: on 2026-03-10 (NOW) it has rolled over once, 181 days:
      // 3,000 x 5% x 181 / 365 = 74.38 yuan of interest capitalised; no days into the new period.
      const decided = assess(
        withStatus('documents_complete'),
        facts({
          loan: { principalFen: 300_000, annualRatePercent: 5, termMonths: 6, periodStart: '2025-09-10' },
        }),
        'assessor-1',
        NOW,
      );
      expect(decided.state.assessment?.payableFen).toBe(1_000_000 - 307_438);
      expect(decided.state.assessment?.steps.at(-1)).toEqual({
        step: 'less the policy loan and its interest to 2026-03-10',
        amountFen: 692_562,
      });
    });

    it('refers a suspicious claim to investigation', () => {
      const decided = assess(
        withStatus('documents_complete', { payeeRelationship: 'friend', amountClaimedFen: 10_000_000 }),
        facts({
          effectiveDate: '2026-02-20',
          reusedDocuments: 2,
          otherClaimDates: ['2026-02-25', '2026-02-28'],
        }),
        'assessor-1',
        NOW,
      );
      expect(decided.state.status).toBe('investigation');
      expect(decided.state.assessment?.referredToInvestigation).toBe(true);
    });

    it('counts earlier payments of this policy year only against the annual limit', () => {
      const coverage = {
        sumInsuredPercent: 100,
        deductibleFen: 0,
        coPaymentPercent: 0,
        annualLimitFen: 1_500_000,
      };
      const lastYear = { eventDate: '2025-12-15', paidFen: 1_400_000, deductibleAbsorbedFen: 0 };
      const thisYear = { eventDate: '2026-02-01', paidFen: 1_000_000, deductibleAbsorbedFen: 0 };
      const onlyLastYear = assess(
        withStatus('documents_complete'),
        facts({ coverage, effectiveDate: '2025-01-15', earlierPaid: [lastYear] }),
        'x',
        NOW,
      );
      expect(onlyLastYear.state.assessment?.payableFen).toBe(1_000_000);
      const both = assess(
        withStatus('documents_complete'),
        facts({ coverage, effectiveDate: '2025-01-15', earlierPaid: [lastYear, thisYear] }),
        'x',
        NOW,
      );
      expect(both.state.assessment).toMatchObject({ payableFen: 500_000, exhaustsLimit: true });
    });

    it.each(['documents_requested', 'approved', 'rejected', 'paid'] as const)(
      'refuses a %s claim',
      (status) => {
        expect(() => assess(withStatus(status), facts(), 'x', NOW)).toThrow(ClaimStateError);
      },
    );

    it('refuses when the coverage is gone from the product', () => {
      expect(() =>
        assess(withStatus('documents_complete'), facts({ coverage: undefined }), 'x', NOW),
      ).toThrow(/without its coverage/);
    });
  });

  describe('policy year', () => {
    it('starts on the last anniversary on or before the event', () => {
      expect(policyYearStart('2024-05-10', '2026-05-09')).toBe('2025-05-10');
      expect(policyYearStart('2024-05-10', '2026-05-10')).toBe('2026-05-10');
      expect(policyYearStart('2024-05-10', '2024-05-10')).toBe('2024-05-10');
    });
  });

  describe('decision', () => {
    it('approves the payable amount within authority: decision met, advance cancelled, payment due in 10 days', () => {
      const decided = decide(assessed(), { decision: 'approve', reasons: [] }, handler, LIMITS, NOW);
      expect(decided.state).toMatchObject({
        status: 'approved',
        approvedFen: 1_000_000,
        decidedBy: 'handler-2',
      });
      expect(decided.timers).toEqual([
        { action: 'meet', kind: 'decision' },
        { action: 'cancel', kind: 'advance_payment' },
        { action: 'start', kind: 'payment', startedOn: '2026-03-10', amountFen: 1_000_000 },
      ]);
      expect(decided.events[0]).toMatchObject({
        type: 'claims.claim-approved',
        payload: { authorityLevel: 'handler', paymentDueOn: '2026-03-20' },
      });
    });

    it('splits an approved death benefit between the beneficiaries named on the day of the report', () => {
      const beneficiaries = [
        { name: '王一', relationship: 'spouse', sharePercent: 70, customerId: 'b-1' },
        { name: '王二', relationship: 'child', sharePercent: 30 },
      ];
      const death = reportClaim(
        reportInput({
          claimType: 'death',
          causeOfDeath: 'illness',
          policy: { policyId: 'p-1', policyholderId: 'ph-1', productCode: 'TL20', beneficiaries },
        }),
        NOW,
      );
      expect(death.state).toMatchObject({ causeOfDeath: 'illness', beneficiaries });
      expect(death.events[0].payload).toMatchObject({ causeOfDeath: 'illness' });
      const decided = decide(
        { ...death.state, status: 'assessed', assessedBy: 'handler-1', assessment: assessed().assessment },
        { decision: 'approve', reasons: [] },
        handler,
        LIMITS,
        NOW,
      );
      expect(decided.events[0].payload).toMatchObject({
        approvedFen: 1_000_000,
        beneficiaryShares: [
          { name: '王一', customerId: 'b-1', sharePercent: 70, amountFen: 700_000 },
          { name: '王二', customerId: null, sharePercent: 30, amountFen: 300_000 },
        ],
      });
      // Other claims carry no split; a claim reported on another kind of cover keeps no beneficiaries.
      const other = decide(assessed(), { decision: 'approve', reasons: [] }, handler, LIMITS, NOW);
      expect(other.events[0].payload).not.toHaveProperty('beneficiaryShares');
      expect(
        reportClaim(
          reportInput({
            policy: { policyId: 'p-1', policyholderId: 'ph-1', productCode: 'PA1', beneficiaries },
          }),
          NOW,
        ).state.beneficiaries,
      ).toEqual([]);
    });

    it('starts the payment timer on what is left after an advance', () => {
      const decided = decide(
        { ...assessed(), paidFen: 300_000 },
        { decision: 'approve', reasons: [] },
        handler,
        LIMITS,
        NOW,
      );
      expect(decided.timers[2]).toMatchObject({ kind: 'payment', amountFen: 700_000 });
    });

    it('refuses an amount above the payable one, or zero', () => {
      for (const approvedFen of [1_000_001, 0]) {
        expect(() =>
          decide(assessed(), { decision: 'approve', approvedFen, reasons: [] }, handler, LIMITS, NOW),
        ).toThrow(ClaimRefusedError);
      }
    });

    it('refuses the assessor deciding their own assessment, and an amount above the approver authority', () => {
      expect(() =>
        decide(assessed(1_000_000, 'handler-2'), { decision: 'approve', reasons: [] }, handler, LIMITS, NOW),
      ).toThrow(ClaimApprovalRefusedError);
      expect(() =>
        decide(assessed(6_000_000), { decision: 'approve', reasons: [] }, handler, LIMITS, NOW),
      ).toThrow(expect.objectContaining({ code: 'CLAIM.AUTHORITY' }));
      expect(
        decide(assessed(6_000_000), { decision: 'approve', reasons: [] }, manager, LIMITS, NOW).state.status,
      ).toBe('approved');
    });

    it('needs a manager for a claim under investigation, whatever the amount', () => {
      const claim = { ...assessed(100), status: 'investigation' as const };
      expect(() => decide(claim, { decision: 'approve', reasons: [] }, handler, LIMITS, NOW)).toThrow(
        ClaimApprovalRefusedError,
      );
      expect(decide(claim, { decision: 'approve', reasons: [] }, manager, LIMITS, NOW).state.status).toBe(
        'approved',
      );
    });

    it('rejects with reasons: the notice is due in 3 days', () => {
      const reasons = [{ code: 'EXCLUSION', message: 'excluded activity' }];
      const decided = decide(assessed(), { decision: 'reject', reasons }, handler, LIMITS, NOW);
      expect(decided.state).toMatchObject({
        status: 'rejected',
        rejectionReasons: reasons,
        decision: 'reject',
      });
      expect(decided.timers).toContainEqual({
        action: 'start',
        kind: 'rejection_notice',
        startedOn: '2026-03-10',
      });
      expect(decided.events[0]).toMatchObject({
        type: 'claims.claim-rejected',
        payload: { noticeDueOn: '2026-03-13' },
      });
    });

    it('refuses a rejection by the assessor or by someone without claims authority', () => {
      const reasons = [{ code: 'X', message: 'x' }];
      expect(() =>
        decide(assessed(1, 'handler-2'), { decision: 'reject', reasons }, handler, LIMITS, NOW),
      ).toThrow(ClaimApprovalRefusedError);
      expect(() =>
        decide(
          assessed(),
          { decision: 'reject', reasons },
          { id: 'rep', roles: ['service_rep'] },
          LIMITS,
          NOW,
        ),
      ).toThrow(ClaimApprovalRefusedError);
    });

    it.each(['documents_requested', 'documents_complete', 'approved', 'rejected', 'paid'] as const)(
      'refuses to decide a %s claim',
      (status) => {
        expect(() =>
          decide({ ...assessed(), status }, { decision: 'approve', reasons: [] }, manager, LIMITS, NOW),
        ).toThrow(ClaimStateError);
      },
    );

    it('refuses to decide without an assessment', () => {
      expect(() =>
        decide(withStatus('assessed'), { decision: 'approve', reasons: [] }, manager, LIMITS, NOW),
      ).toThrow(ClaimStateError);
    });
  });

  describe('rejection notice', () => {
    const rejected = () => withStatus('rejected', { rejectionReasons: [{ code: 'X', message: 'x' }] });

    it('is sent once, on time up to its due day and late after it', () => {
      const onTime = sendRejectionNotice(rejected(), '2026-03-10', 'h', NOW);
      expect(onTime.state.noticeSentAt).toBe(NOW);
      expect(onTime.events[0].payload).toMatchObject({ withinDeadline: true });
      expect(onTime.timers).toEqual([{ action: 'meet', kind: 'rejection_notice' }]);
      expect(sendRejectionNotice(rejected(), '2026-03-09', 'h', NOW).events[0].payload).toMatchObject({
        withinDeadline: false,
      });
      expect(() => sendRejectionNotice(onTime.state, '2026-03-10', 'h', NOW)).toThrow(ClaimStateError);
    });

    it('refuses a claim that is not rejected', () => {
      expect(() => sendRejectionNotice(assessed(), null, 'h', NOW)).toThrow(ClaimStateError);
    });
  });

  describe('payment', () => {
    const approved = (extra: Partial<ClaimState> = {}) =>
      ({ ...assessed(), status: 'approved', approvedFen: 1_000_000, ...extra }) as ClaimState;

    it('pays what is left of the approved amount and meets the payment timer', () => {
      const paidAt = new Date('2026-03-12T01:00:00Z');
      const decided = confirmPayment(
        approved({ paidFen: 200_000 }),
        { paidAt, bankReference: 'B1' },
        'fin',
        NOW,
      );
      expect(decided.state).toMatchObject({ status: 'paid', paidFen: 1_000_000, paidAt });
      expect(decided.events[0]).toMatchObject({
        type: 'claims.claim-paid',
        payload: {
          amountFen: 800_000,
          advance: false,
          terminatesPolicy: false,
          paidAt: paidAt.toISOString(),
        },
      });
      expect(decided.timers).toEqual([{ action: 'meet', kind: 'payment' }]);
    });

    it('names the insured and the policyholder, who is asked about the service after a death claim', () => {
      const paid = confirmPayment(
        approved({ claimType: 'death' }),
        { paidAt: NOW, bankReference: 'B' },
        'f',
        NOW,
      );
      expect(paid.events[0].payload).toMatchObject({ insuredId: 'i-1', policyholderId: 'ph-1' });
    });

    it('ends the policy on a death claim or when the payment uses up the limit', () => {
      const paid = { paidAt: NOW, bankReference: 'B' };
      expect(
        confirmPayment(approved({ claimType: 'death' }), paid, 'f', NOW).events[0].payload,
      ).toMatchObject({
        terminatesPolicy: true,
      });
      const exhausting = approved();
      const withLimit = { ...exhausting, assessment: { ...exhausting.assessment!, exhaustsLimit: true } };
      expect(confirmPayment(withLimit, paid, 'f', NOW).events[0].payload).toMatchObject({
        terminatesPolicy: true,
      });
    });

    it('refuses a claim that is not approved', () => {
      for (const status of ['assessed', 'rejected', 'paid'] as const)
        expect(() =>
          confirmPayment({ ...approved(), status }, { paidAt: NOW, bankReference: 'B' }, 'f', NOW),
        ).toThrow(ClaimStateError);
    });
  });

  describe('advance payment (Art. 25)', () => {
    it('pays the determinable part ahead and meets the advance timer', () => {
      const decided = payAdvance(assessed(), 400_000, 'm', NOW);
      expect(decided.state).toMatchObject({ status: 'assessed', paidFen: 400_000, paidAt: NOW });
      expect(decided.events[0].payload).toMatchObject({
        amountFen: 400_000,
        advance: true,
        terminatesPolicy: false,
      });
      expect(decided.timers).toEqual([{ action: 'meet', kind: 'advance_payment' }]);
    });

    it('pays at most the assessed amount; before assessment any amount the handler determines', () => {
      expect(payAdvance(assessed(), 1_000_000, 'm', NOW).state.paidFen).toBe(1_000_000);
      expect(() => payAdvance(assessed(), 1_000_001, 'm', NOW)).toThrow(ClaimRefusedError);
      expect(payAdvance(withStatus('documents_complete'), 2_000_000, 'm', NOW).state.paidFen).toBe(2_000_000);
    });

    it.each(['documents_requested', 'approved', 'rejected', 'paid'] as const)(
      'refuses a %s claim',
      (status) => {
        expect(() => payAdvance({ ...assessed(), status }, 1, 'm', NOW)).toThrow(ClaimStateError);
      },
    );
  });

  describe('reopen', () => {
    it.each(['rejected', 'paid'] as const)('reopens a %s claim for a fresh assessment', (status) => {
      const decided = reopen(
        { ...assessed(), status, decision: 'reject', approvedFen: 5 },
        'appeal',
        'm',
        NOW,
      );
      expect(decided.state).toMatchObject({
        status: 'documents_complete',
        decision: null,
        assessment: null,
        assessedBy: null,
        approvedFen: null,
      });
      expect(decided.timers).toEqual([
        { action: 'drop', kinds: ['decision', 'payment', 'rejection_notice'] },
        { action: 'start', kind: 'decision', startedOn: '2026-03-10' },
      ]);
      expect(decided.events[0]).toMatchObject({
        type: 'claims.claim-reopened',
        payload: { reason: 'appeal' },
      });
    });

    it.each(['documents_requested', 'documents_complete', 'assessed', 'investigation', 'approved'] as const)(
      'refuses a %s claim',
      (status) => {
        expect(() => reopen(withStatus(status), 'r', 'm', NOW)).toThrow(ClaimStateError);
      },
    );
  });

  describe('who may act', () => {
    it('lets staff act on any claim and a customer only as insured or policyholder', () => {
      const claim = { insuredId: 'i-1', policyholderId: 'ph-1' };
      expect(isOwnClaim({ staff: true }, claim)).toBe(true);
      expect(isOwnClaim({ staff: false, customerId: 'i-1' }, claim)).toBe(true);
      expect(isOwnClaim({ staff: false, customerId: 'ph-1' }, claim)).toBe(true);
      expect(isOwnClaim({ staff: false, customerId: 'other' }, claim)).toBe(false);
      expect(isOwnClaim({ staff: false }, claim)).toBe(false);
    });
  });
});
