import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@insurer/platform-database';
import type { Consent, Relationship } from '../../suitability/domain/parties';
import type { QuoteState } from '../domain/quote';

@Entity({ name: 'quote', schema: 'sales' })
export class QuoteEntity implements QuoteState {
  @PrimaryColumn('uuid', { name: 'quote_id' }) quoteId!: string;
  /** The policyholder. */
  @Column('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('uuid', { name: 'insured_id' }) insuredId!: string;
  @Column('text', { name: 'insured_relationship' }) insuredRelationship!: Relationship;
  @Column('jsonb', { name: 'insured_consent', nullable: true }) insuredConsent!: Consent | null;
  @Column('text', { name: 'product_code' }) productCode!: string;
  @Column('integer', { name: 'product_version' }) productVersion!: number;
  @Column('bigint', { name: 'sum_insured_fen', transformer: bigintAsNumber }) sumInsuredFen!: number;
  @Column('bigint', { name: 'annual_premium_fen', transformer: bigintAsNumber }) annualPremiumFen!: number;
  @Column('bigint', { name: 'premium_fen', transformer: bigintAsNumber }) premiumFen!: number;
  @Column('text', { name: 'payment_mode' }) paymentMode!:
    'single' | 'annual' | 'semi_annual' | 'quarterly' | 'monthly';
  @Column('integer', { name: 'payment_term_years' }) paymentTermYears!: number;
  @Column('integer', { name: 'coverage_term_years' }) coverageTermYears!: number;
  @Column('integer', { name: 'entry_age' }) entryAge!: number;
  @Column('integer', { name: 'occupation_class' }) occupationClass!: number;
  @Column('text', { name: 'salesperson_id' }) salespersonId!: string;
  @Column('text') channel!: 'agent' | 'bank' | 'telesales' | 'online' | 'broker';
  @Column('text', { name: 'suitability_outcome' }) suitabilityOutcome!: string;
  @Column('jsonb', { nullable: true }) acknowledgement!: {
    signedBy: string;
    sha256: string;
    signedAt: string;
  } | null;
  @Column('date', { name: 'valid_until' }) validUntil!: string;
  @Column('timestamptz', { name: 'issued_at' }) issuedAt!: Date;
}
