import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A complaint about a policy, from customer-svc's events: while open, and for 2 years after, its recording is kept. */
@Entity({ name: 'policy_dispute', schema: 'sales' })
export class PolicyDisputeEntity {
  @PrimaryColumn('uuid', { name: 'ticket_id' }) ticketId!: string;
  @Column('uuid', { name: 'policy_id' }) policyId!: string;
  @Column('timestamptz', { name: 'opened_at' }) openedAt!: Date;
  @Column('date', { name: 'resolved_on', nullable: true }) resolvedOn!: string | null;
}
