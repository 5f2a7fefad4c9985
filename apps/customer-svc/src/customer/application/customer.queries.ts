import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@insurer/platform-auth';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { SENSITIVE_FIELD_CONSENT, assertSeparateConsent } from './consent.service';
import { assertMayUnmask, maskChanges, projectForReader } from '../domain/customer';
import type { ProfileField, Purpose } from '../domain/field-catalogue';
import { CustomerEntity } from '../infrastructure/customer.entity';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { assertOwn } from './own-records';

export interface CustomerView {
  readonly customerId: string;
  readonly customerType: string;
  readonly version: number;
  readonly identityStatus: string;
  readonly riskLevel: string | null;
  readonly riskValidUntil: string | null;
  readonly purpose: Purpose;
  readonly profile: Partial<Record<ProfileField, unknown>>;
  readonly masked: ProfileField[];
}

/** Reads of the customer record: projected onto one purpose, every unmasked read recorded with its event. */
@Injectable()
export class CustomerQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerRepository,
  ) {}

  async read(
    customerId: string,
    purpose: Purpose,
    unmask: readonly ProfileField[],
    principal: Principal,
    ctx: RequestContext,
  ): Promise<CustomerView> {
    assertOwn(principal, customerId);
    assertMayUnmask(purpose, unmask, { self: principal.customerId === customerId, roles: principal.roles });
    return transaction(this.dataSource, ctx, async (manager) => {
      const customer = await this.customers.findActive(manager, customerId);
      // Staff see a sensitive field in clear only with the customer's separate consent for it; the customer always.
      if (principal.customerId !== customerId)
        await assertSeparateConsent(
          manager,
          customerId,
          unmask.flatMap((field) => SENSITIVE_FIELD_CONSENT[field] ?? []),
        );
      const shown = projectForReader(await this.customers.openProfile(manager, customer), purpose, unmask);
      if (shown.revealed.length)
        await this.customers.recordAccess(manager, customerId, principal, shown.revealed, purpose);
      return {
        customerId,
        customerType: customer.customerType,
        version: customer.version,
        identityStatus: customer.identityStatus,
        riskLevel: customer.riskLevel,
        riskValidUntil: customer.riskValidUntil,
        purpose,
        profile: shown.profile,
        masked: shown.masked,
      };
    });
  }

  /** Every version: who, when, why, for what purpose, and the old and new values (sensitive ones masked). */
  async history(customerId: string, principal: Principal) {
    assertOwn(principal, customerId);
    const manager = this.dataSource.manager;
    await this.customers.findActive(manager, customerId);
    return (await this.customers.versions(manager, customerId)).map((v) => ({
      version: v.version,
      changedFields: v.changedFields,
      reason: v.reason,
      purpose: v.purpose,
      actor: v.actor,
      recordedAt: v.recordedAt.toISOString(),
      changes: v.opened ? maskChanges(v.opened) : null,
    }));
  }

  /** Customer ids whose ID number matches, found through the blind index. */
  async findByIdNumber(idType: string, idNumber: string): Promise<string[]> {
    const rows = await this.dataSource.manager.find(CustomerEntity, {
      where: { idLookup: this.customers.blindIndex(idType, idNumber) },
    });
    return rows.map((r) => r.customerId);
  }
}
