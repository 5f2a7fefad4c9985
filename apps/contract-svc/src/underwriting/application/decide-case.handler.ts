import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { Clock } from '@insurer/platform-time';
import { decide, type ManualDecision } from '../domain/underwriting-case';
import { UnderwritingCaseRepository } from '../infrastructure/underwriting-case.repository';

/** The underwriter's decision with reasons, announced; an acceptance opens the offer. */
@Injectable()
export class DecideCaseHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: UnderwritingCaseRepository,
    private readonly clock: Clock,
  ) {}

  async execute(applicationId: string, underwriter: string, input: ManualDecision, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const kase = await this.cases.lock(m, applicationId);
      const decided = decide(kase, underwriter, input, now);
      return this.cases.save(m, kase, decided.state, decided);
    });
  }
}
