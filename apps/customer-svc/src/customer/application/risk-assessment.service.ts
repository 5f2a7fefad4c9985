import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RowWriter, transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, addMonths, shanghaiDate } from '@insurer/platform-time';
import { AssessmentLimitError, CustomerDataInvalidError } from '../domain/customer.errors';
import {
  MAX_ASSESSMENTS_PER_12_MONTHS,
  assessmentValidUntil,
  checkAssessmentFrequency,
  scoreQuestionnaire,
} from '../domain/risk-tolerance';
import { RiskAssessmentEntity } from '../infrastructure/customer.entity';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { assertOwn } from './own-records';
import type { Principal } from '@insurer/platform-auth';

@Injectable()
export class RiskAssessmentService {
  private readonly assessments: RowWriter<RiskAssessmentEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly customers: CustomerRepository,
  ) {
    this.assessments = new RowWriter(dataSource, RiskAssessmentEntity);
  }

  /**
   * Scores a questionnaire and records the level. The customer row is locked first, so two assessments submitted at
   * once cannot both slip under the frequency limit.
   */
  async assess(
    customerId: string,
    answers: Record<string, number>,
    principal: Principal,
    ctx: RequestContext,
  ): Promise<RiskAssessmentEntity> {
    assertOwn(principal, customerId);
    const actor = principal.sub;
    const scored = scoreQuestionnaire(answers);
    if (!scored.ok) throw new CustomerDataInvalidError(scored.violations);
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (manager) => {
      const since = addMonths(shanghaiDate(now), -12);
      // Read together: the earlier assessments' read follows the customer's lock on the wire, so it sees one that
      // another request for this customer committed while the lock waited.
      const [customer, previous] = await Promise.all([
        this.customers.lockActive(manager, customerId),
        manager.query(
          `SELECT assessed_at AS "assessedAt" FROM customer.risk_assessment
            WHERE customer_id = $1 AND assessed_at >= ($2::date - interval '1 day')
            ORDER BY assessed_at DESC LIMIT ${MAX_ASSESSMENTS_PER_12_MONTHS + 1}`,
          [customerId, since],
        ) as Promise<{ assessedAt: Date }[]>,
      ]);
      const refusal = checkAssessmentFrequency(
        previous.map((p) => new Date(p.assessedAt)),
        now,
      );
      if (refusal) throw new AssessmentLimitError(refusal);

      const assessment = manager.create(RiskAssessmentEntity, {
        assessmentId: randomUUID(),
        customerId,
        answers,
        score: scored.score,
        level: scored.level,
        assessedAt: now,
        validUntil: assessmentValidUntil(now),
        actor,
      });
      await this.assessments.write(manager, [assessment]);
      customer.riskLevel = scored.level;
      customer.riskValidUntil = assessment.validUntil;
      customer.updatedAt = now;
      await this.customers.writeBack(manager, customer);
      await this.outbox.publish(manager, {
        type: 'customer.risk-tolerance-assessed',
        aggregateId: customerId,
        payload: {
          customerId,
          assessmentId: assessment.assessmentId,
          level: scored.level,
          score: scored.score,
          assessedAt: now.toISOString(),
          validUntil: assessment.validUntil,
        },
      });
      return assessment;
    });
  }

  list(customerId: string, principal: Principal): Promise<RiskAssessmentEntity[]> {
    assertOwn(principal, customerId);
    return this.dataSource.manager.find(RiskAssessmentEntity, {
      where: { customerId },
      order: { assessedAt: 'DESC' },
    });
  }
}
