import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { terminateAfterClaim } from '../domain/policy';
import { PolicyRepository } from '../infrastructure/policy.repository';

/** A paid claim that exhausts the policy ends it, inside the delivery's transaction. */
@Injectable()
export class TerminatePolicyOnClaimPaidHandler {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly clock: Clock,
  ) {}

  async execute(m: EntityManager, policyId: string, claimType: string): Promise<void> {
    const policy = await this.policies.lockIfExists(m, policyId);
    if (!policy) return;
    const decided = terminateAfterClaim(policy, claimType, shanghaiDate(this.clock.now()));
    if (decided) await this.policies.save(m, policy, decided);
  }
}
