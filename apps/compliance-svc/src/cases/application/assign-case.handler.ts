import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@insurer/platform-observability';
import { assign } from '../../monitoring/domain/case';
import { CaseRepository } from './case.repository';

/** Assigning an open case starts its investigation. */
@Injectable()
export class AssignCaseHandler {
  constructor(private readonly cases: CaseRepository) {}

  execute(caseId: string, assignee: string, actor: string, ctx: RequestContext) {
    return this.cases.step(caseId, (c) => assign(c, assignee, actor), ctx);
  }
}
