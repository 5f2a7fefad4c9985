import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@insurer/platform-database';

@Entity({ name: 'premium_payment', schema: 'contract' })
export class PremiumPaymentEntity {
  @PrimaryColumn('uuid', { name: 'payment_id' }) paymentId!: string;
  @Column('uuid', { name: 'application_id' }) applicationId!: string;
  @Column('uuid', { name: 'policy_id', nullable: true }) policyId!: string | null;
  @Column('bigint', { name: 'amount_fen', transformer: bigintAsNumber }) amountFen!: number;
  @Column('date', { name: 'due_on' }) dueOn!: string;
  @Column('timestamptz', { name: 'paid_at' }) paidAt!: Date;
  @Column('text') method!: 'cash' | 'bank_transfer' | 'card' | 'direct_debit';
  @Column('uuid', { name: 'payer_id' }) payerId!: string;
  @Column('text', { name: 'payer_type' }) payerType!: 'individual' | 'corporate';
  @Column('text') kind!: 'first' | 'renewal' | 'arrears';
  @Column('text', { nullable: true }) currency!: string | null;
  @Column('bigint', { name: 'currency_amount_minor', nullable: true, transformer: bigintAsNumber })
  currencyAmountMinor!: number | null;
}
