import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@insurer/platform-database';
import type { CaseState, FinalDecision, SubmittedApplication } from '../domain/underwriting-case';

export type { FinalDecision, SubmittedApplication } from '../domain/underwriting-case';

const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** One application's underwriting, then its offer: confirmation by the applicant and the first premium. */
@Entity({ name: 'underwriting_case', schema: 'contract' })
export class UnderwritingCaseEntity implements CaseState {
  @PrimaryColumn('uuid', { name: 'application_id' }) applicationId!: string;
  @Column('jsonb') application!: SubmittedApplication;
  @Column('text') status!: 'referred' | 'assigned' | 'decided';
  @Column('text', { nullable: true }) decision!: FinalDecision | null;
  @Column('numeric', { name: 'loading_percent', nullable: true, transformer: numeric }) loadingPercent!:
    number | null;
  @Column('text', { array: true }) exclusions!: string[];
  @Column('jsonb') reasons!: { code: string; message: string }[];
  @Column('jsonb', { name: 'auto_reasons' }) autoReasons!: { code: string; message: string }[];
  @Column('text', { nullable: true }) assignee!: string | null;
  @Column('text', { name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column('text', { name: 'offer_status', nullable: true }) offerStatus!:
    'awaiting' | 'issued' | 'declined' | null;
  @Column('bigint', { name: 'offer_premium_fen', nullable: true, transformer: bigintAsNumber })
  offerPremiumFen!: number | null;
  @Column('jsonb', { nullable: true }) confirmation!: {
    signedBy: string;
    signedAt: string;
    sha256: string;
  } | null;
  @Column('jsonb', { name: 'first_payment', nullable: true }) firstPayment!: {
    paymentId: string;
    amountFen: number;
    paidAt: string;
    method: 'cash' | 'bank_transfer' | 'card' | 'direct_debit';
    payerId: string;
    payerType: 'individual' | 'corporate';
    currency?: string;
    currencyAmountMinor?: number;
  } | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
