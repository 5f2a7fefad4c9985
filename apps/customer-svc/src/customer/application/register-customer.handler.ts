import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTransaction, type Within } from '@insurer/platform-database';
import { Clock } from '@insurer/platform-time';
import { admissibleProfile, register, type Registration } from '../domain/customer';
import { CustomerAlreadyRegisteredError } from '../domain/customer.errors';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { isUniqueViolation } from './unique-violation';

export type RegisterCustomerInput = Omit<Registration, 'customerId'>;

/** Registration by REST or an integrator's command (then inside the delivery's transaction, `within`). */
@Injectable()
export class RegisterCustomerHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerRepository,
    private readonly clock: Clock,
  ) {}

  async execute(
    input: RegisterCustomerInput,
    actor: string,
    within: Within,
  ): Promise<{ customerId: string; version: number }> {
    const now = this.clock.now();
    const profile = admissibleProfile(input, now);
    const lookup = this.customers.blindIndex(profile.idType, profile.idNumber);
    const decided = register({ ...input, customerId: randomUUID() }, profile, actor, now);
    try {
      await inTransaction(this.dataSource, within, async (manager) => {
        const existing = await this.customers.findByLookup(manager, lookup);
        if (existing) throw new CustomerAlreadyRegisteredError(existing.customerId);
        await this.customers.insert(manager, decided, lookup);
      });
    } catch (err) {
      // Two registrations of one ID number racing: the unique blind index lets exactly one through.
      if (isUniqueViolation(err)) throw new CustomerAlreadyRegisteredError('(registered concurrently)');
      throw err;
    }
    return { customerId: decided.state.customerId, version: 1 };
  }
}
