import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@insurer/platform-auth';
import { ColumnReader, PrimaryKeyReader, RowWriter } from '@insurer/platform-database';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { personalDataAccessed, type CustomerDecided, type ProfileVersion } from '../domain/customer';
import type { PersonalProfile } from '../domain/customer-profile';
import { CustomerErasedError, CustomerRestrictedError } from '../domain/customer.errors';
import { CustomerEntity, DataAccessEntity, DataKeyEntity, ProfileVersionEntity } from './customer.entity';
import { PersonalDataVault } from './personal-data-vault';
import { profileContext, versionContext } from './sealing';

/**
 * Customers as stored: the profile sealed under the customer's own data key (itself wrapped by the master key), the
 * ID number findable only through its blind index, every version and every unmasked read recorded. Writes go
 * through the caller's transaction with their events.
 */
@Injectable()
export class CustomerRepository {
  // Writes nothing waits for, sent with the transaction's next statement or its COMMIT.
  private readonly rows: RowWriter<CustomerEntity>;
  private readonly keys: RowWriter<DataKeyEntity>;
  private readonly versionRows: RowWriter<ProfileVersionEntity>;
  private readonly accessRows: RowWriter<DataAccessEntity>;
  // Every command reads its customer and key by id: one statement made once, no query builder.
  private readonly byId: PrimaryKeyReader<CustomerEntity>;
  private readonly keyById: PrimaryKeyReader<DataKeyEntity>;
  private readonly byLookup: ColumnReader<CustomerEntity>;

  constructor(
    dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly vault: PersonalDataVault,
  ) {
    this.rows = new RowWriter(dataSource, CustomerEntity);
    this.keys = new RowWriter(dataSource, DataKeyEntity);
    this.versionRows = new RowWriter(dataSource, ProfileVersionEntity);
    this.accessRows = new RowWriter(dataSource, DataAccessEntity);
    this.byId = new PrimaryKeyReader(dataSource, CustomerEntity);
    this.keyById = new PrimaryKeyReader(dataSource, DataKeyEntity);
    this.byLookup = new ColumnReader(dataSource, CustomerEntity, 'idLookup');
  }

  blindIndex(idType: string, idNumber: string): Buffer {
    return this.vault.blindIndex(idType, idNumber);
  }

  findByLookup(manager: EntityManager, lookup: Buffer): Promise<CustomerEntity | null> {
    return this.byLookup.findOneIn(manager, lookup);
  }

  async lockActive(manager: EntityManager, customerId: string): Promise<CustomerEntity> {
    return this.assertActive(await this.byId.findForUpdateIn(manager, customerId), customerId);
  }

  async findActive(manager: EntityManager, customerId: string): Promise<CustomerEntity> {
    return this.assertActive(await this.byId.findIn(manager, customerId), customerId);
  }

  /** The customer's profile in clear, read with their data key inside the caller's transaction. */
  async openProfile(manager: EntityManager, customer: CustomerEntity): Promise<PersonalProfile> {
    if (!customer.profile) throw new CustomerErasedError(customer.customerId);
    return this.open(customer.customerId, customer.profile, await this.dataKey(manager, customer.customerId));
  }

  /**
   * `lockActive` and `openProfile` with the row and the data key read together, in one round trip: the key's read
   * follows the lock on the wire, so it sees what the lock waited for, as it would after it.
   */
  async lockActiveAndOpen(
    manager: EntityManager,
    customerId: string,
  ): Promise<{ customer: CustomerEntity; profile: PersonalProfile }> {
    const [row, keyRow] = await Promise.all([
      this.byId.findForUpdateIn(manager, customerId),
      this.keyById.findIn(manager, customerId),
    ]);
    const customer = this.assertActive(row, customerId);
    if (!customer.profile) throw new CustomerErasedError(customerId);
    return { customer, profile: this.open(customerId, customer.profile, this.unwrap(customerId, keyRow)) };
  }

  async dataKey(manager: EntityManager, customerId: string): Promise<Buffer> {
    return this.unwrap(customerId, await this.keyById.findIn(manager, customerId));
  }

  private open(
    customerId: string,
    sealed: NonNullable<CustomerEntity['profile']>,
    key: Buffer,
  ): PersonalProfile {
    return this.vault.decrypt<PersonalProfile>(key, sealed, profileContext(customerId));
  }

  private unwrap(customerId: string, row: DataKeyEntity | null): Buffer {
    if (!row) throw new Error(`customer ${customerId} has no data key`);
    return this.vault.unwrapDataKey(customerId, row.wrapped);
  }

