import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProductDefinition } from '@insurer/contracts';
import { bigintAsNumber } from '@insurer/platform-database';

@Entity({ name: 'product_replica', schema: 'claims' })
export class ClaimsProductReplicaEntity {
  @PrimaryColumn('text', { name: 'product_code' }) productCode!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('jsonb') definition!: ProductDefinition;
}

/** claims-svc's copy of a policy's cover and status, from contract-svc's events. */
@Entity({ name: 'policy_replica', schema: 'claims' })
export class ClaimsPolicyReplicaEntity {
  @PrimaryColumn('uuid', { name: 'policy_id' }) policyId!: string;
  @Column('uuid', { name: 'policyholder_id' }) policyholderId!: string;
  @Column('uuid', { name: 'insured_id' }) insuredId!: string;
  @Column('text', { name: 'product_code' }) productCode!: string;
  @Column('integer', { name: 'product_version' }) productVersion!: number;
  @Column('boolean', { name: 'is_life' }) isLife!: boolean;
  @Column('bigint', { name: 'sum_insured_fen', transformer: bigintAsNumber }) sumInsuredFen!: number;
  @Column('date', { name: 'effective_date' }) effectiveDate!: string;
  @Column('date', { name: 'expiry_date' }) expiryDate!: string;
  @Column('text') status!: string;
  @Column('date', { name: 'ended_on', nullable: true }) endedOn!: string | null;
  @Column('jsonb') suspensions!: { from: string; to: string | null }[];
  /** The beneficiaries as last issued or endorsed: who takes a death benefit. */
  @Column('jsonb') beneficiaries!: {
    name: string;
    relationship: string;
    sharePercent: number;
    customerId?: string;
  }[];
  /** The policy loan outstanding, as contract-svc last announced it; a claim deducts it with its interest. */
  @Column('jsonb', { nullable: true }) loan!: {
    principalFen: number;
    annualRatePercent: number;
    termMonths: number;
    periodStart: string;
  } | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
