import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { UnderwritingCaseEntity } from '../infrastructure/underwriting-case.entity';

@Injectable()
export class UnderwritingQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** The manual queue, oldest first. */
  queue(): Promise<UnderwritingCaseEntity[]> {
    return this.dataSource.manager.find(UnderwritingCaseEntity, {
      where: { status: In(['referred', 'assigned']) },
      order: { createdAt: 'ASC' },
    });
  }

  async get(applicationId: string): Promise<UnderwritingCaseEntity> {
    const kase = await this.dataSource.manager.findOne(UnderwritingCaseEntity, { where: { applicationId } });
    if (!kase) throw new ResourceNotFoundError('underwriting case', applicationId);
    return kase;
  }
}
