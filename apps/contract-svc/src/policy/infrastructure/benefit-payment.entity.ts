import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@insurer/platform-database';

/** A survival or maturity benefit paid: the payment record beside its event. */
@Entity({ name: 'benefit_payment', schema: 'contract' })
export class BenefitPaymentEntity {
  @PrimaryColumn('uuid', { name: 'policy_id' }) policyId!: string;
  @PrimaryColumn('text') kind!: 'survival' | 'maturity';
  @PrimaryColumn('integer', { name: 'policy_year' }) policyYear!: number;
  @Column('date', { name: 'due_on' }) dueOn!: string;
  @Column('bigint', { name: 'amount_fen', transformer: bigintAsNumber }) amountFen!: number;
  @Column('bigint', { name: 'loan_deducted_fen', transformer: bigintAsNumber }) loanDeductedFen!: number;
  @Column('bigint', { name: 'paid_fen', transformer: bigintAsNumber }) paidFen!: number;
  @Column('uuid', { name: 'payee_id' }) payeeId!: string;
  @Column('timestamptz', { name: 'paid_at' }) paidAt!: Date;
}
