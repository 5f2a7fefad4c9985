import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import type { Principal } from '@insurer/platform-auth';
import { openText, sealText } from '@insurer/platform-crypto';
import { PrimaryKeyReader, inTransaction } from '@insurer/platform-database';
import { AppError, ResourceNotFoundError } from '@insurer/platform-http';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, addYears, shanghaiDate } from '@insurer/platform-time';
import {
  ClaimsPolicyReplicaEntity,
  ClaimsProductReplicaEntity,
} from '../../replica/infrastructure/replica.entity';
import { approvalCheck, type AuthorityLimits } from '../domain/authority';
import { fraudScore } from '../domain/fraud';
import { checkIntake, missingDocuments, type ClaimType, type Refusal } from '../domain/intake';
import { deductibleAbsorbed, payableAmount } from '../domain/payable';
import { timerDueOn, type TimerKind } from '../domain/statutory-timers';
import {
  ClaimDocumentEntity,
  ClaimEntity,
  ClaimTimerEntity,
  type ClaimStatus,
} from '../infrastructure/claim.entity';

export const CLAIMS_SETTINGS = Symbol('CLAIMS_SETTINGS');

export interface ClaimsSettings {
  readonly dataKey: Buffer;
  readonly limits: AuthorityLimits;
  /** Annual interest in basis points for the late-payment exposure. */
  readonly lateInterestBp: number;
}

export interface ReportInput {
  readonly policyId: string;
  readonly insuredId: string;
  readonly claimType: ClaimType;
  readonly eventDate: string;
  readonly description: string;
  readonly amountClaimedFen: number;
  readonly payee: { name: string; bankAccount: string; relationship: string };
}

export interface DocumentInput {
  readonly kind: string;
  readonly reference: string;
  readonly sha256: string;
}

export class ClaimRefusedError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly refusals: readonly Refusal[],
  ) {
    const sourced = refusals.find((r) => r.source);
    super(code, 'rule', `${message}: ${refusals.map((r) => r.message).join('; ')}`, {
      errors: refusals.map((r) => ({ pointer: r.pointer ?? '', message: r.message, rule: r.code })),
      rule: sourced?.source ? { id: sourced.code, source: sourced.source } : undefined,
      extensions: { reasons: refusals },
    });
  }
}

export class ClaimStateError extends AppError {
  constructor(claim: ClaimEntity, action: string) {
    super(
      'CLAIM.WRONG_STATE',
      'conflict',
      `claim ${claim.claimId} is ${claim.status}; it cannot be ${action}`,
    );
  }
}

const PAYEE_OK = ['self', 'insured', 'beneficiary', 'spouse', 'child', 'parent'];

/**
 * A claim from first notice to payment (manual chapter 4). Every step writes its state, its history line, its
 * statutory timers and its event in one transaction.
 */
