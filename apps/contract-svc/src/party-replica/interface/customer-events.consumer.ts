import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { changesIdentity, type EventOf } from '@insurer/contracts';
import { queueWrite } from '@insurer/platform-database';
import type { DeliveryContext } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { comingOfAge, knownParty } from '../domain/known-party';

/**
 * Keeps contract-svc's copy of its customers (KnownParty) from customer-svc's events: who is a company, when each
 * person comes of age and whose identity is verified, which a policy's new policyholder is checked against. Events
 * for one customer arrive in order (keyed by customer id). Nothing in a sale waits on this, so the topic is deferred
 * (CONSUMER_DEFERRED_TOPICS).
 */
@Controller()
export class CustomerEventsConsumer {
  constructor(private readonly clock: Clock) {}

  @EventPattern('customer.customer-registered')
  async onRegistered(@Payload() event: EventOf<'customer.customer-registered'>, @Ctx() ctx: DeliveryContext) {
    const p = event.payload;
    const party = knownParty(p);
    await queueWrite(
      ctx.manager,
      `INSERT INTO contract.party_replica (customer_id, corporate, adult_on, identity_verified, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (customer_id) DO UPDATE
         SET corporate = EXCLUDED.corporate, adult_on = EXCLUDED.adult_on,
             identity_verified = EXCLUDED.identity_verified, updated_at = EXCLUDED.updated_at`,
      [p.customerId, party.corporate, party.adultOn, party.identityVerified, this.clock.now()],
    );
  }

  /**
   * A corrected birth date moves the coming of age; only a person has one, so an unknown customer is a person. A
   * changed identity field leaves the identity unverified until customer-svc verifies it again.
   */
  @EventPattern('customer.profile-updated')
  async onUpdated(@Payload() event: EventOf<'customer.profile-updated'>, @Ctx() ctx: DeliveryContext) {
    const { customerId, changedFields, facts } = event.payload;
    if (changesIdentity(changedFields)) await this.identity(ctx, customerId, false);
    if (!changedFields.includes('birthDate')) return;
    await queueWrite(
      ctx.manager,
      `INSERT INTO contract.party_replica (customer_id, corporate, adult_on, updated_at) VALUES ($1, false, $2, $3)
       ON CONFLICT (customer_id) DO UPDATE SET adult_on = EXCLUDED.adult_on, updated_at = EXCLUDED.updated_at`,
      [customerId, facts.birthDate ? comingOfAge(facts.birthDate) : null, this.clock.now()],
    );
  }

  @EventPattern('customer.identity-verified')
  async onVerified(@Payload() event: EventOf<'customer.identity-verified'>, @Ctx() ctx: DeliveryContext) {
    await this.identity(ctx, event.payload.customerId, true);
  }

  /** A failed check leaves the customer unverified, whatever an earlier one found. */
  @EventPattern('customer.identity-rejected')
  async onRejected(@Payload() event: EventOf<'customer.identity-rejected'>, @Ctx() ctx: DeliveryContext) {
    await this.identity(ctx, event.payload.customerId, false);
  }

  /** Only a customer the copy holds: registration (which comes first on their partition) makes the row. */
  private identity(ctx: DeliveryContext, customerId: string, verified: boolean): Promise<void> {
    return queueWrite(
      ctx.manager,
      `UPDATE contract.party_replica SET identity_verified = $2, updated_at = $3 WHERE customer_id = $1`,
      [customerId, verified, this.clock.now()],
    );
  }

  /** An erased customer is dropped; so is one whose processing is restricted, which nothing may use from then on. */
  @EventPattern(['customer.customer-erased', 'customer.processing-restricted'])
  async onGone(
    @Payload() event: EventOf<'customer.customer-erased' | 'customer.processing-restricted'>,
    @Ctx() ctx: DeliveryContext,
  ) {
    await queueWrite(ctx.manager, `DELETE FROM contract.party_replica WHERE customer_id = $1`, [
      event.payload.customerId,
    ]);
  }
}
