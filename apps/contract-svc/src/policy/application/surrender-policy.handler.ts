import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import type { Principal } from '@insurer/platform-auth';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { paySurrenderRefund, surrender } from '../domain/policy';
import { PolicyRepository } from '../infrastructure/policy.repository';
import { assertMayActOn } from './policy-access';

/** Surrender after cooling-off: the cash value of the policy's own product version, due in 30 days, and its payment. */
@Injectable()
export class SurrenderPolicyHandler {
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
      const decided = surrender(policy, await this.policies.product(m, policy), today);
      await this.policies.save(m, policy, decided);
      return { policyId, ...decided.value };
    });
  }

  /** The payment of the cash value owed (Art. 47), reported by the payment system or staff, once. */
  async refundPaid(policyId: string, payment: { paidAt: Date; bankReference: string }, ctx: RequestContext) {
    return transaction(this.dataSource, ctx, async (m) => {
      const policy = await this.policies.lock(m, policyId);
      const decided = paySurrenderRefund(policy, payment);
      await this.policies.save(m, policy, decided);
      return decided.events[0].payload;
    });
  }
}
