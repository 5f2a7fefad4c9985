import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EventOf } from '@insurer/contracts';
import { DataSource } from 'typeorm';
import { RowWriter } from '@insurer/platform-database';
import { BATCH, type DeliveryContext } from '@insurer/platform-messaging';
import { Clock, addDays } from '@insurer/platform-time';
import { ClaimsPolicyReplicaEntity, ClaimsProductReplicaEntity } from '../infrastructure/replica.entity';

/**
 * claims-svc's replicas: each product version's coverages, waiting periods, limits and exclusions, and each policy's
 * cover, status and suspensions, only from events (never another service's tables).
 */
@Controller()
export class ReplicaEventsConsumer {
  private readonly policies: RowWriter<ClaimsPolicyReplicaEntity>;

  constructor(
    private readonly clock: Clock,
    dataSource: DataSource,
  ) {
    this.policies = new RowWriter(dataSource, ClaimsPolicyReplicaEntity);
  }

  @EventPattern('sales.product-published')
  async onProduct(@Payload() event: EventOf<'sales.product-published'>, @Ctx() ctx: DeliveryContext) {
    const { product } = event.payload;
    await ctx.manager
      .createQueryBuilder()
      .insert()
      .into(ClaimsProductReplicaEntity)
      .values({ productCode: product.productCode, version: product.version, definition: product })
      .orIgnore()
      .execute();
  }

  /** A run of issued policies at once, in one statement. */
  @EventPattern('contract.policy-issued', BATCH)
  async onIssued(@Payload() events: EventOf<'contract.policy-issued'>[], @Ctx() ctx: DeliveryContext) {
    const updatedAt = this.clock.now();
    await this.policies.write(
      ctx.manager,
      events.map(({ payload: p }) => ({
        policyId: p.policyId,
        policyholderId: p.policyholderId,
        insuredId: p.insuredId,
        productCode: p.productCode,
        productVersion: p.productVersion,
        isLife: p.isLife,
        sumInsuredFen: p.sumInsuredFen,
        effectiveDate: p.effectiveDate,
        expiryDate: p.expiryDate,
        status: 'in_force',
        endedOn: null,
        suspensions: [],
        beneficiaries: p.beneficiaries ?? [],
        updatedAt,
      })),
      'update',
    );
  }

  @EventPattern('contract.policy-endorsed')
  async onEndorsed(@Payload() event: EventOf<'contract.policy-endorsed'>, @Ctx() ctx: DeliveryContext) {
    await ctx.manager.update(
      ClaimsPolicyReplicaEntity,
      { policyId: event.payload.policyId },
      {
        sumInsuredFen: event.payload.sumInsuredFen,
        ...(event.payload.beneficiaries ? { beneficiaries: event.payload.beneficiaries } : {}),
        updatedAt: this.clock.now(),
      },
    );
  }

  /** The new policyholder may report a death on the policy and see its claims; claims made before keep theirs. */
  @EventPattern('contract.policyholder-changed')
  async onPolicyholderChanged(
    @Payload() event: EventOf<'contract.policyholder-changed'>,
    @Ctx() ctx: DeliveryContext,
  ) {
    await ctx.manager.update(
      ClaimsPolicyReplicaEntity,
      { policyId: event.payload.policyId },
      { policyholderId: event.payload.policyholderId, updatedAt: this.clock.now() },
    );
  }

  @EventPattern('contract.policy-loan-granted')
  async onLoanGranted(
    @Payload() event: EventOf<'contract.policy-loan-granted'>,
    @Ctx() ctx: DeliveryContext,
  ) {
    const p = event.payload;
    await ctx.manager.update(
      ClaimsPolicyReplicaEntity,
      { policyId: p.policyId },
      {
        loan: {
          principalFen: p.principalFen,
          annualRatePercent: p.annualRatePercent,
          termMonths: p.termMonths,
          periodStart: p.periodStart,
        },
        updatedAt: this.clock.now(),
      },
    );
  }

