import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import type { Principal } from '@insurer/platform-auth';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { reinstate, type Reinstatement } from '../domain/policy';
import { PolicyRepository } from '../infrastructure/policy.repository';
import { assertMayActOn } from './policy-access';

/** Reinstatement within 2 years: the arrears recorded as a premium payment, the policy in force again. */
@Injectable()
export class ReinstatePolicyHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyRepository,
    private readonly clock: Clock,
  ) {}

  async execute(policyId: string, input: Reinstatement, principal: Principal, ctx: RequestContext) {
    const today = shanghaiDate(this.clock.now());
    return transaction(this.dataSource, ctx, async (m) => {
      const policy = await this.policies.lock(m, policyId);
      assertMayActOn(principal, policy);
      return this.policies.save(m, policy, reinstate(policy, input, randomUUID(), today));
    });
  }
}
