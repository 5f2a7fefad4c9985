import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { ProductDefinition } from '@insurer/contracts';
import { PrimaryKeyReader } from '@insurer/platform-database';
import { AppError, ResourceNotFoundError } from '@insurer/platform-http';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { ArchiveService } from '../../archive/application/archive.service';
import { PremiumPaymentEntity } from '../../premium/infrastructure/premium-payment.entity';
import { ProductReplicaEntity } from '../../product-replica/infrastructure/product-replica.entity';
import {
  MONTHS_BETWEEN,
  cashValueOn,
  dueDate,
  isInsideCoolingOff,
  rescissionAllowed,
  surrenderRefundDueOn,
  totalInstalments,
  withdrawalRefund,
  type PaymentMode,
} from '../domain/policy-terms';
import { PolicyEntity, PolicyVersionEntity, type PolicyStatus } from '../infrastructure/policy.entity';
import { snapshotOf } from './issuance.service';

export class PolicyRuleError extends AppError {
  constructor(code: string, message: string, source?: string, extensions: Record<string, unknown> = {}) {
    super(code, 'rule', message, { rule: source ? { id: code, source } : undefined, extensions });
  }
}

export class PolicyStateError extends AppError {
  constructor(policy: PolicyEntity, action: string) {
    super(
      'POLICY.WRONG_STATE',
      'conflict',
      `policy ${policy.policyNumber} is ${policy.status}; it cannot be ${action}`,
    );
  }
}

export type Endorsement =
  | {
      kind: 'beneficiary';
      effectiveDate: string;
      beneficiaries: { name: string; relationship: string; sharePercent: number }[];
    }
  | { kind: 'contact'; effectiveDate: string; contact: { mobile?: string; address?: string; email?: string } }
  | { kind: 'payment_mode'; effectiveDate: string; paymentMode: PaymentMode }
  | { kind: 'sum_insured_decrease'; effectiveDate: string; sumInsuredFen: number };

export interface Reinstatement {
  readonly arrearsPaidFen: number;
  readonly paidAt: string;
  readonly method: 'cash' | 'bank_transfer' | 'card' | 'direct_debit';
  readonly healthAnswers: readonly { questionId: string; answer: boolean; details?: string }[];
}

/**
 * The life of an issued policy (manual 3.4): endorsements as versions, cooling-off withdrawal, surrender for the cash
 * value, rescission, reinstatement and termination. Terms always come from the product version the policy was issued
 * on, so publishing a new version never changes an issued policy.
 */
