import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@insurer/platform-auth';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { ColumnReader, RowWriter, transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { OutboxPublisher, type EventCause } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { assertOwn } from '../../customer/application/own-records';
import { CustomerEntity } from '../../customer/infrastructure/customer.entity';
import { SurveyEntity, type SurveyTrigger } from '../infrastructure/survey.entity';
import { SurveyAlreadyAnsweredError } from '../domain/survey.errors';

export interface SurveyRequest {
  readonly customerId: string;
  readonly trigger: SurveyTrigger;
  readonly policyId?: string;
  readonly claimId?: string;
  readonly ticketId?: string;
  readonly productCode?: string;
  readonly salespersonId?: string;
}

/** Satisfaction surveys (manual chapter 5): sent after an issue, a claim payment or a ticket; CSAT 1-5 and NPS 0-10. */
@Injectable()
export class SurveyService {
  private readonly writer: RowWriter<SurveyEntity>;
  // Only the status: the rest of the customer is sealed and would be opened for nothing.
  private readonly customerStatus: ColumnReader<CustomerEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {
    this.writer = new RowWriter(dataSource, SurveyEntity);
    this.customerStatus = new ColumnReader(dataSource, CustomerEntity, 'customerId', [
      'customerId',
      'status',
    ]);
  }

  /**
   * Creates the survey task in the caller's transaction and announces it. Erased or unknown customers get none:
   * contacting someone who asked to be forgotten is itself a PIPL breach.
   */
  async send(manager: EntityManager, request: SurveyRequest): Promise<SurveyEntity | null> {
    const [survey] = await this.sendAll(manager, [request]);
    return survey ?? null;
  }

  /** `send` for many at once (a run of events applied together): one read, one insert, one outbox write. */
  async sendAll(
    manager: EntityManager,
    requests: readonly (SurveyRequest & { readonly cause?: EventCause })[],
  ): Promise<SurveyEntity[]> {
    if (requests.length === 0) return [];
    const customers = await this.customerStatus.findAllIn(manager, [
      ...new Set(requests.map((r) => r.customerId)),
    ]);
    const active = new Set(
      customers.filter((c) => c.status === 'active').map((c) => c.customerId.toLowerCase()),
    );
    const now = this.clock.now();
    const sent = requests
      .filter((r) => active.has(r.customerId.toLowerCase()))
      .map((request) => ({
        request,
        survey: manager.create(SurveyEntity, {
          surveyId: randomUUID(),
          customerId: request.customerId,
          trigger: request.trigger,
          policyId: request.policyId ?? null,
          claimId: request.claimId ?? null,
          ticketId: request.ticketId ?? null,
          productCode: request.productCode ?? null,
          salespersonId: request.salespersonId ?? null,
          sentAt: now,
          answeredAt: null,
          csat: null,
          nps: null,
          comment: null,
        }),
      }));
    await this.writer.write(
      manager,
      sent.map((s) => s.survey),
    );
    await this.outbox.publishAll(
      manager,
      sent.map(({ request, survey }) => ({
        type: 'customer.survey-sent' as const,
        aggregateId: request.customerId,
        cause: request.cause,
        payload: {
          surveyId: survey.surveyId,
          customerId: request.customerId,
          trigger: request.trigger,
          policyId: request.policyId,
          claimId: request.claimId,
          ticketId: request.ticketId,
          sentAt: now.toISOString(),
        },
      })),
    );
    return sent.map((s) => s.survey);
  }

  async answer(
    surveyId: string,
    answer: { csat: number; nps: number; comment?: string },
    principal: Principal,
    ctx: RequestContext,
  ): Promise<SurveyEntity> {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (manager) => {
      const survey = await manager.findOne(SurveyEntity, {
        where: { surveyId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!survey) throw new ResourceNotFoundError('survey', surveyId);
      assertOwn(principal, survey.customerId);
      if (survey.answeredAt) throw new SurveyAlreadyAnsweredError();
      survey.csat = answer.csat;
      survey.nps = answer.nps;
      survey.comment = answer.comment ?? null;
      survey.answeredAt = now;
      await manager.save(survey);
      await this.outbox.publish(manager, {
        type: 'customer.survey-answered',
        aggregateId: survey.customerId,
        payload: {
          surveyId,
          customerId: survey.customerId,
          trigger: survey.trigger,
          policyId: survey.policyId ?? undefined,
          claimId: survey.claimId ?? undefined,
          productCode: survey.productCode ?? undefined,
          salespersonId: survey.salespersonId ?? undefined,
          csat: answer.csat,
          nps: answer.nps,
          answeredAt: now.toISOString(),
        },
      });
      return survey;
    });
  }

  list(customerId: string, principal: Principal): Promise<SurveyEntity[]> {
    assertOwn(principal, customerId);
    return this.dataSource.manager.find(SurveyEntity, { where: { customerId }, order: { sentAt: 'DESC' } });
  }
}
