import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { changesIdentity, CUSTOMER_FACT_FIELDS, type EventOf } from '@insurer/contracts';
import { DataSource } from 'typeorm';
import { RowWriter } from '@insurer/platform-database';
import type { DeliveryContext } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { CustomerFactsArrivals } from '../application/customer-facts-arrivals';
import { CustomerFactsEntity } from '../infrastructure/customer-facts.entity';

/**
 * Keeps sales-svc's replica of the customer facts it needs (age, gender, occupation, means, risk level, cover) from
 * customer-svc's events. It never reads customer-svc's tables. Events for one customer arrive in order (keyed by
 * customer id), so each one applies on top of the last.
 */
@Controller()
export class CustomerEventsConsumer {
  // The frequent events' writes wait for nothing: each goes with the inbox transaction's COMMIT.
  private readonly facts: RowWriter<CustomerFactsEntity>;

  constructor(
    private readonly clock: Clock,
    private readonly arrivals: CustomerFactsArrivals,
    dataSource: DataSource,
  ) {
    this.facts = new RowWriter(dataSource, CustomerFactsEntity);
  }

  @EventPattern('customer.customer-registered')
  async onRegistered(@Payload() event: EventOf<'customer.customer-registered'>, @Ctx() ctx: DeliveryContext) {
    const p = event.payload;
    await this.facts.write(
      ctx.manager,
      [
        {
          customerId: p.customerId,
          customerType: p.customerType,
          gender: p.gender ?? null,
          birthDate: p.birthDate ?? null,
          occupationClass: p.occupationClass ?? null,
          annualIncomeFen: p.annualIncomeFen ?? null,
          householdIncomeFen: p.householdIncomeFen ?? null,
          existingCoverFen: p.existingCoverFen ?? null,
          dependants: p.dependants ?? null,
          riskLevel: null,
          riskValidUntil: null,
          identityVerified: false,
          agentId: p.agentId ?? null,
          erased: false,
          updatedAt: this.clock.now(),
        },
      ],
      'update',
    );
    this.arrivals.changed(ctx.manager, p.customerId);
  }

  @EventPattern('customer.profile-updated')
  async onUpdated(@Payload() event: EventOf<'customer.profile-updated'>, @Ctx() ctx: DeliveryContext) {
    const { facts, customerId, changedFields } = event.payload;
    const changes: Partial<CustomerFactsEntity> = { updatedAt: this.clock.now() };
    for (const field of CUSTOMER_FACT_FIELDS) {
      // A changed fact absent from `facts` was removed from the profile.
      if (changedFields.includes(field)) (changes as Record<string, unknown>)[field] = facts[field] ?? null;
    }
    // A changed name or ID number is someone to verify again before the contract (customer-svc's own rule).
    if (changesIdentity(changedFields)) changes.identityVerified = false;
    await ctx.manager.update(CustomerFactsEntity, { customerId }, changes);
    this.arrivals.changed(ctx.manager, customerId);
  }

  @EventPattern('customer.risk-tolerance-assessed')
  async onAssessed(
    @Payload() event: EventOf<'customer.risk-tolerance-assessed'>,
    @Ctx() ctx: DeliveryContext,
  ) {
    const p = event.payload;
    await this.facts.update(ctx.manager, {
      customerId: p.customerId,
      riskLevel: p.level,
      riskValidUntil: p.validUntil,
      updatedAt: this.clock.now(),
    });
    this.arrivals.changed(ctx.manager, p.customerId);
  }

  @EventPattern('customer.identity-verified')
  async onVerified(@Payload() event: EventOf<'customer.identity-verified'>, @Ctx() ctx: DeliveryContext) {
    await this.identity(ctx, event.payload.customerId, true);
  }

  @EventPattern('customer.identity-rejected')
  async onRejected(@Payload() event: EventOf<'customer.identity-rejected'>, @Ctx() ctx: DeliveryContext) {
    await this.identity(ctx, event.payload.customerId, false);
  }

  private identity(ctx: DeliveryContext, customerId: string, verified: boolean): Promise<void> {
    return this.facts.update(ctx.manager, {
      customerId,
      identityVerified: verified,
      updatedAt: this.clock.now(),
    });
  }

  /**
   * Erasure reaches the replica too: everything about the person is dropped, only the id and the flag remain. A
   * restriction does the same here: customer-svc keeps the retained records, and no sale may use them (PIPL Art. 47).
   */
  @EventPattern(['customer.customer-erased', 'customer.processing-restricted'])
  async onErased(
    @Payload() event: EventOf<'customer.customer-erased' | 'customer.processing-restricted'>,
    @Ctx() ctx: DeliveryContext,
  ) {
    await ctx.manager.update(
      CustomerFactsEntity,
      { customerId: event.payload.customerId },
      {
        erased: true,
        gender: null,
        birthDate: null,
        occupationClass: null,
        annualIncomeFen: null,
        householdIncomeFen: null,
        existingCoverFen: null,
        dependants: null,
        riskLevel: null,
        riskValidUntil: null,
        updatedAt: this.clock.now(),
      },
    );
  }
}
