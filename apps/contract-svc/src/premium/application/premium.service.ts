import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sweepDue, type DueRows } from '@insurer/platform-database';
import { AppError, ResourceNotFoundError } from '@insurer/platform-http';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, addDays, shanghaiDate } from '@insurer/platform-time';
import { PolicyService } from '../../policy/application/policy.service';
import { MONTHS_BETWEEN, dueDate, graceEndsOn, reinstatableUntil } from '../../policy/domain/policy-terms';
import { PolicyEntity } from '../../policy/infrastructure/policy.entity';
import { PremiumPaymentEntity } from '../infrastructure/premium-payment.entity';

export interface RenewalPayment {
  readonly policyId: string;
  readonly amountFen: number;
  readonly paidAt: string;
  readonly method: 'cash' | 'bank_transfer' | 'card' | 'direct_debit';
  readonly payerId: string;
  readonly payerType: 'individual' | 'corporate';
}

export class PremiumRuleError extends AppError {
  constructor(code: string, message: string, extensions: Record<string, unknown> = {}) {
    super(code, 'rule', message, { extensions });
  }
}

/**
 * Renewal premiums and the premium calendar (Insurance Law Art. 36): a premium not paid by its due date starts 60
 * days of grace (PremiumOverdue); after them the policy is suspended (PolicyLapsed) and can be reinstated for 2 years.
 * Cover that reaches its expiry date ends (PolicyTerminated, maturity). The sweeps run on a timer in every replica;
 * rows are claimed with SKIP LOCKED so each transition is announced once.
 */
@Injectable()
export class PremiumService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly policies: PolicyService,
  ) {}

  async payRenewal(payment: RenewalPayment) {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const policy = await m.findOne(PolicyEntity, {
        where: { policyId: payment.policyId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!policy) throw new ResourceNotFoundError('policy', payment.policyId);
      if (policy.status !== 'in_force' || !policy.nextDueOn) {
        throw new PremiumRuleError(
          'PREMIUM.NOTHING_DUE',
          `policy ${policy.policyNumber} has no premium due (${policy.status})`,
        );
      }
      if (payment.amountFen !== policy.premiumFen) {
        throw new PremiumRuleError('PREMIUM.AMOUNT_MISMATCH', `the premium due is ${policy.premiumFen} fen`, {
          expectedFen: policy.premiumFen,
        });
      }
      const dueOn = policy.nextDueOn;
      const perYear = policy.paymentMode === 'single' ? 1 : 12 / MONTHS_BETWEEN[policy.paymentMode];
      policy.instalmentsPaid += 1;
      policy.premiumsPaidFen += payment.amountFen;
      policy.nextDueOn =
        policy.instalmentsPaid < policy.totalInstalments
          ? dueDate(policy.effectiveDate, policy.paymentMode, policy.instalmentsPaid)
          : null;
      policy.overdueSince = null;
      policy.graceEndsOn = null;
      await m.save(policy);
      const record = m.create(PremiumPaymentEntity, {
        paymentId: randomUUID(),
        applicationId: policy.applicationId,
        policyId: policy.policyId,
        amountFen: payment.amountFen,
        dueOn,
        paidAt: new Date(payment.paidAt),
        method: payment.method,
        payerId: payment.payerId,
        payerType: payment.payerType,
        kind: 'renewal',
      });
      await m.insert(PremiumPaymentEntity, record);
      await this.outbox.publish(m, {
        type: 'contract.premium-paid',
        aggregateId: policy.policyId,
        payload: {
          policyId: policy.policyId,
          paymentId: record.paymentId,
          amountFen: payment.amountFen,
          dueOn,
          paidAt: record.paidAt.toISOString(),
          method: payment.method,
          payerId: payment.payerId,
          payerType: payment.payerType,
          payerIsPolicyholder: payment.payerId === policy.policyholderId,
          isFirstPremium: false,
          policyYear: Math.floor((policy.instalmentsPaid - 1) / perYear) + 1,
        },
      });
      return {
        policyId: policy.policyId,
        paidDueOn: dueOn,
        nextDueOn: policy.nextDueOn,
        paymentId: record.paymentId,
        at: now.toISOString(),
      };
    });
  }

  payments(policyId: string): Promise<PremiumPaymentEntity[]> {
    return this.dataSource.manager.find(PremiumPaymentEntity, {
      where: { policyId },
      order: { paidAt: 'ASC' },
    });
  }

  /** One pass of the premium calendar; returns how many transitions it made. */
  async sweep(limit = 100): Promise<number> {
    const today = shanghaiDate(this.clock.now());
    const overdue = await this.claim(
      limit,
      (q) =>
        q
          .where("p.status = 'in_force'")
          .andWhere('p.next_due_on < :today', { today })
          .andWhere('p.overdue_since IS NULL'),
      async (m, p) => {
        const dueOn = p.nextDueOn as string;
        p.overdueSince = dueOn;
        p.graceEndsOn = graceEndsOn(dueOn);
        await m.save(p);
        await this.outbox.publish(m, {
          type: 'contract.premium-overdue',
          aggregateId: p.policyId,
          payload: { policyId: p.policyId, amountFen: p.premiumFen, dueOn, graceEndsOn: p.graceEndsOn },
        });
      },
    );
    const lapsed = await this.claim(
      limit,
      (q) => q.where("p.status = 'in_force'").andWhere('p.grace_ends_on < :today', { today }),
      async (m, p) => {
        const graceEnded = p.graceEndsOn as string;
        p.status = 'suspended';
        p.lapsedOn = addDays(graceEnded, 1);
        p.reinstatableUntil = reinstatableUntil(p.lapsedOn);
        await m.save(p);
        await this.outbox.publish(m, {
          type: 'contract.policy-lapsed',
          aggregateId: p.policyId,
          payload: {
            policyId: p.policyId,
            dueOn: p.overdueSince as string,
            graceEndedOn: graceEnded,
            reinstatableUntil: p.reinstatableUntil,
          },
        });
      },
    );
    const matured = await this.claim(
      limit,
      (q) => q.where("p.status IN ('in_force', 'suspended')").andWhere('p.expiry_date < :today', { today }),
      async (m, p) => {
        await this.policies.end(m, p, 'terminated', p.expiryDate, 'maturity');
        await this.outbox.publish(m, {
          type: 'contract.policy-terminated',
          aggregateId: p.policyId,
          payload: { policyId: p.policyId, reason: 'maturity', terminatedOn: p.expiryDate },
        });
      },
    );
    return overdue + lapsed + matured;
  }

  /** Premium calendar rows are policies: oldest id first, SKIP LOCKED across replicas (sweepDue). */
  private claim(
    limit: number,
    due: DueRows<PolicyEntity>['due'],
    apply: (m: EntityManager, policy: PolicyEntity) => Promise<void>,
  ): Promise<number> {
    return sweepDue(
      this.dataSource,
      { entity: PolicyEntity, alias: 'p', due, orderBy: 'p.policy_id', limit },
      apply,
    );
  }
}
