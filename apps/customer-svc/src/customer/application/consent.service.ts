import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { Principal } from '@insurer/platform-auth';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { ConsentRequiredError } from '../domain/customer.errors';
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
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

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
  ): Promise<ConsentEntity> {
    assertOwn(principal, input.customerId);
    const actor = principal.sub;
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
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
      await this.outbox.publish(manager, {
        type: 'customer.consent-granted',
        aggregateId: input.customerId,
        payload: {
          customerId: input.customerId,
          consentId: consent.consentId,
          purpose: input.purpose,
          noticeVersion: input.noticeVersion,
          channel: input.channel,
          grantedAt: now.toISOString(),
        },
      });
      return consent;
    });
  }

  async withdraw(consentId: string, principal: Principal): Promise<ConsentEntity> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
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
      await this.outbox.publish(manager, {
        type: 'customer.consent-withdrawn',
        aggregateId: consent.customerId,
        payload: {
          customerId: consent.customerId,
          consentId,
          purpose: consent.purpose as ConsentPurpose,
          withdrawnAt: now.toISOString(),
        },
      });
      return consent;
    });
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
  ): Promise<void> {
    assertOwn(principal, customerId);
    await this.dataSource.transaction(async (manager) => {
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
  ): Promise<HealthDeclaration | null> {
    assertOwn(principal, customerId);
    return this.dataSource.transaction(async (manager) => {
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
