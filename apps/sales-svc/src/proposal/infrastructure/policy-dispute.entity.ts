import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A dispute about a policy: a complaint (customer-svc's events, keyed by its ticket) or a claim dispute (claims-svc's,
 * keyed by the claim). While open, and for 2 years after it ends, the recording of the policy's sale is kept.
 */
@Entity({ name: 'policy_dispute', schema: 'sales' })
export class PolicyDisputeEntity {
  @PrimaryColumn('uuid', { name: 'dispute_id' }) disputeId!: string;
  @Column('text') kind!: 'complaint' | 'claim';
  @Column('uuid', { name: 'policy_id' }) policyId!: string;
  @Column('timestamptz', { name: 'opened_at' }) openedAt!: Date;
  @Column('date', { name: 'resolved_on', nullable: true }) resolvedOn!: string | null;
}
