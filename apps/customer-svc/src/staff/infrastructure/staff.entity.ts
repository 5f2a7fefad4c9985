import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'staff_member', schema: 'customer' })
export class StaffMemberEntity {
  @PrimaryColumn('text', { name: 'staff_id' }) staffId!: string;
  @Column('text') name!: string;
  @Column('text') role!: string;
  @Column('boolean') active!: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'training_record', schema: 'customer' })
export class TrainingRecordEntity {
  @PrimaryColumn('uuid', { name: 'record_id' }) recordId!: string;
  @Column('text', { name: 'staff_id' }) staffId!: string;
  @Column('text') topic!: string;
  @Column('numeric', {
    precision: 5,
    scale: 1,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  hours!: number;
  @Column('date', { name: 'completed_on' }) completedOn!: string;
  @Column('integer', { name: 'assessment_score', nullable: true }) assessmentScore!: number | null;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
}

@Entity({ name: 'quality_review', schema: 'customer' })
export class QualityReviewEntity {
  @PrimaryColumn('uuid', { name: 'review_id' }) reviewId!: string;
  @Column('text', { name: 'staff_id' }) staffId!: string;
  @Column('uuid', { name: 'ticket_id', nullable: true }) ticketId!: string | null;
  @Column('integer') score!: number;
  @Column('text') reviewer!: string;
  @Column('date', { name: 'reviewed_on' }) reviewedOn!: string;
  @Column('text', { nullable: true }) notes!: string | null;
}
