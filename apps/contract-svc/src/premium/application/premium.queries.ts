import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PremiumPaymentEntity } from '../../policy/infrastructure/premium-payment.entity';

@Injectable()
export class PremiumQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** A policy's payment ledger, oldest first. */
  payments(policyId: string): Promise<PremiumPaymentEntity[]> {
    return this.dataSource.manager.find(PremiumPaymentEntity, {
      where: { policyId },
      order: { paidAt: 'ASC' },
    });
  }
}
