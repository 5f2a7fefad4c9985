import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import type { Principal } from '@insurer/platform-auth';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { sendDemandNotice } from '../domain/policy';
import { PolicyRepository } from '../infrastructure/policy.repository';

/** The insurer's demand for an overdue premium (催告): grace then ends 30 days after it at the latest. */
@Injectable()
export class SendDemandNoticeHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyRepository,
    private readonly clock: Clock,
  ) {}

  async execute(policyId: string, principal: Principal, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const policy = await this.policies.lock(m, policyId);
      return this.policies.save(m, policy, sendDemandNotice(policy, principal.sub, shanghaiDate(now), now));
    });
  }
}
