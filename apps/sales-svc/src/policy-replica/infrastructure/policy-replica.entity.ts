import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@insurer/platform-database';

/** sales-svc's copy of issued policies, from contract-svc's events: for duplicate cover, the minors' cap, visits and departures. */
@Entity({ name: 'policy_replica', schema: 'sales' })
export class PolicyReplicaEntity {
  @PrimaryColumn('uuid', { name: 'policy_id' }) policyId!: string;
  @Column('uuid', { name: 'application_id' }) applicationId!: string;
  @Column('uuid', { name: 'policyholder_id' }) policyholderId!: string;
  @Column('uuid', { name: 'insured_id' }) insuredId!: string;
  @Column('text', { name: 'product_code' }) productCode!: string;
  @Column('text', { name: 'product_type' }) productType!: string;
  @Column('text', { name: 'salesperson_id' }) salespersonId!: string;
  @Column('integer', { name: 'coverage_term_years' }) coverageTermYears!: number;
  @Column('date', { name: 'effective_date' }) effectiveDate!: string;
  @Column('date', { name: 'cooling_off_ends_on' }) coolingOffEndsOn!: string;
  @Column('bigint', { name: 'sum_insured_fen', transformer: bigintAsNumber }) sumInsuredFen!: number;
  /** What the policy pays on the insured's death: the minors' cap adds these up. */
  @Column('bigint', { name: 'death_benefit_fen', transformer: bigintAsNumber }) deathBenefitFen!: number;
  @Column('text') status!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
