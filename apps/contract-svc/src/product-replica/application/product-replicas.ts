import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ProductDefinition } from '@insurer/contracts';
import { ImmutableRows } from '@insurer/platform-database';
import { ProductReplicaEntity } from '../infrastructure/product-replica.entity';

/**
 * The product versions received from sales. A published version never changes, and its definition (terms, rate and
 * cash-value tables) is large JSON, so each is read once per process instead of on every application and issue.
 */
@Injectable()
export class ProductReplicas {
  private readonly versions: ImmutableRows<ProductReplicaEntity>;

  constructor(dataSource: DataSource) {
    this.versions = ImmutableRows.of(dataSource, ProductReplicaEntity);
  }

  /** The version's definition, or null while it has not been received. */
  async definition(
    m: EntityManager,
    productCode: string,
    version: number,
  ): Promise<ProductDefinition | null> {
    return (await this.versions.get(m, productCode, version))?.definition ?? null;
  }
}
