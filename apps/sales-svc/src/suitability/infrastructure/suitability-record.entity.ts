import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every suitability assessment with its outcome and reasons, kept as evidence of the sale. */
@Entity({ name: 'suitability_record', schema: 'sales' })
export class SuitabilityRecordEntity {
  @PrimaryColumn('uuid', { name: 'assessment_id' }) assessmentId!: string;
  @Column('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('text', { name: 'product_code' }) productCode!: string;
  @Column('text') stage!: 'check' | 'quote' | 'application';
  @Column('text') outcome!: string;
  @Column('jsonb') reasons!: unknown[];
  @Column('text', { name: 'salesperson_id' }) salespersonId!: string;
  @Column('timestamptz', { name: 'assessed_at' }) assessedAt!: Date;
}