@Injectable()
export class ClaimService {
  /** GET /claims/{id} is the hottest read, and intake reads two replicas: one statement each, no query builder. */
  private readonly byId: PrimaryKeyReader<ClaimEntity>;
  private readonly policyReplica: PrimaryKeyReader<ClaimsPolicyReplicaEntity>;
  private readonly productReplica: PrimaryKeyReader<ClaimsProductReplicaEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    @Inject(CLAIMS_SETTINGS) private readonly settings: ClaimsSettings,
  ) {
    this.byId = new PrimaryKeyReader(dataSource, ClaimEntity);
    this.policyReplica = new PrimaryKeyReader(dataSource, ClaimsPolicyReplicaEntity);
    this.productReplica = new PrimaryKeyReader(dataSource, ClaimsProductReplicaEntity);
  }

  async report(input: ReportInput, actor: string, within?: EntityManager): Promise<ClaimView> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    return inTransaction(this.dataSource, within, async (m) => {
      const policy = await this.policyReplica.findIn(m, input.policyId);
      const product = policy
        ? await this.productReplica.findIn(m, policy.productCode, policy.productVersion)
        : null;
      const { coverage, refusals } = checkIntake(
        policy && {
          insuredId: policy.insuredId,
          isLife: policy.isLife,
          effectiveDate: policy.effectiveDate,
          expiryDate: policy.expiryDate,
          endedOn: policy.endedOn,
          suspensions: policy.suspensions,
          limitationYears: product?.definition.limitationYears ?? (policy.isLife ? 5 : 2),
        },
        product?.definition.coverages ?? [],
        input,
        today,
      );
      if (refusals.length || !policy || !coverage)
        throw new ClaimRefusedError('CLAIM.REFUSED', 'the claim cannot be taken', refusals);
      const claimId = randomUUID();
      const claim = m.create(ClaimEntity, {
        claimId,
        policyId: policy.policyId,
        insuredId: input.insuredId,
        policyholderId: policy.policyholderId,
        productCode: policy.productCode,
        claimType: input.claimType,
        coverageCode: coverage.code,
        eventDate: input.eventDate,
        description: input.description,
        amountClaimedFen: input.amountClaimedFen,
        payeeName: input.payee.name,
        payeeRelationship: input.payee.relationship,
        payeeAccount: sealText(this.settings.dataKey, input.payee.bankAccount, payeeContext(claimId)),
        payeeAccountLast4: input.payee.bankAccount.slice(-4),
        status: 'documents_requested',
        reportedAt: now,
        reportedBy: actor,
        // The acknowledgement below is the notice of missing documents (Art. 22): it goes out with the claim.
        documentsRequestedAt: now,
        documentsCompletedAt: null,
        assessment: null,
        assessedBy: null,
        decision: null,
        decidedBy: null,
        decidedAt: null,
        approvedFen: null,
        rejectionReasons: null,
        noticeSentAt: null,
        paidFen: 0,
        paidAt: null,
      });
      await m.insert(ClaimEntity, claim);
      await this.history(m, claimId, 'reported', actor, { amountClaimedFen: input.amountClaimedFen });
      // Art. 22: one notice listing everything missing, sent with the acknowledgement of the claim.
      const missing = missingDocuments(input.claimType, []);
      await this.outbox.publishAll(m, [
        {
          type: 'claims.claim-reported',
          aggregateId: claimId,
          payload: {
            claimId,
            policyId: policy.policyId,
            insuredId: input.insuredId,
            productCode: policy.productCode,
            claimType: input.claimType,
            eventDate: input.eventDate,
            amountClaimedFen: input.amountClaimedFen,
            reportedAt: now.toISOString(),
          },
        },
        {
          type: 'claims.documents-requested',
          aggregateId: claimId,
          payload: { claimId, missing, requestedAt: now.toISOString() },
        },
      ]);
      return viewOf(claim);
    });
  }

  /** Records documents with their SHA-256; once the checklist is complete the decision and advance timers start. */
  async submitDocuments(
    claimId: string,
    documents: readonly DocumentInput[],
    actor: string,
    within?: EntityManager,
  ) {
    const now = this.clock.now();
    return inTransaction(this.dataSource, within, async (m) => {
      const claim = await this.lock(m, claimId);
      for (const d of documents) {
        await m.insert(ClaimDocumentEntity, {
          documentId: randomUUID(),
          claimId,
          ...d,
          submittedBy: actor,
          submittedAt: now,
        });
      }
      await this.history(m, claimId, 'documents_submitted', actor, { kinds: documents.map((d) => d.kind) });
      const submitted = (await m.find(ClaimDocumentEntity, { where: { claimId } })).map((d) => d.kind);
      const missing = missingDocuments(claim.claimType, submitted);
      if (missing.length === 0 && !claim.documentsCompletedAt) {
        const today = shanghaiDate(now);
        claim.documentsCompletedAt = now;
        claim.status = 'documents_complete';
        await m.save(claim);
        await this.startTimer(m, claimId, 'decision', today);
        await this.startTimer(m, claimId, 'advance_payment', today);
        await this.outbox.publish(m, {
          type: 'claims.documents-completed',
          aggregateId: claimId,
          payload: { claimId, completedAt: now.toISOString(), decisionDueOn: timerDueOn('decision', today) },
        });
      }
      return { claimId, status: claim.status, missing };
    });
  }

  async assess(claimId: string, assessor: string) {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const claim = await this.lock(m, claimId);
      if (
        claim.status !== 'documents_complete' &&
        claim.status !== 'assessed' &&
        claim.status !== 'investigation'
      ) {
        throw new ClaimStateError(claim, 'assessed');
      }
      const policy = await m.findOneOrFail(ClaimsPolicyReplicaEntity, {
        where: { policyId: claim.policyId },
      });
      const product = await m.findOneOrFail(ClaimsProductReplicaEntity, {
        where: { productCode: policy.productCode, version: policy.productVersion },
      });
      const coverage = product.definition.coverages.find((c) => c.code === claim.coverageCode);
      if (!coverage) throw new ClaimStateError(claim, 'assessed without its coverage');
      const earlier = await m.find(ClaimEntity, {
        where: {
          policyId: claim.policyId,
          coverageCode: claim.coverageCode,
          claimId: Not(claimId),
          paidFen: Not(0),
        },
      });
      const yearStart = policyYearStart(policy.effectiveDate, claim.eventDate);
      const thisYear = earlier.filter((c) => c.eventDate >= yearStart);
      const input = {
        claimType: claim.claimType,
        amountClaimedFen: claim.amountClaimedFen,
        sumInsuredFen: policy.sumInsuredFen,
        coverage,
        paidThisYearFen: thisYear.reduce((s, c) => s + c.paidFen, 0),
        paidLifetimeFen: earlier.reduce((s, c) => s + c.paidFen, 0),
        deductibleUsedFen: thisYear.reduce((s, c) => s + (c.assessment?.deductibleAbsorbedFen ?? 0), 0),
      };
      const payable = payableAmount(input);
      const documents = await m.find(ClaimDocumentEntity, { where: { claimId } });
      const reused = documents.length
        ? await m.count(ClaimDocumentEntity, {
            where: { sha256: In(documents.map((d) => d.sha256)), claimId: Not(claimId) },
          })
        : 0;
      const others = await m.find(ClaimEntity, {
        where: { insuredId: claim.insuredId, claimId: Not(claimId) },
      });
      const fraud = fraudScore({
        effectiveDate: policy.effectiveDate,
        eventDate: claim.eventDate,
        otherClaimDates: others.map((c) => c.eventDate),
        amountClaimedFen: claim.amountClaimedFen,
        limitFen:
          coverage.annualLimitFen ?? Math.floor((policy.sumInsuredFen * coverage.sumInsuredPercent) / 100),
        payeeIsInsuredOrBeneficiary: PAYEE_OK.includes(claim.payeeRelationship),
        reusedDocuments: reused,
      });
      claim.assessment = {
        payableFen: payable.payableFen,
        steps: payable.steps,
        fraudScore: fraud.score,
        signals: fraud.signals,
        referredToInvestigation: fraud.referred,
        deductibleAbsorbedFen: deductibleAbsorbed(input),
        exhaustsLimit:
          (coverage.annualLimitFen !== undefined &&
            input.paidThisYearFen + payable.payableFen >= coverage.annualLimitFen) ||
          (coverage.lifetimeLimitFen !== undefined &&
            input.paidLifetimeFen + payable.payableFen >= coverage.lifetimeLimitFen),
      };
      claim.assessedBy = assessor;
      claim.status = fraud.referred ? 'investigation' : 'assessed';
      await m.save(claim);
      await this.history(m, claimId, 'assessed', assessor, {
        payableFen: payable.payableFen,
        fraudScore: fraud.score,
      });
      await this.outbox.publish(m, {
        type: 'claims.claim-assessed',
        aggregateId: claimId,
        payload: {
          claimId,
          payableFen: payable.payableFen,
          fraudScore: fraud.score,
          referredToInvestigation: fraud.referred,
          assessedBy: assessor,
          assessedAt: now.toISOString(),
        },
      });
      return viewOf(claim);
    });
  }

  /**
   * Approve within the approver's authority (and never one's own assessment), or reject with reasons. A claim under
   * investigation needs a manager or above to decide.
   */
  async decide(
    claimId: string,
    approver: Principal,
    input: {
      decision: 'approve' | 'reject';
      approvedFen?: number;
      reasons: { code: string; message: string }[];
    },
  ) {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    return this.dataSource.transaction(async (m) => {
      const claim = await this.lock(m, claimId);
      if ((claim.status !== 'assessed' && claim.status !== 'investigation') || !claim.assessment) {
        throw new ClaimStateError(claim, 'decided');
      }
      if (input.decision === 'approve') {
        const amount = input.approvedFen ?? claim.assessment.payableFen;
        if (amount > claim.assessment.payableFen || amount <= 0) {
          throw new ClaimRefusedError('CLAIM.AMOUNT', 'the approved amount is not payable', [
            {
              code: 'CLAIM.AMOUNT',
              message: `approve between 0.01 and ${claim.assessment.payableFen / 100} yuan`,
              pointer: '/approvedFen',
            },
          ]);
        }
        const limits =
          claim.status === 'investigation'
            ? { ...this.settings.limits, handlerMaxFen: -1 }
            : this.settings.limits;
        const check = approvalCheck(
          amount,
          { id: approver.sub, roles: approver.roles },
          claim.assessedBy,
          limits,
        );
        if (!check.ok) throw new AppError(check.code, 'forbidden', check.message);
        claim.status = 'approved';
        claim.decision = 'approve';
        claim.approvedFen = amount;
        claim.decidedBy = approver.sub;
        claim.decidedAt = now;
        await m.save(claim);
        await this.meetTimer(m, claimId, 'decision', now);
        await this.cancelTimer(m, claimId, 'advance_payment');
        await this.startTimer(m, claimId, 'payment', today, amount - claim.paidFen);
        await this.history(m, claimId, 'approved', approver.sub, {
          approvedFen: amount,
          authority: check.level,
        });
        await this.outbox.publish(m, {
          type: 'claims.claim-approved',
          aggregateId: claimId,
          payload: {
            claimId,
            policyId: claim.policyId,
            approvedFen: amount,
            approvedBy: approver.sub,
            authorityLevel: check.level,
            decidedAt: now.toISOString(),
            paymentDueOn: timerDueOn('payment', today),
          },
        });
      } else {
        const check = approvalCheck(
          0,
          { id: approver.sub, roles: approver.roles },
          claim.assessedBy,
          this.settings.limits,
        );
        if (!check.ok) throw new AppError(check.code, 'forbidden', check.message);
        claim.status = 'rejected';
        claim.decision = 'reject';
        claim.rejectionReasons = input.reasons;
        claim.decidedBy = approver.sub;
        claim.decidedAt = now;
        await m.save(claim);
        await this.meetTimer(m, claimId, 'decision', now);
        await this.cancelTimer(m, claimId, 'advance_payment');
        await this.startTimer(m, claimId, 'rejection_notice', today);
        await this.history(m, claimId, 'rejected', approver.sub, { reasons: input.reasons });
        await this.outbox.publish(m, {
          type: 'claims.claim-rejected',
          aggregateId: claimId,
          payload: {
            claimId,
            policyId: claim.policyId,
            reasons: input.reasons,
            decidedAt: now.toISOString(),
            noticeDueOn: timerDueOn('rejection_notice', today),
            noticeSentAt: null,
          },
        });
      }
      return viewOf(claim);
    });
  }

  /** Art. 24: the rejection notice with its reasons. */
  async sendRejectionNotice(claimId: string, actor: string) {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const claim = await this.lock(m, claimId);
      if (claim.status !== 'rejected' || claim.noticeSentAt || !claim.rejectionReasons)
        throw new ClaimStateError(claim, 'notified');
      const timer = await m.findOne(ClaimTimerEntity, { where: { claimId, kind: 'rejection_notice' } });
      claim.noticeSentAt = now;
      await m.save(claim);
      await this.meetTimer(m, claimId, 'rejection_notice', now);
      await this.history(m, claimId, 'rejection_notice_sent', actor, {});
      await this.outbox.publish(m, {
        type: 'claims.rejection-notice-sent',
        aggregateId: claimId,
        payload: {
          claimId,
          reasons: claim.rejectionReasons,
          sentAt: now.toISOString(),
          withinDeadline: !timer || shanghaiDate(now) <= timer.dueOn,
        },
      });
      return viewOf(claim);
    });
  }

  /** Payment confirmed by finance; a death claim, or a payment that uses up the limit, ends the policy. */
  async confirmPayment(claimId: string, actor: string, input: { paidAt: string; bankReference: string }) {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const claim = await this.lock(m, claimId);
      if (claim.status !== 'approved' || claim.approvedFen === null) throw new ClaimStateError(claim, 'paid');
      const amount = claim.approvedFen - claim.paidFen;
      claim.paidFen += amount;
      claim.paidAt = new Date(input.paidAt);
      claim.status = 'paid';
      await m.save(claim);
      await this.meetTimer(m, claimId, 'payment', now);
      await this.history(m, claimId, 'paid', actor, {
        amountFen: amount,
        bankReference: input.bankReference,
      });
      await this.publishPaid(
        m,
        claim,
        amount,
        false,
        claim.claimType === 'death' || claim.assessment?.exhaustsLimit === true,
      );
      return viewOf(claim);
    });
  }

  /** Art. 25: 60 days after complete documents with the amount still open, the determinable part is paid ahead. */
  async payAdvance(claimId: string, actor: string, amountFen: number) {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const claim = await this.lock(m, claimId);
      if (!['documents_complete', 'assessed', 'investigation'].includes(claim.status))
        throw new ClaimStateError(claim, 'paid in advance');
      if (claim.assessment && amountFen > claim.assessment.payableFen) {
        throw new ClaimRefusedError('CLAIM.AMOUNT', 'the advance exceeds what is determinable', [
          {
            code: 'CLAIM.AMOUNT',
            message: `at most ${claim.assessment.payableFen / 100} yuan`,
            pointer: '/amountFen',
          },
        ]);
      }
      claim.paidFen += amountFen;
      claim.paidAt = now;
      await m.save(claim);
      await this.meetTimer(m, claimId, 'advance_payment', now);
      await this.history(m, claimId, 'advance_paid', actor, { amountFen });
      await this.publishPaid(m, claim, amountFen, true, false);
      return viewOf(claim);
    });
  }

  /** An appeal or new documents reopen a decided claim for a fresh assessment and decision. */
  async reopen(claimId: string, actor: string, reason: string) {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const claim = await this.lock(m, claimId);
      if (claim.status !== 'rejected' && claim.status !== 'paid')
        throw new ClaimStateError(claim, 'reopened');
      claim.status = 'documents_complete';
      claim.decision = null;
      claim.decidedBy = null;
      claim.decidedAt = null;
      claim.assessment = null;
      claim.assessedBy = null;
      claim.approvedFen = null;
      await m.save(claim);
      await m.delete(ClaimTimerEntity, { claimId, kind: In(['decision', 'payment', 'rejection_notice']) });
      await this.startTimer(m, claimId, 'decision', shanghaiDate(now));
      await this.history(m, claimId, 'reopened', actor, { reason });
      await this.outbox.publish(m, {
        type: 'claims.claim-reopened',
        aggregateId: claimId,
        payload: { claimId, reason, reopenedAt: now.toISOString() },
      });
      return viewOf(claim);
    });
  }

  async get(claimId: string, principal: Principal) {
    const claim = await this.byId.find(claimId);
    if (!claim) throw new ResourceNotFoundError('claim', claimId);
    assertOwnClaim(principal, claim);
    return viewOf(claim);
  }

  /** The payee's account in clear, for the payment run only. */
  async payeeAccount(claimId: string): Promise<string> {
    const claim = await this.dataSource.manager.findOneOrFail(ClaimEntity, { where: { claimId } });
    return openText(this.settings.dataKey, claim.payeeAccount, payeeContext(claimId));
  }

  async list(principal: Principal, filter: { policyId?: string; status?: ClaimStatus }) {
    const staff = principal.roles.some((r) => r !== 'customer');
    const where = staff
      ? {
          ...(filter.policyId ? { policyId: filter.policyId } : {}),
          ...(filter.status ? { status: filter.status } : {}),
        }
      : [{ insuredId: principal.customerId ?? '' }, { policyholderId: principal.customerId ?? '' }];
    const claims = await this.dataSource.manager.find(ClaimEntity, {
      where,
      order: { reportedAt: 'DESC' },
      take: 200,
    });
    return claims.map(viewOf);
  }

  private async publishPaid(
    m: EntityManager,
    claim: ClaimEntity,
    amountFen: number,
    advance: boolean,
    terminatesPolicy: boolean,
  ) {
    await this.outbox.publish(m, {
      type: 'claims.claim-paid',
      aggregateId: claim.claimId,
      payload: {
        claimId: claim.claimId,
        policyId: claim.policyId,
        insuredId: claim.insuredId,
        productCode: claim.productCode,
        claimType: claim.claimType,
        amountFen,
        advance,
        payeeIsInsuredOrBeneficiary: PAYEE_OK.includes(claim.payeeRelationship),
        reportedAt: claim.reportedAt.toISOString(),
        paidAt: (claim.paidAt ?? this.clock.now()).toISOString(),
        terminatesPolicy,
      },
    });
  }

  private async startTimer(
    m: EntityManager,
    claimId: string,
    kind: TimerKind,
    startedOn: string,
    amountFen?: number,
  ) {
    await m.upsert(
      ClaimTimerEntity,
      {
        claimId,
        kind,
        startedOn,
        dueOn: timerDueOn(kind, startedOn),
        status: 'pending',
        amountFen: amountFen ?? null,
        warnedAt: null,
        breachedAt: null,
        metAt: null,
      },
      ['claimId', 'kind'],
    );
  }

  private async meetTimer(m: EntityManager, claimId: string, kind: TimerKind, at: Date) {
    await m.update(
      ClaimTimerEntity,
      { claimId, kind, status: In(['pending', 'warned', 'breached']) },
      { status: 'met', metAt: at },
    );
  }

  private async cancelTimer(m: EntityManager, claimId: string, kind: TimerKind) {
    await m.update(
      ClaimTimerEntity,
      { claimId, kind, status: In(['pending', 'warned']) },
      { status: 'cancelled' },
    );
  }

  async history(
    m: EntityManager,
    claimId: string,
    action: string,
    actor: string,
    detail: Record<string, unknown>,
  ) {
    await m.query(
      `INSERT INTO claims.claim_history (claim_id, at, action, actor, detail) VALUES ($1, $2, $3, $4, $5)`,
      [claimId, this.clock.now(), action, actor, JSON.stringify(detail)],
    );
  }

  private async lock(m: EntityManager, claimId: string): Promise<ClaimEntity> {
    const claim = await m.findOne(ClaimEntity, { where: { claimId }, lock: { mode: 'pessimistic_write' } });
    if (!claim) throw new ResourceNotFoundError('claim', claimId);
    return claim;
  }
}

export type ClaimView = Omit<ClaimEntity, 'payeeAccount'> & { payeeAccount: string };

/** A claim as callers see it: the payee's account masked to its last four digits, never the ciphertext. */
export function viewOf(claim: ClaimEntity): ClaimView {
  const { payeeAccount: _sealed, ...rest } = claim;
  return { ...rest, payeeAccount: `****${claim.payeeAccountLast4}` };
}

export function payeeContext(claimId: string): string {
  return `claim:${claimId}:payee-account`;
}

/** The start of the policy year an event falls in (anniversaries of the effective date). */
export function policyYearStart(effectiveDate: string, eventDate: string): string {
  let start = effectiveDate;
  while (addYears(start, 1) <= eventDate) start = addYears(start, 1);
  return start;
}

/** A customer sees only claims where they are the insured or the policyholder. */
export function assertOwnClaim(
  principal: Principal,
  claim: { insuredId: string; policyholderId: string },
): void {
  const staff = principal.roles.some((r) => r !== 'customer');
  if (!staff && principal.customerId !== claim.insuredId && principal.customerId !== claim.policyholderId) {
    throw new AppError('CLAIM.NOT_YOURS', 'forbidden', 'a customer may see only their own claims');
  }
}
