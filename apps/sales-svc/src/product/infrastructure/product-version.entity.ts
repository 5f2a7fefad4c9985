import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProductDefinition } from '@insurer/contracts';
import type { CashValueRow } from '../domain/table-validation';
import type { RateRow } from '../domain/rating';

/** Everything of a product definition but its identity, version, effective date and tables. */
export type ProductTermsJson = Omit<
  ProductDefinition,
  'productId' | 'productCode' | 'version' | 'effectiveFrom' | 'cashValues' | 'rates'
> & {
  rating: Omit<NonNullable<ProductDefinition['rates']>, 'rows'>;
};

@Entity({ name: 'product_version', schema: 'sales' })
export class ProductVersionEntity {
  @Column('uuid', { name: 'product_id', unique: true }) productId!: string;
  @PrimaryColumn('text', { name: 'product_code' }) productCode!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('text') status!: 'draft' | 'published';
  @Column('jsonb') terms!: ProductTermsJson;
  @Column('jsonb', { nullable: true }) rates!: RateRow[] | null;
  @Column('jsonb', { name: 'cash_values', nullable: true }) cashValues!: CashValueRow[] | null;
  @Column('date', { name: 'effective_from', nullable: true }) effectiveFrom!: string | null;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt!: Date | null;
}
