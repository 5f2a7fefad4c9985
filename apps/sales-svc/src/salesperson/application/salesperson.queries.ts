import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { standing } from '../domain/salesperson';
import type { SalespersonStanding } from '../domain/sales-authority';
import { DepartureNoticeEntity, SalespersonEntity } from '../infrastructure/salesperson.entity';
import { SalespersonRepository } from '../infrastructure/salesperson.repository';

@Injectable()
export class SalespersonQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly salespeople: SalespersonRepository,
  ) {}

  get(salespersonId: string, manager: EntityManager = this.dataSource.manager): Promise<SalespersonEntity> {
    return this.salespeople.find(manager, salespersonId);
  }

  /** The salesperson as the authority rule sees them. */
  standing(person: SalespersonEntity): SalespersonStanding {
    return standing(person);
  }

  notices(salespersonId: string): Promise<DepartureNoticeEntity[]> {
    return this.dataSource.manager.find(DepartureNoticeEntity, {
      where: { salespersonId },
      order: { dueOn: 'ASC' },
    });
  }
}
