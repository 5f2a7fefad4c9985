import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ApplicationState } from '../domain/application';

@Entity({ name: 'application', schema: 'sales' })
export class ApplicationEntity implements ApplicationState {
  @PrimaryColumn('uuid', { name: 'application_id' }) applicationId!: string;
  @Column('uuid', { name: 'quote_id' }) quoteId!: string;
  @Column('uuid', { name: 'policyholder_id' }) policyholderId!: string;
  @Column('uuid', { name: 'insured_id' }) insuredId!: string;
  @Column('uuid', { name: 'payer_id' }) payerId!: string;
  @Column('text', { name: 'payer_relationship' }) payerRelationship!: string;
  @Column('text', { name: 'salesperson_id' }) salespersonId!: string;
  @Column('jsonb', { name: 'health_answers' }) healthAnswers!: {
    questionId: string;
    answer: boolean;
    details?: string;
  }[];
  @Column('numeric', { name: 'height_cm', nullable: true }) heightCm!: string | null;
  @Column('numeric', { name: 'weight_kg', nullable: true }) weightKg!: string | null;
  @Column('jsonb') beneficiaries!: { name: string; relationship: string; sharePercent: number }[];
  @Column('jsonb') signature!: { signedBy: string; signedAt: string; sha256: string };
  @Column('jsonb', { name: 'dual_recording', nullable: true }) dualRecording!: {
    reference: string;
    sha256: string;
    durationSeconds: number;
    checklist: string[];
  } | null;
  @Column('date', { name: 'recording_retained_until', nullable: true }) recordingRetainedUntil!:
    string | null;
  @Column('text') status!: 'submitted' | 'issued' | 'declined' | 'withdrawn';
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt!: Date;
}
