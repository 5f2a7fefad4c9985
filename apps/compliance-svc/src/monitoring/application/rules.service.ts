import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Locale } from '@insurer/contracts';
import { citation, ruleText } from '@insurer/platform-i18n';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { addDays } from '@insurer/platform-time';
import type { Severity } from '../domain/rules';
import { RuleVersionDateError } from '../domain/rules.errors';
import { RuleVersionEntity } from '../infrastructure/monitoring.entity';

export interface RuleChange {
  readonly effectiveFrom: string;
  readonly severity?: Severity;
  readonly description?: string;
  readonly parameters?: Record<string, string | number | boolean | string[] | number[]>;
}

/** Rules are data: a change is a new version from a date; the version before it ends the day before. */
@Injectable()
export class RulesService {
  constructor(private readonly dataSource: DataSource) {}

  /** Every rule with its versions; its title and each version's legal source as `locale` words and cites them. */
  async list(locale: Locale) {
    const rows = await this.dataSource.manager.find(RuleVersionEntity, {
      order: { ruleId: 'ASC', version: 'ASC' },
    });
    const byRule = new Map<string, RuleVersionEntity[]>();
    for (const r of rows) byRule.set(r.ruleId, [...(byRule.get(r.ruleId) ?? []), r]);
    return [...byRule.entries()].map(([ruleId, versions]) => ({
      ruleId,
      title: ruleText(ruleId, locale) ?? ruleId,
      versions: versions.map((v) => ({ ...v, citation: citation(v.source, locale) })),
    }));
  }

  async change(
    ruleId: string,
    change: RuleChange,
    actor: string,
    ctx: RequestContext,
  ): Promise<RuleVersionEntity> {
    return transaction(this.dataSource, ctx, async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`rule:${ruleId}`]);
      const versions = await m.find(RuleVersionEntity, { where: { ruleId }, order: { version: 'DESC' } });
      const latest = versions[0];
      if (!latest) throw new ResourceNotFoundError('rule', ruleId);
      if (change.effectiveFrom <= latest.effectiveFrom) {
        throw new RuleVersionDateError(latest.effectiveFrom, latest.version);
      }
      latest.effectiveTo = addDays(change.effectiveFrom, -1);
      await m.save(latest);
      const next = m.create(RuleVersionEntity, {
        ruleId,
        version: latest.version + 1,
        kind: latest.kind,
        description: change.description ?? latest.description,
        source: latest.source,
        severity: change.severity ?? latest.severity,
        effectiveFrom: change.effectiveFrom,
        effectiveTo: null,
        parameters: { ...latest.parameters, ...change.parameters },
        createdBy: actor,
        createdAt: new Date(),
      });
      await m.insert(RuleVersionEntity, next);
      return next;
    });
  }
}
