import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { take } from '../domain/underwriting-case';
import { UnderwritingCaseRepository } from '../infrastructure/underwriting-case.repository';

/** An underwriter takes a referred case from the queue. */
@Injectable()
export class TakeCaseHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: UnderwritingCaseRepository,
  ) {}

  async execute(applicationId: string, underwriter: string, ctx: RequestContext) {
    return transaction(this.dataSource, ctx, async (m) => {
      const kase = await this.cases.lock(m, applicationId);
      return this.cases.save(m, kase, take(kase, underwriter));
    });
  }
}
