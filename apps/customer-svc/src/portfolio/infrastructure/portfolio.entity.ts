import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@insurer/platform-database';

/** customer-svc's own copy of what contract-svc announced about a policy, for the 360 view and surveys. */
@Entity({ name: 'policy_view', schema: 'customer' })
export class PolicyViewEntity {
  @PrimaryColumn('uuid', { name: 'policy_id' }) policyId!: string;
  @Column('text', { name: 'policy_number' }) policyNumber!: string;
  @Column('uuid', { name: 'policyholder_id' }) policyholderId!: string;
  @Column('uuid', { name: 'insured_id' }) insuredId!: string;
  @Column('text', { name: 'product_code' }) productCode!: string;
  @Column('text', { name: 'product_type' }) productType!: string;
  @Column('text') status!: string;
  @Column('bigint', { name: 'premium_fen', transformer: bigintAsNumber }) premiumFen!: number;
  @Column('bigint', { name: 'sum_insured_fen', transformer: bigintAsNumber }) sumInsuredFen!: number;
  @Column('date', { name: 'effective_date' }) effectiveDate!: string;
  @Column('date', { name: 'expiry_date' }) expiryDate!: string;
  /** The day the contract ended (withdrawn, surrendered, terminated): retention periods run from it. */
  @Column('date', { name: 'ended_on', nullable: true }) endedOn!: string | null;
  @Column('text', { name: 'salesperson_id' }) salespersonId!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** customer-svc's own copy of a claim's progress, from claims-svc's events. */
@Entity({ name: 'claim_view', schema: 'customer' })
export class ClaimViewEntity {
  @PrimaryColumn('uuid', { name: 'claim_id' }) claimId!: string;
  @Column('uuid', { name: 'policy_id' }) policyId!: string;
  @Column('uuid', { name: 'insured_id' }) insuredId!: string;
  @Column('text', { name: 'claim_type' }) claimType!: string;
  @Column('text') status!: string;
  @Column('bigint', { name: 'amount_claimed_fen', transformer: bigintAsNumber }) amountClaimedFen!: number;
  @Column('bigint', { name: 'amount_paid_fen', nullable: true, transformer: bigintAsNumber })
  amountPaidFen!: number | null;
  @Column('timestamptz', { name: 'reported_at' }) reportedAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
