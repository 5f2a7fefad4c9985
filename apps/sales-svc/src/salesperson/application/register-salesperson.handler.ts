import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { Clock } from '@insurer/platform-time';
import { register, type SalespersonInput } from '../domain/salesperson';
import { SalespersonRepository } from '../infrastructure/salesperson.repository';

/** Registers or updates a salesperson (grade, licence, status) and announces the new standing. */
@Injectable()
export class RegisterSalespersonHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly salespeople: SalespersonRepository,
    private readonly clock: Clock,
  ) {}

  async execute(input: SalespersonInput, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const existing = await this.salespeople.lockIfExists(m, input.salespersonId);
      return this.salespeople.save(m, existing, register(existing, input, now), now);
    });
  }
}