@Injectable()
export class PolicyService {
  /** GET /policies/{id} is the hottest read: one statement made once, no query builder. */
  private readonly byId: PrimaryKeyReader<PolicyEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly archive: ArchiveService,
  ) {
    this.byId = new PrimaryKeyReader(dataSource, PolicyEntity);
  }

  async get(policyId: string): Promise<PolicyEntity> {
    const policy = await this.byId.find(policyId);
    if (!policy) throw new ResourceNotFoundError('policy', policyId);
    return policy;
  }

  list(filter: { policyholderId?: string; status?: PolicyStatus }): Promise<PolicyEntity[]> {
    const where: FindOptionsWhere<PolicyEntity> = {};
    if (filter.policyholderId) where.policyholderId = filter.policyholderId;
    if (filter.status) where.status = filter.status;
    return this.dataSource.manager.find(PolicyEntity, { where, order: { issuedAt: 'DESC' }, take: 200 });
  }

  versions(policyId: string): Promise<PolicyVersionEntity[]> {
    return this.dataSource.manager.find(PolicyVersionEntity, {
      where: { policyId },
      order: { version: 'ASC' },
    });
  }

  async endorse(policyId: string, change: Endorsement, actor: string): Promise<PolicyEntity> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const policy = await this.lock(m, policyId);
      if (policy.status !== 'in_force') throw new PolicyStateError(policy, 'endorsed');
      if (change.effectiveDate < shanghaiDate(now)) {
        throw new PolicyRuleError('ENDORSEMENT.BACKDATED', 'an endorsement cannot take effect in the past');
      }
      const product = await this.product(m, policy);
      const before = policy.premiumFen;
      switch (change.kind) {
        case 'beneficiary': {
          const total = change.beneficiaries.reduce((sum, b) => sum + Math.round(b.sharePercent * 100), 0);
          if (change.beneficiaries.length && total !== 10_000) {
            throw new PolicyRuleError(
              'ENDORSEMENT.SHARES',
              `beneficiary shares add up to ${total / 100}%, not 100%`,
              'Insurance Law Art. 40',
            );
          }
          policy.beneficiaries = change.beneficiaries;
          break;
        }
        case 'contact':
          policy.contact = { ...policy.contact, ...change.contact };
          break;
        case 'payment_mode': {
          const factor = product.rates?.modalFactorsBp[change.paymentMode];
          if (!product.paymentModes.includes(change.paymentMode) || factor === undefined) {
            throw new PolicyRuleError(
              'ENDORSEMENT.PAYMENT_MODE',
              `the product does not offer ${change.paymentMode} payment`,
            );
          }
          if (policy.paymentMode === 'single' || change.paymentMode === 'single') {
            throw new PolicyRuleError(
              'ENDORSEMENT.PAYMENT_MODE',
              'a single premium cannot be changed to or from instalments',
            );
          }
          const perYearOld = 12 / MONTHS_BETWEEN[policy.paymentMode];
          if (policy.instalmentsPaid % perYearOld !== 0) {
            throw new PolicyRuleError(
              'ENDORSEMENT.NOT_ANNIVERSARY',
              'the payment mode changes at a policy anniversary, when the year is fully paid',
            );
          }
          const yearsPaid = policy.instalmentsPaid / perYearOld;
          policy.paymentMode = change.paymentMode;
          policy.premiumFen = Math.round((policy.annualPremiumFen * factor) / 10_000);
          policy.totalInstalments = totalInstalments(change.paymentMode, policy.paymentTermYears);
          policy.instalmentsPaid = yearsPaid * (12 / MONTHS_BETWEEN[change.paymentMode]);
          policy.nextDueOn =
            policy.instalmentsPaid < policy.totalInstalments
              ? dueDate(policy.effectiveDate, policy.paymentMode, policy.instalmentsPaid)
              : null;
          break;
        }
        case 'sum_insured_decrease': {
          const min = product.sumInsuredRangeFen?.min ?? 0;
          if (change.sumInsuredFen >= policy.sumInsuredFen || change.sumInsuredFen < min) {
            throw new PolicyRuleError(
              'ENDORSEMENT.SUM_INSURED',
              `the new sum insured must be below ${policy.sumInsuredFen / 100} and at least ${min / 100} yuan`,
            );
          }
          // Premiums are proportional to the sum insured in every rate table, loadings included.
          policy.annualPremiumFen = Math.round(
            (policy.annualPremiumFen * change.sumInsuredFen) / policy.sumInsuredFen,
          );
          policy.premiumFen = Math.round((policy.premiumFen * change.sumInsuredFen) / policy.sumInsuredFen);
          policy.sumInsuredFen = change.sumInsuredFen;
          break;
        }
      }
      policy.version += 1;
      await m.save(policy);
      const premiumEffectFen = policy.premiumFen - before;
      await m.insert(PolicyVersionEntity, {
        policyId,
        version: policy.version,
        kind: change.kind,
        snapshot: snapshotOf(policy),
        premiumEffectFen,
        effectiveDate: change.effectiveDate,
        createdBy: actor,
        createdAt: now,
      });
      await this.archive.archiveSchedule(m, policy);
      await this.outbox.publish(m, {
        type: 'contract.policy-endorsed',
        aggregateId: policyId,
        payload: {
          policyId,
          policyVersion: policy.version,
          kind: change.kind,
          effectiveDate: change.effectiveDate,
          premiumEffectFen,
          sumInsuredFen: policy.sumInsuredFen,
          premiumFen: policy.premiumFen,
          endorsedAt: now.toISOString(),
        },
      });
      return policy;
    });
  }

  /** Withdrawal inside the cooling-off period: everything paid comes back, less a policy fee of at most CNY 10. */
  async withdraw(policyId: string) {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    return this.dataSource.transaction(async (m) => {
      const policy = await this.lock(m, policyId);
      if (policy.status !== 'in_force') throw new PolicyStateError(policy, 'withdrawn');
      if (!isInsideCoolingOff(policy.coolingOffEndsOn, today)) {
        throw new PolicyRuleError(
          'POLICY.COOLING_OFF_OVER',
          `the cooling-off period ended on ${policy.coolingOffEndsOn}; a surrender pays the cash value instead`,
          'cooling-off (犹豫期) of the policy',
        );
      }
      const { policyFeeFen, refundFen } = withdrawalRefund(policy.premiumsPaidFen);
      await this.end(m, policy, 'withdrawn', today, 'cooling_off_withdrawal');
      await this.outbox.publish(m, {
        type: 'contract.policy-withdrawn',
        aggregateId: policyId,
        payload: {
          policyId,
          policyholderId: policy.policyholderId,
          premiumPaidFen: policy.premiumsPaidFen,
          policyFeeFen,
          refundFen,
          withdrawnOn: today,
          issuedAt: policy.issuedAt.toISOString(),
        },
      });
      return {
        policyId,
        premiumPaidFen: policy.premiumsPaidFen,
        policyFeeFen,
        refundFen,
        withdrawnOn: today,
      };
    });
  }

  /** Surrender after the cooling-off period: the cash value of the policy's own product version, due in 30 days. */
  async surrender(policyId: string) {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    return this.dataSource.transaction(async (m) => {
      const policy = await this.lock(m, policyId);
      if (policy.status !== 'in_force' && policy.status !== 'suspended')
        throw new PolicyStateError(policy, 'surrendered');
      if (isInsideCoolingOff(policy.coolingOffEndsOn, today)) {
        throw new PolicyRuleError(
          'POLICY.INSIDE_COOLING_OFF',
          `until ${policy.coolingOffEndsOn} the policy is withdrawn, with the premium refunded`,
        );
      }
      const product = await this.product(m, policy);
      const row = product.cashValues.find(
        (r) =>
          r.entryAge === policy.entryAge &&
          r.gender === policy.insuredGender &&
          r.paymentTermYears === policy.paymentTermYears,
      );
      const { policyYearsCompleted, cashValueFen } = cashValueOn(
        row?.valuesPer1000Fen ?? [],
        policy.effectiveDate,
        today,
        policy.sumInsuredFen,
      );
      const refundDueOn = surrenderRefundDueOn(today);
      await this.end(m, policy, 'surrendered', today, 'surrender');
      await this.outbox.publish(m, {
        type: 'contract.policy-surrendered',
        aggregateId: policyId,
        payload: {
          policyId,
          policyholderId: policy.policyholderId,
          cashValueFen,
          surrenderedOn: today,
          refundDueOn,
        },
      });
      return { policyId, policyYearsCompleted, cashValueFen, surrenderedOn: today, refundDueOn };
    });
  }

  /** Rescission for non-disclosure (Art. 16), only inside its two windows. */
  async rescind(policyId: string, learnedOn: string, reason: string) {
    const today = shanghaiDate(this.clock.now());
    return this.dataSource.transaction(async (m) => {
      const policy = await this.lock(m, policyId);
      if (policy.status !== 'in_force' && policy.status !== 'suspended')
        throw new PolicyStateError(policy, 'rescinded');
      const formedOn = shanghaiDate(policy.issuedAt);
      const window = rescissionAllowed(formedOn, learnedOn, today);
      if (!window.allowed) throw new PolicyRuleError(window.rule, window.message, 'Insurance Law Art. 16');
      await this.end(m, policy, 'terminated', today, `rescission: ${reason}`);
      await this.outbox.publish(m, {
        type: 'contract.policy-terminated',
        aggregateId: policyId,
        payload: { policyId, reason: 'rescission', terminatedOn: today },
      });
      return policy;
    });
  }

  /**
   * Reinstatement of a suspended policy within 2 years: every missed premium paid up and a new health declaration;
   * a declaration with any "yes" goes to an underwriter instead.
   */
  async reinstate(policyId: string, input: Reinstatement) {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    return this.dataSource.transaction(async (m) => {
      const policy = await this.lock(m, policyId);
      if (policy.status !== 'suspended' || !policy.reinstatableUntil)
        throw new PolicyStateError(policy, 'reinstated');
      if (today > policy.reinstatableUntil) {
        throw new PolicyRuleError(
          'REINSTATEMENT.TOO_LATE',
          `reinstatement was possible until ${policy.reinstatableUntil}`,
          'Insurance Law Art. 37',
        );
      }
      if (input.healthAnswers.length === 0) {
        throw new PolicyRuleError('REINSTATEMENT.HEALTH_DECLARATION', 'a new health declaration is required');
      }
      if (input.healthAnswers.some((a) => a.answer)) {
        throw new PolicyRuleError(
          'REINSTATEMENT.NEEDS_UNDERWRITING',
          'a declared condition needs an underwriter before reinstatement',
        );
      }
      let due = 0;
      while (
        policy.instalmentsPaid + due < policy.totalInstalments &&
        dueDate(policy.effectiveDate, policy.paymentMode, policy.instalmentsPaid + due) <= today
      ) {
        due += 1;
      }
      const arrears = due * policy.premiumFen;
      if (input.arrearsPaidFen !== arrears) {
        throw new PolicyRuleError(
          'REINSTATEMENT.ARREARS',
          `the arrears are ${arrears} fen (${due} premiums)`,
          undefined,
          { arrearsFen: arrears },
        );
      }
      const firstMissedYear =
        Math.floor(policy.instalmentsPaid / (12 / (MONTHS_BETWEEN[policy.paymentMode] || 12))) + 1;
      policy.instalmentsPaid += due;
      policy.premiumsPaidFen += arrears;
      policy.nextDueOn =
        policy.instalmentsPaid < policy.totalInstalments
          ? dueDate(policy.effectiveDate, policy.paymentMode, policy.instalmentsPaid)
          : null;
      policy.status = 'in_force';
      policy.overdueSince = null;
      policy.graceEndsOn = null;
      policy.lapsedOn = null;
      policy.reinstatableUntil = null;
      policy.version += 1;
      await m.save(policy);
      await m.insert(PolicyVersionEntity, {
        policyId,
        version: policy.version,
        kind: 'reinstatement',
        snapshot: snapshotOf(policy),
        premiumEffectFen: 0,
        effectiveDate: today,
        createdBy: 'reinstatement',
        createdAt: now,
      });
      const payment = m.create(PremiumPaymentEntity, {
        paymentId: randomUUID(),
        applicationId: policy.applicationId,
        policyId,
        amountFen: arrears,
        dueOn: today,
        paidAt: new Date(input.paidAt),
        method: input.method,
        payerId: policy.payerId,
        payerType: 'individual',
        kind: 'arrears',
      });
      await m.insert(PremiumPaymentEntity, payment);
      await this.outbox.publish(m, {
        type: 'contract.premium-paid',
        aggregateId: policyId,
        payload: {
          policyId,
          paymentId: payment.paymentId,
          amountFen: arrears,
          dueOn: today,
          paidAt: payment.paidAt.toISOString(),
          method: input.method,
          payerId: policy.payerId,
          payerType: 'individual',
          payerIsPolicyholder: policy.payerId === policy.policyholderId,
          isFirstPremium: false,
          policyYear: firstMissedYear,
        },
      });
      await this.outbox.publish(m, {
        type: 'contract.policy-reinstated',
        aggregateId: policyId,
        payload: { policyId, arrearsPaidFen: arrears, reinstatedOn: today },
      });
      return policy;
    });
  }

  /** Ends a policy after a paid claim that exhausts it (a death claim, or a medical limit used up). */
  async terminateAfterClaim(m: EntityManager, policyId: string, claimType: string): Promise<void> {
    const policy = await m.findOne(PolicyEntity, {
      where: { policyId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!policy || (policy.status !== 'in_force' && policy.status !== 'suspended')) return;
    const today = shanghaiDate(this.clock.now());
    const reason = claimType === 'death' ? 'death_claim' : 'limit_exhausted';
    await this.end(m, policy, 'terminated', today, reason);
    await this.outbox.publish(m, {
      type: 'contract.policy-terminated',
      aggregateId: policyId,
      payload: { policyId, reason, terminatedOn: today },
    });
  }

  async end(
    m: EntityManager,
    policy: PolicyEntity,
    status: PolicyStatus,
    on: string,
    reason: string,
  ): Promise<void> {
    policy.status = status;
    policy.endedOn = on;
    policy.endReason = reason;
    policy.nextDueOn = null;
    policy.version += 1;
    await m.save(policy);
    await m.insert(PolicyVersionEntity, {
      policyId: policy.policyId,
      version: policy.version,
      kind: status,
      snapshot: snapshotOf(policy),
      premiumEffectFen: 0,
      // A withdrawal undoes the policy from its start; other endings take effect on the day.
      effectiveDate: status === 'withdrawn' ? policy.effectiveDate : on,
      createdBy: reason,
      createdAt: this.clock.now(),
    });
    await this.archive.extendRetention(m, policy, on);
  }

  private async lock(m: EntityManager, policyId: string): Promise<PolicyEntity> {
    const policy = await m.findOne(PolicyEntity, {
      where: { policyId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!policy) throw new ResourceNotFoundError('policy', policyId);
    return policy;
  }

  private async product(m: EntityManager, policy: PolicyEntity): Promise<ProductDefinition> {
    const row = await m.findOneOrFail(ProductReplicaEntity, {
      where: { productCode: policy.productCode, version: policy.productVersion },
    });
    return row.definition;
  }
}
