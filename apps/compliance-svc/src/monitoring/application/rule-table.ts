import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PerTransaction } from '@insurer/platform-database';
import { isEffective, type RuleVersion } from '../domain/rules';
import { RuleVersionEntity } from '../infrastructure/monitoring.entity';

/** The versioned rule table as of a day. */
@Injectable()
export class RuleTable {
  /** Read once per transaction: a fetched run of events is judged by the table as it began. */
  private readonly rows = new PerTransaction((m) =>
    m.find(RuleVersionEntity, { order: { ruleId: 'ASC', version: 'DESC' } }),
  );

  /** Every rule's version in effect on a date. */
  async rulesOn(m: EntityManager, day: string): Promise<RuleVersion[]> {
    const rows = await this.rows.get(m);
    const seen = new Set<string>();
    const out: RuleVersion[] = [];
    for (const r of rows) {
      if (seen.has(r.ruleId) || !isEffective(r, day)) continue;
      seen.add(r.ruleId);
      out.push(r);
    }
    return out;
  }
}
