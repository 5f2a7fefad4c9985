import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@insurer/platform-observability';
import { comment } from '../../monitoring/domain/case';
import { CaseRepository } from './case.repository';

/** A comment or a piece of evidence on an active case. */
@Injectable()
export class CommentCaseHandler {
  constructor(private readonly cases: CaseRepository) {}

  execute(
    caseId: string,
    actor: string,
    text: string,
    ctx: RequestContext,
    kind: 'comment' | 'evidence' = 'comment',
  ) {
    return this.cases.step(caseId, (c) => comment(c, actor, text, kind), ctx);
  }
}
