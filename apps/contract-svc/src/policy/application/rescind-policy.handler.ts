import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { rescind } from '../domain/policy';
import { PolicyRepository } from '../infrastructure/policy.repository';

/** Rescission for non-disclosure (Art. 16), only inside its two windows; underwriters and admins only (route roles). */
@Injectable()
export class RescindPolicyHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyRepository,
    private readonly clock: Clock,
  ) {}

  async execute(policyId: string, learnedOn: string, reason: string, ctx: RequestContext) {
    const today = shanghaiDate(this.clock.now());
    return transaction(this.dataSource, ctx, async (m) => {
      const policy = await this.policies.lock(m, policyId);
      return this.policies.save(m, policy, rescind(policy, learnedOn, reason, today));
    });
  }
}
