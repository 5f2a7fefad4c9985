import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import type { Principal } from '@insurer/platform-auth';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { withdraw } from '../domain/policy';
import { PolicyRepository } from '../infrastructure/policy.repository';
import { assertMayActOn } from './policy-access';

/** Withdrawal inside the cooling-off period: the premium back, less a policy fee of at most CNY 10. */
@Injectable()
export class WithdrawPolicyHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyRepository,
    private readonly clock: Clock,
  ) {}

  async execute(policyId: string, principal: Principal, ctx: RequestContext) {
    const today = shanghaiDate(this.clock.now());
    return transaction(this.dataSource, ctx, async (m) => {
      const policy = await this.policies.lock(m, policyId);
      assertMayActOn(principal, policy);
      const decided = withdraw(policy, today);
      await this.policies.save(m, policy, decided);
      return { policyId, ...decided.refund };
    });
  }
}
