import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ChainHead } from '../../audit/application/chain-head';
import { isEffective, type RuleVersion } from '../domain/rules';
import { RuleVersionEntity } from '../infrastructure/monitoring.entity';

/**
 * The versioned rule table as of a day. The process keeps the table's rows with the generation they were read at and
 * reads them again when a transaction finds the generation moved (a trigger moves it with every write to the table),
 * so a rule change, by this replica, another or by hand, is seen by the next transaction, as when every transaction
 * read the table.
 */
@Injectable()
export class RuleTable {
  private kept?: { readonly generation: string; readonly rows: Promise<readonly RuleVersionEntity[]> };

  constructor(private readonly head: ChainHead) {}

  private async rows(m: EntityManager): Promise<readonly RuleVersionEntity[]> {
    const generation = await this.head.ruleGeneration(m);
    if (this.kept?.generation !== generation) {
      const rows = m.find(RuleVersionEntity, { order: { ruleId: 'ASC', version: 'DESC' } });
      this.kept = { generation, rows };
      // A failed read is not kept: the next transaction reads again.
      rows.catch(() => {
        if (this.kept?.rows === rows) this.kept = undefined;
      });
    }
    return this.kept.rows;
  }

  /**
   * The last answer with the rows it was made from and its day: the events of a run are mostly of one day, and each
   * asked for a list of its own (a Set and an array an event, in a heap profile of a policy-issued burst).
   */
  private last?: {
    readonly rows: readonly RuleVersionEntity[];
    readonly day: string;
    readonly rules: readonly RuleVersion[];
  };

  /** Every rule's version in effect on a date. */
  async rulesOn(m: EntityManager, day: string): Promise<readonly RuleVersion[]> {
    const rows = await this.rows(m);
    if (this.last?.rows === rows && this.last.day === day) return this.last.rules;
    const seen = new Set<string>();
    const out: RuleVersion[] = [];
    for (const r of rows) {
      if (seen.has(r.ruleId) || !isEffective(r, day)) continue;
      seen.add(r.ruleId);
      out.push(r);
    }
    this.last = { rows, day, rules: out };
    return out;
  }
}
