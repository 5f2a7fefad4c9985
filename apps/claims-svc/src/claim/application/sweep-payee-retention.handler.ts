import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { payeeRetainedUntil } from '../domain/payee-retention';
import { ClaimEntity } from '../infrastructure/claim.entity';
import { ClaimsPolicyReplicaEntity } from '../../replica/infrastructure/replica.entity';

/**
 * Shreds the sealed payee name and account of each claim whose insured or policyholder asked for erasure, on the day
 * its retention ends (payeeRetainedUntil); until then they stay sealed and are only opened to pay. The masked display
 * (surname, last four digits) stays with the claim record.
 */
@Injectable()
export class SweepPayeeRetentionHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(amlYears: number): Promise<{ checked: number; shredded: number }> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const candidates: { claim_id: string }[] = await this.dataSource.query(
      `SELECT c.claim_id FROM claims.claim c
         JOIN claims.erasure_request e ON e.customer_id IN (c.insured_id, c.policyholder_id)
        WHERE c.payee_shredded_at IS NULL`,
    );
    let shredded = 0;
    for (const { claim_id: claimId } of candidates) {
      const done = await transaction(this.dataSource, undefined, async (m) => {
        const claim = await m.findOne(ClaimEntity, {
          where: { claimId },
          lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
        });
        if (!claim || claim.payeeShreddedAt) return false;
        const policy = await m.findOne(ClaimsPolicyReplicaEntity, { where: { policyId: claim.policyId } });
        const until = payeeRetainedUntil({ ...claim, policy }, amlYears);
        if (until === null || today < until) return false;
        await m.update(
          ClaimEntity,
          { claimId },
          { payeeAccount: null, payeeNameSealed: null, payeeShreddedAt: now },
        );
        return true;
      });
      if (done) shredded += 1;
    }
    return { checked: candidates.length, shredded };
  }
}
