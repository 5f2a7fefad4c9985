import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SurveyTrigger = 'policy_issued' | 'claim_paid' | 'ticket';

@Entity({ name: 'survey', schema: 'customer' })
export class SurveyEntity {
  @PrimaryColumn('uuid', { name: 'survey_id' }) surveyId!: string;
  @Column('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('text') trigger!: SurveyTrigger;
  @Column('uuid', { name: 'policy_id', nullable: true }) policyId!: string | null;
  @Column('uuid', { name: 'claim_id', nullable: true }) claimId!: string | null;
  @Column('uuid', { name: 'ticket_id', nullable: true }) ticketId!: string | null;
  @Column('text', { name: 'product_code', nullable: true }) productCode!: string | null;
  @Column('text', { name: 'salesperson_id', nullable: true }) salespersonId!: string | null;
  @Column('timestamptz', { name: 'sent_at' }) sentAt!: Date;
  @Column('timestamptz', { name: 'answered_at', nullable: true }) answeredAt!: Date | null;
  @Column('integer', { nullable: true }) csat!: number | null;
  @Column('integer', { nullable: true }) nps!: number | null;
  @Column('text', { nullable: true }) comment!: string | null;
}
