import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@insurer/platform-observability';
import { Clock } from '@insurer/platform-time';
import { escalate } from '../../monitoring/domain/case';
import { CaseRepository } from './case.repository';

/** Escalates an open or investigated case, with the reason. */
@Injectable()
export class EscalateCaseHandler {
  constructor(
    private readonly cases: CaseRepository,
    private readonly clock: Clock,
  ) {}

  execute(caseId: string, actor: string, reason: string, ctx: RequestContext) {
    return this.cases.step(caseId, (c) => escalate(c, actor, reason, this.clock.now()), ctx);
  }
}
