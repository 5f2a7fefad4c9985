import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTransaction, type Within } from '@insurer/platform-database';
import { Clock } from '@insurer/platform-time';
import { assertNeededForPurpose, correct, type Correction } from '../domain/customer';
import { CustomerAlreadyRegisteredError } from '../domain/customer.errors';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { isUniqueViolation } from './unique-violation';
import { assertOwn } from './own-records';
import { assertSeparateConsent } from './consent.service';
import type { Principal } from '@insurer/platform-auth';

/** A correction of the profile as a new version, against the version the caller read. */
@Injectable()
export class CorrectCustomerHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerRepository,
    private readonly clock: Clock,
  ) {}

  async execute(
    customerId: string,
    input: Correction,
    who: Principal,
    within: Within,
  ): Promise<{ customerId: string; version: number; changedFields: string[] }> {
    assertOwn(who, customerId);
    const actor = who.sub;
    assertNeededForPurpose(input.purpose, Object.keys(input.changes));
    const now = this.clock.now();
    try {
      return await inTransaction(this.dataSource, within, async (manager) => {
        const customer = await this.customers.lockActive(manager, customerId);
        // Storing a bank account needs its separate consent; the ID number's change is identity (AML), not consent.
        if (input.changes.bankAccount !== undefined && input.changes.bankAccount !== null)
          await assertSeparateConsent(manager, customerId, ['bank_account']);
        const before = await this.customers.openProfile(manager, customer);
        const decided = correct(customer, before, input, actor, now);
        if (!decided) return { customerId, version: customer.version, changedFields: [] };
        if (decided.identityChanged) {
          const lookup = this.customers.blindIndex(decided.profile.idType, decided.profile.idNumber);
          const other = await this.customers.findByLookup(manager, lookup);
          if (other && other.customerId !== customerId)
            throw new CustomerAlreadyRegisteredError(other.customerId);
        }
        await this.customers.save(manager, customer, decided);
        return {
          customerId,
          version: decided.version.version,
          changedFields: Object.keys(decided.version.changes),
        };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new CustomerAlreadyRegisteredError('(registered concurrently)');
      throw err;
    }
  }
}
