import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { ApplicationEntity } from '../infrastructure/application.entity';

@Injectable()
export class ApplicationQueries {
  constructor(private readonly dataSource: DataSource) {}

  async get(applicationId: string): Promise<ApplicationEntity> {
    const application = await this.dataSource.manager.findOne(ApplicationEntity, {
      where: { applicationId },
    });
    if (!application) throw new ResourceNotFoundError('application', applicationId);
    return application;
  }
}
