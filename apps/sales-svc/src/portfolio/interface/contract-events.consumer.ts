import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  POLICY_STATUS_AFTER,
  POLICY_STATUS_EVENTS,
  type PolicyStatusEvent,
  type EventOf,
} from '@insurer/contracts';
import { DataSource } from 'typeorm';
import { RowWriter, queueWrite } from '@insurer/platform-database';
import { BATCH, causeOf, type DeliveryContext } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { ProductService } from '../../product/application/product.service';
import { ApplicationEntity } from '../../proposal/infrastructure/application.entity';
import { deathBenefitFen } from '../../suitability/domain/parties';
import { ReturnVisitService } from '../../return-visit/application/return-visit.service';
import { PipelineService } from '../../salesperson/application/pipeline.service';
import { PolicyReplicaEntity } from '../../policy-replica/infrastructure/policy-replica.entity';

/**
 * What sales follows of contract-svc: issued policies (replica, pipeline, the return visit inside cooling-off),
 * declined applications and the later life of a policy.
 */
@Controller()
export class ContractEventsConsumer {
  private readonly replicas: RowWriter<PolicyReplicaEntity>;

  constructor(
    private readonly products: ProductService,
    private readonly visits: ReturnVisitService,
    private readonly pipeline: PipelineService,
    private readonly clock: Clock,
    dataSource: DataSource,
  ) {
    this.replicas = new RowWriter(dataSource, PolicyReplicaEntity);
  }

  /** A run of issued policies at once: each table written once for the run (the replica, applications, pipeline, visits). */
  @EventPattern('contract.policy-issued', BATCH)
  async onIssued(@Payload() events: EventOf<'contract.policy-issued'>[], @Ctx() ctx: DeliveryContext) {
    const m = ctx.manager;
    const issued = events.map((e) => e.payload);
    // sales-svc owns the product: what the policy pays on death is read from the version it was sold on (each
    // published version is read once per process, so a run asks the cache, not the table).
    const updatedAt = this.clock.now();
    const rows: PolicyReplicaEntity[] = [];
    for (const p of issued) {
      const product = await this.products.publishedVersion(m, p.productCode, p.productVersion);
      rows.push({
        policyId: p.policyId,
        applicationId: p.applicationId,
        policyholderId: p.policyholderId,
        insuredId: p.insuredId,
        productCode: p.productCode,
        productType: p.productType,
        salespersonId: p.salespersonId,
        coverageTermYears: p.coverageTermYears,
        sumInsuredFen: p.sumInsuredFen,
        deathBenefitFen: product ? deathBenefitFen(product.terms.coverages, p.sumInsuredFen) : 0,
        effectiveDate: p.effectiveDate,
        coolingOffEndsOn: p.coolingOffEndsOn,
        status: 'in_force',
        updatedAt,
      });
    }
    await this.replicas.write(m, rows, 'update');
    await queueWrite(
      m,
      `UPDATE sales.application SET status = 'issued' WHERE application_id = ANY($1::uuid[])`,
      [issued.map((p) => p.applicationId)],
    );
    await this.pipeline.issued(m, issued);
    await this.visits.schedule(
      m,
      events.map((e) => ({
        policyId: e.payload.policyId,
        customerId: e.payload.policyholderId,
        salespersonId: e.payload.salespersonId,
        coolingOffEndsOn: e.payload.coolingOffEndsOn,
        issuedAt: e.payload.issuedAt,
        cause: causeOf(e),
      })),
    );
  }

  @EventPattern('contract.underwriting-decided')
  async onDecided(@Payload() event: EventOf<'contract.underwriting-decided'>, @Ctx() ctx: DeliveryContext) {
    if (event.payload.decision !== 'decline') return;
    const { applicationId } = event.payload;
    await ctx.manager.update(ApplicationEntity, { applicationId }, { status: 'declined' });
    await this.pipeline.advance(ctx.manager, { applicationId }, 'declined');
  }

  /** The replica follows the policy to its new policyholder, whom a departing salesperson's notice then reaches. */
  @EventPattern('contract.policyholder-changed')
  async onPolicyholderChanged(
    @Payload() event: EventOf<'contract.policyholder-changed'>,
    @Ctx() ctx: DeliveryContext,
  ) {
    await ctx.manager.update(
      PolicyReplicaEntity,
      { policyId: event.payload.policyId },
      { policyholderId: event.payload.policyholderId, updatedAt: this.clock.now() },
    );
  }

  /**
   * Each lifecycle event leaves the policy in the status contract-svc gives it (POLICY_STATUS_AFTER). A status for a
   * policy this service never saw issued is ignored: there is nothing to show it on.
   */
  @EventPattern(POLICY_STATUS_EVENTS)
  async onStatusChanged(@Payload() event: EventOf<PolicyStatusEvent>, @Ctx() ctx: DeliveryContext) {
    await ctx.manager.update(
      PolicyReplicaEntity,
      { policyId: event.payload.policyId },
      { status: POLICY_STATUS_AFTER[event.type], updatedAt: this.clock.now() },
    );
    if (event.type === 'contract.policy-withdrawn')
      await this.pipeline.advance(ctx.manager, { policyId: event.payload.policyId }, 'withdrawn');
  }
}
