import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { isStaff, type Principal } from '@insurer/platform-auth';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { beneficiaryChanger, endorse, type Endorsement } from '../domain/policy';
import { PledgeReleaseByStaffError, PolicyNotYoursError } from '../domain/policy.errors';
import { PartyReplicas } from '../../party-replica/application/party-replicas';
import { PolicyRepository } from '../infrastructure/policy.repository';
import { assertMayActOn } from './policy-access';

/**
 * Beneficiary, contact, payment mode or sum insured decrease: a new policy version with its schedule archived. The
 * policyholder endorses; the beneficiaries may be changed by the insured as well (Art. 41).
 */
@Injectable()
export class EndorsePolicyHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyRepository,
    private readonly parties: PartyReplicas,
    private readonly clock: Clock,
  ) {}

  async execute(policyId: string, change: Endorsement, principal: Principal, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const policy = await this.policies.lock(m, policyId);
      let made = change;
      if (change.kind === 'beneficiary') {
        // The insured may change the beneficiaries too (Art. 41), and the rules read who does.
        const who = { staff: isStaff(principal), customerId: principal.customerId };
        const changedBy = beneficiaryChanger(who, policy, change.changedBy);
        if (!changedBy) throw new PolicyNotYoursError();
        made = { ...change, changedBy };
      } else assertMayActOn(principal, policy);
      // The new policyholder's capacity is read from what customer-svc's events told this service of them.
      if (change.kind === 'policyholder')
        made = { ...change, newPolicyholder: await this.parties.find(m, change.newPolicyholderId) };
      // The pledgee releases the pledge, not the policyholder: staff record its notice.
      if (change.kind === 'pledge_release' && !isStaff(principal)) throw new PledgeReleaseByStaffError();
      const decided = endorse(
        policy,
        made,
        await this.policies.product(m, policy),
        principal.sub,
        shanghaiDate(now),
        now,
      );
      return this.policies.save(m, policy, decided);
    });
  }
}
