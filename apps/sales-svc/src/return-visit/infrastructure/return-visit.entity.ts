import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'return_visit', schema: 'sales' })
export class ReturnVisitEntity {
  @PrimaryColumn('uuid', { name: 'visit_id' }) visitId!: string;
  @Column('uuid', { name: 'policy_id' }) policyId!: string;
  @Column('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('text', { name: 'salesperson_id' }) salespersonId!: string;
  @Column('date', { name: 'due_on' }) dueOn!: string;
  @Column('text') status!: 'scheduled' | 'completed' | 'overdue';
  @Column('boolean', { nullable: true }) reached!: boolean | null;
  @Column('boolean', { name: 'identity_confirmed', nullable: true }) identityConfirmed!: boolean | null;
  @Column('boolean', { name: 'terms_understood', nullable: true }) termsUnderstood!: boolean | null;
  @Column('boolean', { name: 'wants_to_withdraw', nullable: true }) wantsToWithdraw!: boolean | null;
  @Column('text', { nullable: true }) notes!: string | null;
  @Column('timestamptz', { name: 'scheduled_at' }) scheduledAt!: Date;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt!: Date | null;
  @Column('timestamptz', { name: 'overdue_at', nullable: true }) overdueAt!: Date | null;
}
