import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import type { Principal } from '@insurer/platform-auth';
import { Clock, addMonths, shanghaiDate } from '@insurer/platform-time';
import { loanPosition, repayLoan, takeLoan } from '../domain/loan';
import { PolicyRepository } from '../infrastructure/policy.repository';
import { assertMayActOn, assertMayView } from './policy-access';

/** Policy loans: what may be borrowed, borrowing and repaying. Borrowing and repaying are the policyholder's. */
@Injectable()
export class PolicyLoanHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyRepository,
    private readonly clock: Clock,
  ) {}

  /** The cash value today, what is owed and what may still be borrowed, under the product's loan terms. */
  async position(policyId: string, principal: Principal) {
    const today = shanghaiDate(this.clock.now());
    const m = this.dataSource.manager;
    const policy = await this.policies.find(policyId);
    assertMayView(principal, policy);
    const position = loanPosition(policy, await this.policies.product(m, policy), today);
    return {
      policyId,
      on: today,
      ...position,
      loan: policy.loan && {
        ...policy.loan,
        dueOn: addMonths(policy.loan.periodStart, policy.loan.termMonths),
      },
    };
  }

  async borrow(policyId: string, amountFen: number, principal: Principal, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const policy = await this.policies.lock(m, policyId);
      assertMayActOn(principal, policy);
      const decided = takeLoan(
        policy,
        await this.policies.product(m, policy),
        amountFen,
        shanghaiDate(now),
        now,
      );
      await this.policies.save(m, policy, decided);
      return decided.events[0].payload;
    });
  }

  async repay(policyId: string, amountFen: number, principal: Principal, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const policy = await this.policies.lock(m, policyId);
      assertMayActOn(principal, policy);
      const decided = repayLoan(policy, amountFen, shanghaiDate(now), now);
      await this.policies.save(m, policy, decided);
      return decided.events[0].payload;
    });
  }
}
