import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@insurer/platform-auth';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { surrender } from '../domain/policy';
import { PolicyRepository } from '../infrastructure/policy.repository';
import { assertMayActOn } from './policy-access';

/** Surrender after cooling-off: the cash value of the policy's own product version, due in 30 days. */
@Injectable()
export class SurrenderPolicyHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyRepository,
    private readonly clock: Clock,
  ) {}

  async execute(policyId: string, principal: Principal) {
    const today = shanghaiDate(this.clock.now());
    return this.dataSource.transaction(async (m) => {
      const policy = await this.policies.lock(m, policyId);
      assertMayActOn(principal, policy);
      const decided = surrender(policy, await this.policies.product(m, policy), today);
      await this.policies.save(m, policy, decided);
      return { policyId, ...decided.value };
    });
  }
}