  /** A new customer: a data key of their own, the sealed profile, version 1 and the registration event. */
  async insert(manager: EntityManager, decided: CustomerDecided, lookup: Buffer): Promise<void> {
    const { customerId } = decided.state;
    const now = decided.version.at;
    const { key, wrapped } = this.vault.newDataKey(customerId);
    await this.rows.write(manager, [
      {
        ...decided.state,
        idLookup: lookup,
        profile: this.vault.encrypt(key, decided.profile, profileContext(customerId)),
        healthDeclaration: null,
        retained: null,
        createdAt: now,
        updatedAt: now,
        erasedAt: null,
      },
    ]);
    await this.keys.write(manager, [
      { customerId, wrapped, masterKeyId: this.vault.masterKeyId, createdAt: now },
    ]);
    await this.recordVersion(manager, key, customerId, decided.version);
    await this.outbox.publishAll(manager, decided.events);
  }

  /** A new version over the locked row: the profile sealed again, the blind index when the identity changed. */
  async save(manager: EntityManager, row: CustomerEntity, decided: CustomerDecided): Promise<void> {
    const key = await this.dataKey(manager, row.customerId);
    Object.assign(row, decided.state);
    if (decided.identityChanged)
      row.idLookup = this.blindIndex(decided.profile.idType, decided.profile.idNumber);
    row.profile = this.vault.encrypt(key, decided.profile, profileContext(row.customerId));
    row.updatedAt = decided.version.at;
    await this.rows.update(manager, row);
    await this.recordVersion(manager, key, row.customerId, decided.version);
    await this.outbox.publishAll(manager, decided.events);
  }

  /** A row this transaction holds (`lockActive`, `lockStored`) written back as it now is, without a new version. */
  writeBack(manager: EntityManager, row: CustomerEntity): Promise<void> {
    return this.rows.update(manager, row);
  }

  /** Every version with its changes opened (the caller masks them). */
  async versions(manager: EntityManager, customerId: string) {
    const key = await this.dataKey(manager, customerId);
    const versions = await manager.find(ProfileVersionEntity, {
      where: { customerId },
      order: { version: 'ASC' },
    });
    return versions.map((v) => ({
      ...v,
      opened: v.changes
        ? this.vault.decrypt<Record<string, { from: unknown; to: unknown }>>(
            key,
            v.changes,
            versionContext(customerId, v.version),
          )
        : null,
    }));
  }

  /** An unmasked read: the access row and its event, in the transaction that reads the fields. */
  async recordAccess(
    manager: EntityManager,
    customerId: string,
    principal: Principal,
    fields: readonly string[],
    purpose: string,
  ): Promise<void> {
    const now = this.clock.now();
    await this.accessRows.write(manager, [
      {
        accessId: randomUUID(),
        customerId,
        actor: principal.sub,
        roles: [...principal.roles],
        fields: [...fields],
        purpose,
        accessedAt: now,
      },
    ]);
    await this.outbox.publish(manager, personalDataAccessed(customerId, principal, fields, purpose, now));
  }

  private async recordVersion(manager: EntityManager, key: Buffer, customerId: string, v: ProfileVersion) {
    await this.versionRows.write(manager, [
      {
        customerId,
        version: v.version,
        changedFields: Object.keys(v.changes),
        changes: this.vault.encrypt(key, v.changes, versionContext(customerId, v.version)),
        reason: v.reason,
        purpose: v.purpose,
        actor: v.actor,
        recordedAt: v.at,
      },
    ]);
  }

  /**
   * The customer for what the data subject's own rights and the law still allow on restricted data (export, the
   * erasure request itself, reads with a legal basis): active or restricted, never erased.
   */
  async lockStored(manager: EntityManager, customerId: string): Promise<CustomerEntity> {
    return this.assertStored(await this.byId.findForUpdateIn(manager, customerId), customerId);
  }

  async findStored(manager: EntityManager, customerId: string): Promise<CustomerEntity> {
    return this.assertStored(await this.byId.findIn(manager, customerId), customerId);
  }

  /** Every other use: a restricted customer's data is not processed (PIPL Art. 47). */
  private assertActive(customer: CustomerEntity | null, customerId: string): CustomerEntity {
    const stored = this.assertStored(customer, customerId);
    if (stored.status === 'restricted') throw new CustomerRestrictedError(customerId, stored.retainedUntil);
    return stored;
  }

  private assertStored(customer: CustomerEntity | null, customerId: string): CustomerEntity {
    if (!customer) throw new ResourceNotFoundError('customer', customerId);
    if (customer.status === 'erased') throw new CustomerErasedError(customerId);
    return customer;
  }
}
