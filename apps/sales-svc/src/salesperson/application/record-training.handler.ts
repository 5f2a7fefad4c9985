import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { Clock } from '@insurer/platform-time';
import { recordTraining } from '../domain/salesperson';
import { SalespersonRepository } from '../infrastructure/salesperson.repository';

/** Adds completed training hours to the calendar year of their completion. */
@Injectable()
export class RecordTrainingHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly salespeople: SalespersonRepository,
    private readonly clock: Clock,
  ) {}

  async execute(salespersonId: string, hours: number, completedOn: string, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const person = await this.salespeople.lock(m, salespersonId);
      return this.salespeople.save(m, person, recordTraining(person, hours, completedOn, now), now);
    });
  }
}
