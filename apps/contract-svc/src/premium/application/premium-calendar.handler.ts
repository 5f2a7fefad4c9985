import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ProductDefinition } from '@insurer/contracts';
import { sweepDue, type DueRows } from '@insurer/platform-database';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { matureWithBenefits, payDueBenefits } from '../../policy/domain/benefits';
import { checkLoanCover } from '../../policy/domain/loan';
import {
  lapse,
  markOverdue,
  markSurrenderRefundOverdue,
  type PolicyDecided,
} from '../../policy/domain/policy';
import { PolicyEntity } from '../../policy/infrastructure/policy.entity';
import { PolicyRepository } from '../../policy/infrastructure/policy.repository';

/**
 * The premium calendar (Insurance Law Art. 36): a premium not paid by its due date starts 60 days of grace
 * (PremiumOverdue); after them the policy is suspended (PolicyLapsed) and can be reinstated for 2 years. Cover that
 * reaches its expiry date ends (PolicyTerminated, maturity). Survival and maturity benefits are paid on their
 * anniversaries (benefits.ts). A surrender's cash value unpaid after its 30 days is announced late (Art. 47). A policy loan that has reached the cash value is noticed,
 * then ends the policy (loan.ts). Runs on a timer in every replica; rows are claimed with
 * SKIP LOCKED so each transition is announced once.
 */
@Injectable()
export class PremiumCalendarHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyRepository,
    private readonly clock: Clock,
  ) {}

  /** One pass of the calendar; returns how many transitions it made. */
  async execute(limit = 100): Promise<number> {
    const today = shanghaiDate(this.clock.now());
    const overdue = await this.step(
      limit,
      (q) =>
        q
          .where("p.status = 'in_force'")
          .andWhere('p.next_due_on < :today', { today })
          .andWhere('p.overdue_since IS NULL'),
      markOverdue,
    );
    const lapsed = await this.step(
      limit,
      (q) => q.where("p.status = 'in_force'").andWhere('p.grace_ends_on < :today', { today }),
      lapse,
    );
    const benefits = await this.withProduct(
      limit,
      (q) => q.where("p.status = 'in_force'").andWhere('p.next_benefit_on <= :today', { today }),
      (policy, product) => payDueBenefits(policy, product, today, this.clock.now()),
    );
    // At expiry the benefits due are paid first, the maturity benefit among them, then cover ends.
    const matured = await this.withProduct(
      limit,
      (q) => q.where("p.status IN ('in_force', 'suspended')").andWhere('p.expiry_date < :today', { today }),
      (policy, product) => matureWithBenefits(policy, product, today, this.clock.now()),
    );
    // Once a day per policy with a loan: has the loan with its interest reached the cash value?
    const loans = await this.withProduct(
      limit,
      (q) =>
        q
          .where('p.loan IS NOT NULL')
          .andWhere("(p.loan->>'checkedOn' IS NULL OR p.loan->>'checkedOn' < :today)", { today }),
      (policy, product) => checkLoanCover(policy, product, today, this.clock.now()),
    );
    const refundsLate = await this.step(
      limit,
      (q) =>
        q
          .where('p.surrender_refund IS NOT NULL')
          .andWhere("p.surrender_refund->>'paidAt' IS NULL")
          .andWhere("p.surrender_refund->>'overdueSince' IS NULL")
          .andWhere("p.surrender_refund->>'dueOn' < :today", { today }),
      (policy) => markSurrenderRefundOverdue(policy, today, this.clock.now()),
    );
    return overdue + lapsed + benefits + matured + loans + refundsLate;
  }

  /** A step whose transition reads the policy's own product version. */
  private withProduct(
    limit: number,
    due: DueRows<PolicyEntity>['due'],
    transition: (policy: PolicyEntity, product: ProductDefinition) => PolicyDecided,
  ): Promise<number> {
    return this.sweep(limit, due, async (m, policy) =>
      transition(policy, await this.policies.product(m, policy)),
    );
  }

  private step(
    limit: number,
    due: DueRows<PolicyEntity>['due'],
    transition: (policy: PolicyEntity) => PolicyDecided,
  ): Promise<number> {
    return this.sweep(limit, due, async (_m, policy) => transition(policy));
  }

  /** Claims the due rows and saves each decision; a row counts as a transition when something was announced. */
  private sweep(
    limit: number,
    due: DueRows<PolicyEntity>['due'],
    decide: (m: EntityManager, policy: PolicyEntity) => Promise<PolicyDecided>,
  ): Promise<number> {
    return sweepDue(
      this.dataSource,
      { entity: PolicyEntity, alias: 'p', due, orderBy: 'p.policy_id', limit },
      async (m, policy) => {
        const decided = await decide(m, policy);
        await this.policies.save(m, policy, decided);
        return decided.events.length > 0;
      },
    );
  }
}
