import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AppError, ResourceNotFoundError } from '@insurer/platform-http';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { ProductReplicaEntity } from '../../product-replica/infrastructure/product-replica.entity';
import { underwrite, type UnderwritingReason } from '../domain/auto-underwriting';
import {
  UnderwritingCaseEntity,
  type FinalDecision,
  type SubmittedApplication,
} from '../infrastructure/underwriting-case.entity';

export class UnderwritingClosedError extends AppError {
  constructor(applicationId: string) {
    super(
      'UNDERWRITING.ALREADY_DECIDED',
      'conflict',
      `application ${applicationId} is already decided; the decision is final`,
    );
  }
}

export class UnderwritingAssignedError extends AppError {
  constructor(assignee: string) {
    super('UNDERWRITING.ASSIGNED_TO_OTHER', 'conflict', `the case is assigned to ${assignee}`);
  }
}

export interface ManualDecision {
  readonly decision: FinalDecision;
  readonly loadingPercent?: number;
  readonly exclusions?: string[];
  readonly reasons: UnderwritingReason[];
}

/** The offer premium with a loading, rounded half up to the fen. */
export function loadedPremium(premiumFen: number, loadingPercent: number | null): number {
  if (!loadingPercent) return premiumFen;
  return Math.round((premiumFen * (100 + loadingPercent)) / 100);
}

/**
 * Underwriting (manual 3.2): every application is decided by the automatic rules or referred to the manual queue,
 * where an underwriter takes the case and decides with reasons. Each decision, referral included, is published.
 */
@Injectable()
export class UnderwritingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  /** Runs in the delivery's transaction: the case, the decision and its event commit with the inbox row. */
  async onApplication(m: EntityManager, application: SubmittedApplication): Promise<void> {
    if (await m.findOne(UnderwritingCaseEntity, { where: { applicationId: application.applicationId } }))
      return;
    const product = await m.findOne(ProductReplicaEntity, {
      where: { productCode: application.productCode, version: application.productVersion },
    });
    const now = this.clock.now();
    const outcome = product
      ? underwrite({
          productType: product.definition.type,
          isLife: product.definition.isLife,
          entryAge: product.definition.entryAge,
          acceptedOccupationClasses: product.definition.occupationClasses,
          maxSumInsuredIncomeMultiple: product.definition.maxSumInsuredIncomeMultiple,
          insuredAge: application.insuredAge,
          occupationClass: application.occupationClass,
          sumInsuredFen: application.sumInsuredFen,
          annualIncomeFen: application.annualIncomeFen,
          bmi: application.bmi,
          declaredConditions: application.declaredConditions,
          identityVerified: application.identityVerified,
        })
      : {
          decision: 'refer' as const,
          loadingPercent: null,
          exclusions: [],
          reasons: [
            {
              code: 'UW.PRODUCT_UNKNOWN',
              message: `product ${application.productCode} v${application.productVersion} has not been received`,
            },
          ],
        };
    const kase = m.create(UnderwritingCaseEntity, {
      applicationId: application.applicationId,
      application,
      status: outcome.decision === 'refer' ? 'referred' : 'decided',
      decision: outcome.decision === 'refer' ? null : outcome.decision,
      loadingPercent: outcome.loadingPercent,
      exclusions: outcome.exclusions,
      reasons: outcome.reasons,
      autoReasons: outcome.reasons,
      assignee: null,
      decidedBy: outcome.decision === 'refer' ? null : 'auto',
      decidedAt: outcome.decision === 'refer' ? null : now,
      offerStatus: null,
      offerPremiumFen: null,
      confirmation: null,
      firstPayment: null,
      createdAt: now,
    });
    if (kase.decision) this.openOffer(kase);
    await m.insert(UnderwritingCaseEntity, kase);
    await this.announce(m, kase, outcome.decision, 'auto', now);
  }

  queue(): Promise<UnderwritingCaseEntity[]> {
    return this.dataSource.manager.find(UnderwritingCaseEntity, {
      where: { status: In(['referred', 'assigned']) },
      order: { createdAt: 'ASC' },
    });
  }

  async get(applicationId: string): Promise<UnderwritingCaseEntity> {
    const kase = await this.dataSource.manager.findOne(UnderwritingCaseEntity, { where: { applicationId } });
    if (!kase) throw new ResourceNotFoundError('underwriting case', applicationId);
    return kase;
  }

  async take(applicationId: string, underwriter: string): Promise<UnderwritingCaseEntity> {
    return this.dataSource.transaction(async (m) => {
      const kase = await this.lockOpen(m, applicationId);
      if (kase.assignee && kase.assignee !== underwriter) throw new UnderwritingAssignedError(kase.assignee);
      kase.status = 'assigned';
      kase.assignee = underwriter;
      return m.save(kase);
    });
  }

  async decide(
    applicationId: string,
    underwriter: string,
    input: ManualDecision,
  ): Promise<UnderwritingCaseEntity> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const kase = await this.lockOpen(m, applicationId);
      if (kase.assignee && kase.assignee !== underwriter) throw new UnderwritingAssignedError(kase.assignee);
      kase.status = 'decided';
      kase.decision = input.decision;
      kase.loadingPercent = input.decision === 'accept_with_loading' ? (input.loadingPercent ?? null) : null;
      kase.exclusions = input.decision === 'decline' ? [] : (input.exclusions ?? []);
      kase.reasons = input.reasons;
      kase.assignee = kase.assignee ?? underwriter;
      kase.decidedBy = underwriter;
      kase.decidedAt = now;
      this.openOffer(kase);
      await m.save(kase);
      await this.announce(m, kase, input.decision, underwriter, now);
      return kase;
    });
  }

  private openOffer(kase: UnderwritingCaseEntity): void {
    if (kase.decision === 'decline') {
      kase.offerStatus = 'declined';
      return;
    }
    kase.offerStatus = 'awaiting';
    kase.offerPremiumFen = loadedPremium(kase.application.premiumFen, kase.loadingPercent);
  }

  private async lockOpen(m: EntityManager, applicationId: string): Promise<UnderwritingCaseEntity> {
    const kase = await m.findOne(UnderwritingCaseEntity, {
      where: { applicationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!kase) throw new ResourceNotFoundError('underwriting case', applicationId);
    if (kase.status === 'decided') throw new UnderwritingClosedError(applicationId);
    return kase;
  }

  private async announce(
    m: EntityManager,
    kase: UnderwritingCaseEntity,
    decision: FinalDecision | 'refer',
    decidedBy: string,
    at: Date,
  ): Promise<void> {
    await this.outbox.publish(m, {
      type: 'contract.underwriting-decided',
      aggregateId: kase.applicationId,
      payload: {
        applicationId: kase.applicationId,
        policyholderId: kase.application.policyholderId,
        productCode: kase.application.productCode,
        decision,
        loadingPercent: kase.loadingPercent,
        exclusions: kase.exclusions,
        reasons: kase.reasons,
        decidedBy,
        decidedAt: at.toISOString(),
      },
    });
  }
}
