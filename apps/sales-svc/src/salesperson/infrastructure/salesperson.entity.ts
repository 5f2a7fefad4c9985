import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SalespersonGrade } from '../domain/sales-authority';
import type { SalespersonState } from '../domain/salesperson';

@Entity({ name: 'salesperson', schema: 'sales' })
export class SalespersonEntity implements SalespersonState {
  @PrimaryColumn('text', { name: 'salesperson_id' }) salespersonId!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) grade!: SalespersonGrade | null;
  @Column('text', { name: 'licence_number', nullable: true }) licenceNumber!: string | null;
  @Column('date', { name: 'licence_valid_until', nullable: true }) licenceValidUntil!: string | null;
  /** Completed training hours per calendar year in Shanghai ('2026': 31.5); the annual requirement reads two of them. */
  @Column('jsonb', { name: 'training_hours_by_year' }) trainingHoursByYear!: Record<string, number>;
  @Column('text') status!: 'active' | 'suspended' | 'departed';
  @Column('date', { name: 'departed_on', nullable: true }) departedOn!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity({ name: 'departure_notice', schema: 'sales' })
export class DepartureNoticeEntity {
  @PrimaryColumn('uuid', { name: 'notice_id' }) noticeId!: string;
  @Column('text', { name: 'salesperson_id' }) salespersonId!: string;
  @Column('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('uuid', { name: 'policy_id' }) policyId!: string;
  @Column('date', { name: 'due_on' }) dueOn!: string;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt!: Date | null;
}

@Entity({ name: 'pipeline_entry', schema: 'sales' })
export class PipelineEntryEntity {
  @PrimaryColumn('uuid', { name: 'entry_id' }) entryId!: string;
  @Column('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('text', { name: 'salesperson_id' }) salespersonId!: string;
  @Column('text', { name: 'product_code', nullable: true }) productCode!: string | null;
  @Column('text') stage!:
    'lead' | 'needs_analysed' | 'quoted' | 'applied' | 'issued' | 'declined' | 'withdrawn';
  @Column('uuid', { name: 'quote_id', nullable: true }) quoteId!: string | null;
  @Column('uuid', { name: 'application_id', nullable: true }) applicationId!: string | null;
  @Column('uuid', { name: 'policy_id', nullable: true }) policyId!: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
