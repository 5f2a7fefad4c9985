import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProductDefinition } from '@insurer/contracts';

/** contract-svc's copy of each product version, from sales.product-published; policies read their own version. */
@Entity({ name: 'product_replica', schema: 'contract' })
export class ProductReplicaEntity {
  @PrimaryColumn('text', { name: 'product_code' }) productCode!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('jsonb') definition!: ProductDefinition;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
}
