import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { QuoteEntity } from '../infrastructure/quote.entity';

@Injectable()
export class QuoteQueries {
  constructor(private readonly dataSource: DataSource) {}

  async get(quoteId: string): Promise<QuoteEntity> {
    const quote = await this.dataSource.manager.findOne(QuoteEntity, { where: { quoteId } });
    if (!quote) throw new ResourceNotFoundError('quote', quoteId);
    return quote;
  }
}