  @EventPattern('contract.policy-loan-repaid')
  async onLoanRepaid(@Payload() event: EventOf<'contract.policy-loan-repaid'>, @Ctx() ctx: DeliveryContext) {
    const p = event.payload;
    const policy = await ctx.manager.findOne(ClaimsPolicyReplicaEntity, { where: { policyId: p.policyId } });
    if (!policy?.loan) return;
    await ctx.manager.update(
      ClaimsPolicyReplicaEntity,
      { policyId: p.policyId },
      {
        loan:
          p.principalFen === 0
            ? null
            : { ...policy.loan, principalFen: p.principalFen, periodStart: p.periodStart },
        updatedAt: this.clock.now(),
      },
    );
  }

  @EventPattern('contract.policy-withdrawn')
  async onWithdrawn(@Payload() event: EventOf<'contract.policy-withdrawn'>, @Ctx() ctx: DeliveryContext) {
    // A withdrawal undoes the contract from its start: no event date is covered.
    const policy = await ctx.manager.findOne(ClaimsPolicyReplicaEntity, {
      where: { policyId: event.payload.policyId },
    });
    if (policy) await this.end(ctx, policy.policyId, 'withdrawn', policy.effectiveDate);
  }

  @EventPattern('contract.policy-surrendered')
  async onSurrendered(@Payload() event: EventOf<'contract.policy-surrendered'>, @Ctx() ctx: DeliveryContext) {
    await this.end(ctx, event.payload.policyId, 'surrendered', event.payload.surrenderedOn);
  }

  /**
   * An erasure request (a restriction now, or the erasure when nothing was kept) is remembered: the claims of the
   * customer, as insured or policyholder, have their sealed payee data shredded when its retention ends.
   */
  @EventPattern(['customer.processing-restricted', 'customer.customer-erased'])
  async onErasureRequested(
    @Payload() event: EventOf<'customer.processing-restricted' | 'customer.customer-erased'>,
    @Ctx() ctx: DeliveryContext,
  ): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO claims.erasure_request (customer_id, requested_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [event.payload.customerId, new Date(event.occurredAt)],
    );
  }

  @EventPattern('contract.policy-terminated')
  async onTerminated(@Payload() event: EventOf<'contract.policy-terminated'>, @Ctx() ctx: DeliveryContext) {
    await this.end(ctx, event.payload.policyId, 'terminated', addDays(event.payload.terminatedOn, 1));
  }

  @EventPattern('contract.policy-lapsed')
  async onLapsed(@Payload() event: EventOf<'contract.policy-lapsed'>, @Ctx() ctx: DeliveryContext) {
    const policy = await ctx.manager.findOne(ClaimsPolicyReplicaEntity, {
      where: { policyId: event.payload.policyId },
    });
    if (!policy) return;
    policy.suspensions = [...policy.suspensions, { from: addDays(event.payload.graceEndedOn, 1), to: null }];
    policy.status = 'suspended';
    policy.updatedAt = this.clock.now();
    await ctx.manager.save(policy);
  }

  @EventPattern('contract.policy-reinstated')
  async onReinstated(@Payload() event: EventOf<'contract.policy-reinstated'>, @Ctx() ctx: DeliveryContext) {
    const policy = await ctx.manager.findOne(ClaimsPolicyReplicaEntity, {
      where: { policyId: event.payload.policyId },
    });
    if (!policy) return;
    policy.suspensions = policy.suspensions.map((s) =>
      s.to === null ? { ...s, to: event.payload.reinstatedOn } : s,
    );
    policy.status = 'in_force';
    policy.updatedAt = this.clock.now();
    await ctx.manager.save(policy);
  }

  private async end(ctx: DeliveryContext, policyId: string, status: string, endedOn: string): Promise<void> {
    await ctx.manager.update(
      ClaimsPolicyReplicaEntity,
      { policyId },
      { status, endedOn, updatedAt: this.clock.now() },
    );
  }
}
