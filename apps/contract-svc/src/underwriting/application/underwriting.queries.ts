import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { UnderwritingCaseEntity } from '../infrastructure/underwriting-case.entity';
import { UnderwritingCaseRepository } from '../infrastructure/underwriting-case.repository';

@Injectable()
export class UnderwritingQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: UnderwritingCaseRepository,
  ) {}

  /** The manual queue, oldest first. */
  queue(): Promise<UnderwritingCaseEntity[]> {
    return this.dataSource.manager.find(UnderwritingCaseEntity, {
      where: { status: In(['referred', 'assigned']) },
      order: { createdAt: 'ASC' },
    });
  }

  /**
   * The case; a client that asks to wait (`waitMs`, from `Prefer: wait`) is answered once contract-svc has opened it
   * from the submitted application's event, instead of polling for it.
   */
  async get(applicationId: string, waitMs = 0): Promise<UnderwritingCaseEntity> {
    // Asked until the case is there (a client polls for underwriting): the repository's reader, no query builder.
    const kase = await this.cases.findCommitted(applicationId, waitMs);
    if (!kase) throw new ResourceNotFoundError('underwriting case', applicationId);
    return kase;
  }
}
