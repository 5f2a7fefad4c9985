import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@insurer/platform-auth';
import { inTransaction } from '@insurer/platform-database';
import { ResourceNotFoundError } from '@insurer/platform-http';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { checkProfile, customerTypeOf, diffProfiles, type PersonalProfile } from '../domain/customer-profile';
import {
  CustomerAlreadyRegisteredError,
  CustomerDataInvalidError,
  CustomerErasedError,
  CustomerVersionConflictError,
  FieldNotNeededForPurposeError,
  UnmaskNotAllowedError,
} from '../domain/customer.errors';
import { isFactField, shareableFacts } from '../domain/customer-facts';
import {
  FIELD_CATALOGUE,
  SENSITIVE_FIELDS,
  fieldsOutsidePurpose,
  limitToPurposes,
  projectForPurpose,
  type ProfileField,
  type Purpose,
} from '../domain/field-catalogue';
import { MASKERS } from '../domain/masking';
import {
  CustomerEntity,
  DataAccessEntity,
  DataKeyEntity,
  ProfileVersionEntity,
} from '../infrastructure/customer.entity';
import { PersonalDataVault } from '../infrastructure/personal-data-vault';

export interface RegisterCustomerInput {
  readonly purpose: Purpose;
  readonly profile: PersonalProfile;
  readonly channel?: 'agent' | 'bank' | 'telesales' | 'online' | 'broker';
  readonly agentId?: string;
}

/** A correction: fields set to null are removed; absent fields are left as they are. */
export interface UpdateCustomerInput {
  readonly expectedVersion: number;
  readonly purpose: Purpose;
  readonly reason: string;
  readonly changes: Partial<Record<ProfileField, unknown>>;
}

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

/** Roles that may see sensitive fields in clear, for a stated purpose (the customer may see their own). */
export const UNMASK_ROLES = [
  'underwriter',
  'claims_handler',
  'claims_manager',
  'compliance_officer',
  'admin',
] as const;

const IDENTITY_FIELDS: readonly string[] = ['name', 'idType', 'idNumber'];

/**
 * The customer record: registration and corrections as versions, reads projected onto a purpose, every unmasked read
 * recorded. Each state change and its event commit in one transaction.
 */
