import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { PrimaryKeyReader } from '@insurer/platform-database';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { UnderwritingCaseEntity } from '../infrastructure/underwriting-case.entity';

@Injectable()
export class UnderwritingQueries {
  // Asked until the case is there (a client polls for underwriting), so read without the query builder.
  private readonly byId: PrimaryKeyReader<UnderwritingCaseEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.byId = new PrimaryKeyReader(dataSource, UnderwritingCaseEntity);
  }

  /** The manual queue, oldest first. */
  queue(): Promise<UnderwritingCaseEntity[]> {
    return this.dataSource.manager.find(UnderwritingCaseEntity, {
      where: { status: In(['referred', 'assigned']) },
      order: { createdAt: 'ASC' },
    });
  }

  async get(applicationId: string): Promise<UnderwritingCaseEntity> {
    const kase = await this.byId.find(applicationId);
    if (!kase) throw new ResourceNotFoundError('underwriting case', applicationId);
    return kase;
  }
}
