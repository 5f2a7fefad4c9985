import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import type { Principal } from '@insurer/platform-auth';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { endorse, type Endorsement } from '../domain/policy';
import { PolicyRepository } from '../infrastructure/policy.repository';
import { assertMayActOn } from './policy-access';

/** Beneficiary, contact, payment mode or sum insured decrease: a new policy version with its schedule archived. */
@Injectable()
export class EndorsePolicyHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyRepository,
    private readonly clock: Clock,
  ) {}

  async execute(policyId: string, change: Endorsement, principal: Principal, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const policy = await this.policies.lock(m, policyId);
      assertMayActOn(principal, policy);
      const decided = endorse(
        policy,
        change,
        await this.policies.product(m, policy),
        principal.sub,
        shanghaiDate(now),
        now,
      );
      return this.policies.save(m, policy, decided);
    });
  }
}
