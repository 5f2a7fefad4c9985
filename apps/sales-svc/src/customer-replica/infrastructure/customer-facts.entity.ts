import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@insurer/platform-database';

/** What sales knows of a customer, only from customer-svc's events: never a name, ID number or contact. */
@Entity({ name: 'customer_facts', schema: 'sales' })
export class CustomerFactsEntity {
  @PrimaryColumn('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('text', { name: 'customer_type' }) customerType!: string;
  @Column('text', { nullable: true }) gender!: 'male' | 'female' | null;
  @Column('date', { name: 'birth_date', nullable: true }) birthDate!: string | null;
  @Column('integer', { name: 'occupation_class', nullable: true }) occupationClass!: number | null;
  @Column('bigint', { name: 'annual_income_fen', nullable: true, transformer: bigintAsNumber })
  annualIncomeFen!: number | null;
  @Column('bigint', { name: 'household_income_fen', nullable: true, transformer: bigintAsNumber })
  householdIncomeFen!: number | null;
  @Column('bigint', { name: 'existing_cover_fen', nullable: true, transformer: bigintAsNumber })
  existingCoverFen!: number | null;
  @Column('integer', { nullable: true }) dependants!: number | null;
  @Column('text', { name: 'risk_level', nullable: true }) riskLevel!: 'C1' | 'C2' | 'C3' | 'C4' | 'C5' | null;
  @Column('date', { name: 'risk_valid_until', nullable: true }) riskValidUntil!: string | null;
  @Column('boolean', { name: 'identity_verified' }) identityVerified!: boolean;
  @Column('text', { name: 'agent_id', nullable: true }) agentId!: string | null;
  @Column('boolean') erased!: boolean;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
