import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PerTransaction } from '@insurer/platform-database';

interface Head {
  /** The audit chain's last hash, locked until the transaction ends. */
  readonly tip: string;
  /** The rule table's change counter, as of the same statement. */
  readonly ruleGeneration: string;
}

/**
 * What a compliance transaction that appends to the audit chain reads first, in one statement (one round trip): the
 * chain's tip, with the lock that gives the chain one order across consumers and replicas, and the rule table's
 * generation, by which a process knows whether the rules it keeps are still the table's.
 */
@Injectable()
export class ChainHead {
  private readonly heads = new PerTransaction<Head>(async (m) => {
    // FOR UPDATE waits for the transaction holding the tip and then reads the tip it left.
    const [head] = (await m.query(
      `SELECT t.hash AS tip, g.generation::text AS "ruleGeneration"
         FROM compliance.audit_tip t, compliance.rule_generation g FOR UPDATE OF t`,
    )) as Head[];
    return head;
  });

  private readonly generations = new PerTransaction<string>(async (m) => {
    const head = this.heads.peek(m);
    if (head) return (await head).ruleGeneration;
    const [row] = (await m.query(
      `SELECT generation::text AS generation FROM compliance.rule_generation`,
    )) as {
      generation: string;
    }[];
    return row.generation;
  });

  /** Locks the chain for this transaction and gives its tip as the transaction found it. */
  async lockedTip(m: EntityManager): Promise<string> {
    return (await this.heads.get(m)).tip;
  }

  /** The rule table's generation: from the head if this transaction locked it, else read alone (no lock). */
  ruleGeneration(m: EntityManager): Promise<string> {
    return this.generations.get(m);
  }
}
