import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PrimaryKeyReader } from '@insurer/platform-database';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { registered, type SalespersonState } from '../domain/salesperson';
import { SalespersonEntity } from './salesperson.entity';

/** Salespeople; every change is saved with the standing it announces, in the caller's transaction. */
@Injectable()
export class SalespersonRepository {
  /** Every quote and application checks its salesperson by id: one statement, no query builder. */
  private readonly byId: PrimaryKeyReader<SalespersonEntity>;

  constructor(
    dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {
    this.byId = new PrimaryKeyReader(dataSource, SalespersonEntity);
  }

  async find(manager: EntityManager, salespersonId: string): Promise<SalespersonEntity> {
    const person = await this.byId.findIn(manager, salespersonId);
    if (!person) throw new ResourceNotFoundError('salesperson', salespersonId);
    return person;
  }

  lockIfExists(m: EntityManager, salespersonId: string): Promise<SalespersonEntity | null> {
    return m.findOne(SalespersonEntity, { where: { salespersonId }, lock: { mode: 'pessimistic_write' } });
  }

  async lock(m: EntityManager, salespersonId: string): Promise<SalespersonEntity> {
    const person = await this.lockIfExists(m, salespersonId);
    if (!person) throw new ResourceNotFoundError('salesperson', salespersonId);
    return person;
  }

  /** The new state over the row (or a new row), and its standing announced. */
  async save(m: EntityManager, row: SalespersonEntity | null, state: SalespersonState, now: Date) {
    const person = row ? Object.assign(row, state) : m.create(SalespersonEntity, state);
    await m.save(person);
    await this.outbox.publish(m, {
      type: 'sales.salesperson-registered',
      aggregateId: person.salespersonId,
      payload: registered(person, now),
    });
    return person;
  }
}
