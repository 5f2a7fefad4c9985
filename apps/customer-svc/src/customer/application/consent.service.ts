import { ConsentPurpose as ConsentPurposeV1 } from '@insurer/contracts';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import type { Principal } from '@insurer/platform-auth';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { ConsentRequiredError } from '../domain/customer.errors';
import { correct } from '../domain/customer';
import type { Purpose } from '../domain/field-catalogue';
import { ConsentEntity, CustomerEntity } from '../infrastructure/customer.entity';
import { PersonalDataVault } from '../infrastructure/personal-data-vault';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { healthContext } from '../infrastructure/sealing';
import { assertOwn } from './own-records';
import { ConsentAlreadyGrantedError, ConsentAlreadyWithdrawnError } from '../domain/consent.errors';

export const CONSENT_PURPOSES = [
  'quotation',
  'underwriting',
  'claims',
  'service',
  'marketing',
  'health_data',
  'id_number',
  'bank_account',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/**
 * Sensitive personal information needs its own separate consent (PIPL Art. 29), one per kind: the health declaration
 * (`health_data`), and to use the ID number or the bank account beyond what the law itself requires (`id_number`,
 * `bank_account`). Collecting and checking the ID number at registration is identity verification the AML rules
 * require (PIPL Art. 13(1)(3)); showing it in clear to staff, like storing and showing a bank account, is not.
 */
export const SENSITIVE_FIELD_CONSENT: Readonly<Partial<Record<string, ConsentPurpose>>> = {
  idNumber: 'id_number',
  bankAccount: 'bank_account',
};

/**
 * Version 1 of the consent events, for consumers that have not moved to version 2, where its purposes reach: a
 * sensitive kind version 1 does not know goes out as version 2 only.
 */
function alsoAsV1<E extends { payload: { purpose: ConsentPurpose } }>(event: E): (E & { version: 1 })[] {
  return (ConsentPurposeV1.options as readonly string[]).includes(event.payload.purpose)
    ? [{ ...event, version: 1 }]
    : [];
}

/** Throws ConsentRequiredError for the first kind among `purposes` the customer has no active consent for. */
export async function assertSeparateConsent(
  manager: EntityManager,
  customerId: string,
  purposes: readonly ConsentPurpose[],
): Promise<void> {
  if (purposes.length === 0) return;
  const active = await manager.find(ConsentEntity, {
    select: { purpose: true },
    where: { customerId, withdrawnAt: IsNull() },
  });
  const missing = purposes.find((p) => !active.some((c) => c.purpose === p));
  if (missing) throw new ConsentRequiredError(missing);
}

export interface HealthDeclaration {
  readonly answers: readonly { questionId: string; answer: boolean; details?: string }[];
  readonly heightCm?: number;
  readonly weightKg?: number;
}

/**
 * Consents per purpose (PIPL Arts. 14-16) and the health declaration that needs its own separate consent (Art. 29).
 * Withdrawal takes effect in the same transaction that announces it; withdrawing `health_data` deletes the declaration
 * (Art. 47).
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly vault: PersonalDataVault,
    private readonly customers: CustomerRepository,
  ) {}

  async grant(
    input: { customerId: string; purpose: ConsentPurpose; noticeVersion: string; channel: string },
    principal: Principal,
    ctx: RequestContext,
  ): Promise<ConsentEntity> {
    assertOwn(principal, input.customerId);
    const actor = principal.sub;
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (manager) => {
      await this.customers.lockActive(manager, input.customerId);
      const active = await this.activeConsent(manager, input.customerId, input.purpose);
      if (active) throw new ConsentAlreadyGrantedError(active.consentId);
      const consent = manager.create(ConsentEntity, {
        consentId: randomUUID(),
        customerId: input.customerId,
        purpose: input.purpose,
        noticeVersion: input.noticeVersion,
        channel: input.channel,
        grantedBy: actor,
        grantedAt: now,
        withdrawnAt: null,
      });
      await manager.insert(ConsentEntity, consent);
      const granted = {
        type: 'customer.consent-granted' as const,
        aggregateId: input.customerId,
        payload: {
          customerId: input.customerId,
          consentId: consent.consentId,
          purpose: input.purpose,
          noticeVersion: input.noticeVersion,
          channel: input.channel,
          grantedAt: now.toISOString(),
        },
      };
      await this.outbox.publishAll(manager, [granted, ...alsoAsV1(granted)]);
      return consent;
    });
  }

  async withdraw(consentId: string, principal: Principal, ctx: RequestContext): Promise<ConsentEntity> {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (manager) => {
      const consent = await manager.findOne(ConsentEntity, {
        where: { consentId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!consent) throw new ResourceNotFoundError('consent', consentId);
      assertOwn(principal, consent.customerId);
      if (consent.withdrawnAt) throw new ConsentAlreadyWithdrawnError();
      consent.withdrawnAt = now;
      await manager.save(consent);
      if (consent.purpose === 'health_data') {
        await manager.update(
          CustomerEntity,
          { customerId: consent.customerId },
          { healthDeclaration: null, updatedAt: now },
        );
      }
      // Without its consent the bank account is no longer kept: removed in a new version of the profile (Art. 47).
      if (consent.purpose === 'bank_account')
        await this.dropBankAccount(manager, consent.customerId, principal.sub, now);
      const withdrawn = {
        type: 'customer.consent-withdrawn' as const,
        aggregateId: consent.customerId,
        payload: {
          customerId: consent.customerId,
          consentId,
          purpose: consent.purpose as ConsentPurpose,
          withdrawnAt: now.toISOString(),
        },
      };
      await this.outbox.publishAll(manager, [withdrawn, ...alsoAsV1(withdrawn)]);
      return consent;
    });
  }

  private async dropBankAccount(manager: EntityManager, customerId: string, actor: string, now: Date) {
    const { customer, profile: before } = await this.customers.lockActiveAndOpen(manager, customerId);
    if (before.bankAccount === undefined) return;
    const decided = correct(
      customer,
      before,
      {
        expectedVersion: customer.version,
        purpose: customer.collectedFor[0] as Purpose,
        reason: 'bank_account consent withdrawn',
        changes: { bankAccount: null },
      },
      actor,
      now,
    );
    if (decided) await this.customers.save(manager, customer, decided);
  }

  async list(customerId: string, principal: Principal): Promise<ConsentEntity[]> {
    assertOwn(principal, customerId);
    return this.dataSource.manager.find(ConsentEntity, {
      where: { customerId },
      order: { grantedAt: 'ASC' },
    });
  }

  async declareHealth(
    customerId: string,
    declaration: HealthDeclaration,
    principal: Principal,
    ctx: RequestContext,
  ): Promise<void> {
    assertOwn(principal, customerId);
    await transaction(this.dataSource, ctx, async (manager) => {
      const customer = await this.customers.lockActive(manager, customerId);
      if (!(await this.activeConsent(manager, customerId, 'health_data'))) {
        throw new ConsentRequiredError('health_data');
      }
      const key = await this.customers.dataKey(manager, customerId);
      customer.healthDeclaration = this.vault.encrypt(key, declaration, healthContext(customerId));
      customer.updatedAt = this.clock.now();
      await manager.save(customer);
    });
  }

  /** The declaration in clear for underwriting or claims, recorded as an access; refused once consent is withdrawn. */
  async readHealth(
    customerId: string,
    purpose: string,
    principal: Principal,
    ctx: RequestContext,
  ): Promise<HealthDeclaration | null> {
    assertOwn(principal, customerId);
    return transaction(this.dataSource, ctx, async (manager) => {
      const customer = await this.customers.findActive(manager, customerId);
      if (!(await this.activeConsent(manager, customerId, 'health_data'))) {
        throw new ConsentRequiredError('health_data');
      }
      if (!customer.healthDeclaration) return null;
      const key = await this.customers.dataKey(manager, customerId);
      await this.customers.recordAccess(manager, customerId, principal, ['healthDeclaration'], purpose);
      return this.vault.decrypt<HealthDeclaration>(
        key,
        customer.healthDeclaration,
        healthContext(customerId),
      );
    });
  }

  private activeConsent(manager: EntityManager, customerId: string, purpose: string) {
    return manager.findOne(ConsentEntity, { where: { customerId, purpose, withdrawnAt: IsNull() } });
  }
}