@Injectable()
export class CustomerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly vault: PersonalDataVault,
  ) {}

  /** `within` is the caller's transaction when there is one (an integrator's command and its inbox row). */
  async register(
    input: RegisterCustomerInput,
    actor: string,
    within?: EntityManager,
  ): Promise<{ customerId: string; version: number }> {
    const provided = Object.keys(input.profile).filter((k) => input.profile[k as ProfileField] !== undefined);
    const outside = fieldsOutsidePurpose(input.purpose, provided);
    if (outside.length) throw new FieldNotNeededForPurposeError(input.purpose, outside);
    const now = this.clock.now();
    const checked = checkProfile(input.profile, shanghaiDate(now));
    if (!checked.ok) throw new CustomerDataInvalidError(checked.violations);
    // What the ID number proves (birth date, gender) is kept only if the purpose needs it.
    const profile = limitToPurposes([input.purpose], checked.profile);
    const lookup = this.vault.blindIndex(profile.idType, profile.idNumber);
    const customerId = randomUUID();

    try {
      await inTransaction(this.dataSource, within, async (manager) => {
        const existing = await manager.findOne(CustomerEntity, { where: { idLookup: lookup } });
        if (existing) throw new CustomerAlreadyRegisteredError(existing.customerId);
        const { key, wrapped } = this.vault.newDataKey(customerId);
        await manager.insert(CustomerEntity, {
          customerId,
          customerType: customerTypeOf(profile.idType),
          status: 'active',
          version: 1,
          idLookup: lookup,
          profile: this.vault.encrypt(key, profile, profileContext(customerId)),
          healthDeclaration: null,
          collectedFor: [input.purpose],
          identityStatus: 'unverified',
          riskLevel: null,
          riskValidUntil: null,
          retained: null,
          createdAt: now,
          updatedAt: now,
          erasedAt: null,
        });
        await manager.insert(DataKeyEntity, {
          customerId,
          wrapped,
          masterKeyId: this.vault.masterKeyId,
          createdAt: now,
        });
        await this.recordVersion(manager, key, customerId, 1, diffProfiles({} as PersonalProfile, profile), {
          reason: 'registration',
          purpose: input.purpose,
          actor,
          at: now,
        });
        await this.outbox.publish(manager, {
          type: 'customer.customer-registered',
          aggregateId: customerId,
          payload: {
            customerId,
            customerType: customerTypeOf(profile.idType),
            ...shareableFacts(profile),
            channel: input.channel,
            agentId: input.agentId,
            registeredAt: now.toISOString(),
          },
        });
      });
    } catch (err) {
      // Two registrations of one ID number racing: the unique blind index lets exactly one through.
      if (isUniqueViolation(err)) throw new CustomerAlreadyRegisteredError('(registered concurrently)');
      throw err;
    }
    return { customerId, version: 1 };
  }

  async update(
    customerId: string,
    input: UpdateCustomerInput,
    actor: string,
    within?: EntityManager,
  ): Promise<{ customerId: string; version: number; changedFields: string[] }> {
    const outside = fieldsOutsidePurpose(input.purpose, Object.keys(input.changes));
    if (outside.length) throw new FieldNotNeededForPurposeError(input.purpose, outside);
    const now = this.clock.now();

    try {
      return await inTransaction(this.dataSource, within, async (manager) => {
        const customer = await this.lockActive(manager, customerId);
        if (customer.version !== input.expectedVersion) {
          throw new CustomerVersionConflictError(input.expectedVersion, customer.version);
        }
        const key = await this.dataKey(manager, customerId);
        const before = await this.openProfile(manager, customer);
        const merged: Record<string, unknown> = { ...before };
        for (const [field, value] of Object.entries(input.changes)) {
          if (value === null) delete merged[field];
          else if (value !== undefined) merged[field] = value;
        }
        const checked = checkProfile(merged as unknown as PersonalProfile, shanghaiDate(now));
        if (!checked.ok) throw new CustomerDataInvalidError(checked.violations);
        const purposes = [...new Set([...customer.collectedFor, input.purpose])] as Purpose[];
        const after = limitToPurposes(purposes, checked.profile);
        const changes = diffProfiles(before, after);
        const changedFields = Object.keys(changes);
        if (changedFields.length === 0) return { customerId, version: customer.version, changedFields };

        const identityChanged = changedFields.some((f) => IDENTITY_FIELDS.includes(f));
        if (identityChanged) {
          const lookup = this.vault.blindIndex(after.idType, after.idNumber);
          const other = await manager.findOne(CustomerEntity, { where: { idLookup: lookup } });
          if (other && other.customerId !== customerId)
            throw new CustomerAlreadyRegisteredError(other.customerId);
          customer.idLookup = lookup;
          // A changed identity must be confirmed again before a contract.
          customer.identityStatus = 'unverified';
        }
        const version = customer.version + 1;
        customer.profile = this.vault.encrypt(key, after, profileContext(customerId));
        customer.collectedFor = purposes;
        customer.version = version;
        customer.updatedAt = now;
        await manager.save(customer);
        await this.recordVersion(manager, key, customerId, version, changes, {
          reason: input.reason,
          purpose: input.purpose,
          actor,
          at: now,
        });
        await this.outbox.publish(manager, {
          type: 'customer.profile-updated',
          aggregateId: customerId,
          payload: {
            customerId,
            profileVersion: version,
            changedFields,
            reason: input.reason,
            facts: shareableFacts(after, changedFields.filter(isFactField)),
            updatedAt: now.toISOString(),
          },
        });
        return { customerId, version, changedFields };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new CustomerAlreadyRegisteredError('(registered concurrently)');
      throw err;
    }
  }

  /**
   * The fields one purpose needs, sensitive ones masked. Unmasking needs a role allowed to, names the fields, and is
   * recorded (row and event) in the same transaction that reads them.
   */
  async read(
    customerId: string,
    purpose: Purpose,
    unmask: readonly ProfileField[],
    principal: Principal,
  ): Promise<CustomerView> {
    const invalid = unmask.filter(
      (f) => !SENSITIVE_FIELDS.includes(f) || !FIELD_CATALOGUE[purpose].includes(f),
    );
    if (invalid.length) {
      throw new UnmaskNotAllowedError(
        `only sensitive fields the purpose "${purpose}" needs can be unmasked, not ${invalid.join(', ')}`,
      );
    }
    const self = principal.customerId === customerId;
    if (
      unmask.length &&
      !self &&
      !principal.roles.some((r) => (UNMASK_ROLES as readonly string[]).includes(r))
    ) {
      throw new UnmaskNotAllowedError(`unmasking needs one of the roles ${UNMASK_ROLES.join(', ')}`);
    }
    return this.dataSource.transaction(async (manager) => {
      const customer = await this.findActive(manager, customerId);
      const profile = await this.openProfile(manager, customer);
      const projected = projectForPurpose(purpose, profile) as Record<string, unknown>;
      const masked: ProfileField[] = [];
      for (const field of SENSITIVE_FIELDS) {
        const value = projected[field];
        if (typeof value === 'string' && !unmask.includes(field)) {
          projected[field] = MASKERS[field](value);
          masked.push(field);
        }
      }
      const revealed = unmask.filter((f) => projected[f] !== undefined);
      if (revealed.length) await this.recordAccess(manager, customerId, principal, revealed, purpose);
      return {
        customerId,
        customerType: customer.customerType,
        version: customer.version,
        identityStatus: customer.identityStatus,
        riskLevel: customer.riskLevel,
        riskValidUntil: customer.riskValidUntil,
        purpose,
        profile: projected,
        masked,
      };
    });
  }

  /** Every version: who, when, why, for what purpose, and the old and new values (sensitive ones masked). */
  async history(customerId: string) {
    const manager = this.dataSource.manager;
    await this.findActive(manager, customerId);
    const key = await this.dataKey(manager, customerId);
    const versions = await manager.find(ProfileVersionEntity, {
      where: { customerId },
      order: { version: 'ASC' },
    });
    return versions.map((v) => ({
      version: v.version,
      changedFields: v.changedFields,
      reason: v.reason,
      purpose: v.purpose,
      actor: v.actor,
      recordedAt: v.recordedAt.toISOString(),
      changes: v.changes
        ? maskChanges(this.vault.decrypt(key, v.changes, versionContext(customerId, v.version)))
        : null,
    }));
  }

  /** Customer ids whose ID number matches, found through the blind index. */
  async findByIdNumber(idType: string, idNumber: string): Promise<string[]> {
    const rows = await this.dataSource.manager.find(CustomerEntity, {
      where: { idLookup: this.vault.blindIndex(idType, idNumber) },
    });
    return rows.map((r) => r.customerId);
  }

  async recordAccess(
    manager: EntityManager,
    customerId: string,
    principal: Principal,
    fields: readonly string[],
    purpose: string,
  ): Promise<void> {
    const now = this.clock.now();
    await manager.insert(DataAccessEntity, {
      accessId: randomUUID(),
      customerId,
      actor: principal.sub,
      roles: [...principal.roles],
      fields: [...fields],
      purpose,
      accessedAt: now,
    });
    await this.outbox.publish(manager, {
      type: 'customer.personal-data-accessed',
      aggregateId: customerId,
      payload: {
        customerId,
        fields: [...fields],
        purpose,
        actor: principal.sub,
        accessedAt: now.toISOString(),
      },
    });
  }

  async lockActive(manager: EntityManager, customerId: string): Promise<CustomerEntity> {
    const customer = await manager.findOne(CustomerEntity, {
      where: { customerId },
      lock: { mode: 'pessimistic_write' },
    });
    return this.assertActive(customer, customerId);
  }

  async findActive(manager: EntityManager, customerId: string): Promise<CustomerEntity> {
    return this.assertActive(await manager.findOne(CustomerEntity, { where: { customerId } }), customerId);
  }

  /** The customer's profile in clear, read with their data key inside the caller's transaction. */
  async openProfile(manager: EntityManager, customer: CustomerEntity): Promise<PersonalProfile> {
    if (!customer.profile) throw new CustomerErasedError(customer.customerId);
    const key = await this.dataKey(manager, customer.customerId);
    return this.vault.decrypt<PersonalProfile>(key, customer.profile, profileContext(customer.customerId));
  }

  async dataKey(manager: EntityManager, customerId: string): Promise<Buffer> {
    const row = await manager.findOneOrFail(DataKeyEntity, { where: { customerId } });
    return this.vault.unwrapDataKey(customerId, row.wrapped);
  }

  private assertActive(customer: CustomerEntity | null, customerId: string): CustomerEntity {
    if (!customer) throw new ResourceNotFoundError('customer', customerId);
    if (customer.status === 'erased') throw new CustomerErasedError(customerId);
    return customer;
  }

  private async recordVersion(
    manager: EntityManager,
    key: Buffer,
    customerId: string,
    version: number,
    changes: Record<string, unknown>,
    meta: { reason: string; purpose: string; actor: string; at: Date },
  ): Promise<void> {
    await manager.insert(ProfileVersionEntity, {
      customerId,
      version,
      changedFields: Object.keys(changes),
      changes: this.vault.encrypt(key, changes, versionContext(customerId, version)),
      reason: meta.reason,
      purpose: meta.purpose,
      actor: meta.actor,
      recordedAt: meta.at,
    });
  }
}

export function profileContext(customerId: string): string {
  return `customer:${customerId}:profile`;
}

export function healthContext(customerId: string): string {
  return `customer:${customerId}:health`;
}

export function versionContext(customerId: string, version: number): string {
  return `customer:${customerId}:version:${version}`;
}

function maskChanges(changes: Record<string, { from: unknown; to: unknown }>) {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, change] of Object.entries(changes)) {
    const mask = MASKERS[field];
    out[field] = mask
      ? {
          from: typeof change.from === 'string' ? mask(change.from) : change.from,
          to: typeof change.to === 'string' ? mask(change.to) : change.to,
        }
      : change;
  }
  return out;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}
