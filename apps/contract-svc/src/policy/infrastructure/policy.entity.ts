import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@insurer/platform-database';
import type {
  Beneficiary,
  Contact,
  PolicyLoan,
  PolicyPledge,
  PolicySnapshot,
  PolicyState,
  PolicyStatus,
  SurrenderRefund,
} from '../domain/policy';
import type { PaymentMode } from '../domain/policy-terms';

export type { PolicySnapshot, PolicyStatus } from '../domain/policy';

const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** The policy's row: exactly the aggregate's state. */
@Entity({ name: 'policy', schema: 'contract' })
export class PolicyEntity implements PolicyState {
  @PrimaryColumn('uuid', { name: 'policy_id' }) policyId!: string;
  @Column('text', { name: 'policy_number' }) policyNumber!: string;
  @Column('uuid', { name: 'application_id' }) applicationId!: string;
  @Column('text', { name: 'product_code' }) productCode!: string;
  @Column('integer', { name: 'product_version' }) productVersion!: number;
  @Column('text', { name: 'product_type' }) productType!: string;
  @Column('boolean', { name: 'is_life' }) isLife!: boolean;
  @Column('uuid', { name: 'policyholder_id' }) policyholderId!: string;
  @Column('uuid', { name: 'insured_id' }) insuredId!: string;
  @Column('text', { name: 'insured_relationship', nullable: true })
  insuredRelationship!: PolicyState['insuredRelationship'];
  @Column('date', { name: 'insured_adult_on', nullable: true }) insuredAdultOn!: string | null;
  @Column('uuid', { name: 'payer_id' }) payerId!: string;
  @Column('text', { name: 'salesperson_id' }) salespersonId!: string;
  @Column('text') channel!: 'agent' | 'bank' | 'telesales' | 'online' | 'broker';
  @Column('text') status!: PolicyStatus;
  @Column('integer') version!: number;
  @Column('bigint', { name: 'sum_insured_fen', transformer: bigintAsNumber }) sumInsuredFen!: number;
  @Column('bigint', { name: 'annual_premium_fen', transformer: bigintAsNumber }) annualPremiumFen!: number;
  @Column('bigint', { name: 'premium_fen', transformer: bigintAsNumber }) premiumFen!: number;
  @Column('text', { name: 'payment_mode' }) paymentMode!: PaymentMode;
  @Column('integer', { name: 'payment_term_years' }) paymentTermYears!: number;
  @Column('integer', { name: 'coverage_term_years' }) coverageTermYears!: number;
  @Column('integer', { name: 'entry_age' }) entryAge!: number;
  @Column('text', { name: 'insured_gender' }) insuredGender!: 'male' | 'female';
  @Column('numeric', { name: 'loading_percent', nullable: true, transformer: numeric }) loadingPercent!:
    number | null;
  @Column('text', { array: true }) exclusions!: string[];
  @Column('jsonb') beneficiaries!: Beneficiary[];
  @Column('jsonb', { nullable: true }) contact!: Contact | null;
  @Column('date', { name: 'effective_date' }) effectiveDate!: string;
  @Column('date', { name: 'expiry_date' }) expiryDate!: string;
  @Column('date', { name: 'cooling_off_ends_on' }) coolingOffEndsOn!: string;
  @Column('integer', { name: 'instalments_paid' }) instalmentsPaid!: number;
  @Column('integer', { name: 'total_instalments' }) totalInstalments!: number;
  @Column('date', { name: 'next_due_on', nullable: true }) nextDueOn!: string | null;
  @Column('bigint', { name: 'premiums_paid_fen', transformer: bigintAsNumber }) premiumsPaidFen!: number;
  @Column('date', { name: 'overdue_since', nullable: true }) overdueSince!: string | null;
  @Column('date', { name: 'grace_ends_on', nullable: true }) graceEndsOn!: string | null;
  @Column('date', { name: 'demand_notice_on', nullable: true }) demandNoticeOn!: string | null;
  @Column('date', { name: 'lapsed_on', nullable: true }) lapsedOn!: string | null;
  @Column('date', { name: 'reinstatable_until', nullable: true }) reinstatableUntil!: string | null;
  @Column('date', { name: 'ended_on', nullable: true }) endedOn!: string | null;
  @Column('text', { name: 'end_reason', nullable: true }) endReason!: string | null;
  @Column('jsonb', { nullable: true }) loan!: PolicyLoan | null;
  @Column('jsonb', { nullable: true }) pledge!: PolicyPledge | null;
  @Column('jsonb', { name: 'surrender_refund', nullable: true }) surrenderRefund!: SurrenderRefund | null;
  @Column('integer', { name: 'benefits_paid' }) benefitsPaid!: number;
  @Column('date', { name: 'next_benefit_on', nullable: true }) nextBenefitOn!: string | null;
  @Column('timestamptz', { name: 'issued_at' }) issuedAt!: Date;
}

@Entity({ name: 'policy_version', schema: 'contract' })
export class PolicyVersionEntity {
  @PrimaryColumn('uuid', { name: 'policy_id' }) policyId!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('text') kind!: string;
  @Column('jsonb') snapshot!: PolicySnapshot;
  @Column('bigint', { name: 'premium_effect_fen', transformer: bigintAsNumber }) premiumEffectFen!: number;
  @Column('date', { name: 'effective_date' }) effectiveDate!: string;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  /** The insured's signed consent the change was made with (a beneficiary change, Art. 41; a new policyholder, Art. 34). */
  @Column('jsonb', { nullable: true }) consent!: { signedAt: string; sha256: string } | null;
  /** The new policyholder's signature to a change of policyholder. */
  @Column('jsonb', { nullable: true }) signature!: { signedAt: string; sha256: string } | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
