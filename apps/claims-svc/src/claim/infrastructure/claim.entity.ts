import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@insurer/platform-database';
import type { Assessment, ClaimState, ClaimStatus, RejectionReason } from '../domain/claim';
import type { Beneficiary } from '../domain/beneficiaries';
import type { CauseOfDeath, ClaimType } from '../domain/intake';
import type { TimerKind } from '../domain/statutory-timers';

export type { Assessment, ClaimStatus } from '../domain/claim';

/** The claim's row: the aggregate's state and the sealed payee name and account. */
@Entity({ name: 'claim', schema: 'claims' })
export class ClaimEntity implements ClaimState {
  @PrimaryColumn('uuid', { name: 'claim_id' }) claimId!: string;
  @Column('uuid', { name: 'policy_id' }) policyId!: string;
  @Column('uuid', { name: 'insured_id' }) insuredId!: string;
  @Column('uuid', { name: 'policyholder_id' }) policyholderId!: string;
  @Column('text', { name: 'product_code' }) productCode!: string;
  @Column('text', { name: 'claim_type' }) claimType!: ClaimType;
  @Column('text', { name: 'coverage_code' }) coverageCode!: string;
  @Column('date', { name: 'event_date' }) eventDate!: string;
  @Column('text') description!: string;
  @Column('bigint', { name: 'amount_claimed_fen', transformer: bigintAsNumber }) amountClaimedFen!: number;
  @Column('text', { name: 'cause_of_death', nullable: true }) causeOfDeath!: CauseOfDeath | null;
  @Column('jsonb') beneficiaries!: Beneficiary[];
  /** The payee's name masked for display (surname kept); the name itself is only in `payeeNameSealed`. */
  @Column('text', { name: 'payee_name' }) payeeName!: string;
  /** The payee's name, sealed with AES-256-GCM like the account; null only on rows from before it was sealed. */
  @Column('bytea', { name: 'payee_name_sealed', nullable: true }) payeeNameSealed!: Buffer | null;
  @Column('text', { name: 'payee_relationship' }) payeeRelationship!: string;
  /** The payee's bank account, sealed with AES-256-GCM; only the last four digits are kept in clear, for display. */
  /** Null once shredded, when the retention after an erasure request ended (`payeeShreddedAt`). */
  @Column('bytea', { name: 'payee_account', nullable: true }) payeeAccount!: Buffer | null;
  @Column('timestamptz', { name: 'payee_shredded_at', nullable: true }) payeeShreddedAt!: Date | null;
  @Column('text', { name: 'payee_account_last4' }) payeeAccountLast4!: string;
  @Column('text') status!: ClaimStatus;
  @Column('timestamptz', { name: 'reported_at' }) reportedAt!: Date;
  @Column('text', { name: 'reported_by' }) reportedBy!: string;
  @Column('timestamptz', { name: 'documents_requested_at', nullable: true })
  documentsRequestedAt!: Date | null;
  @Column('timestamptz', { name: 'documents_completed_at', nullable: true })
  documentsCompletedAt!: Date | null;
  @Column('jsonb', { nullable: true }) assessment!: Assessment | null;
  @Column('text', { name: 'assessed_by', nullable: true }) assessedBy!: string | null;
  @Column('text', { nullable: true }) decision!: 'approve' | 'reject' | null;
  @Column('text', { name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column('bigint', { name: 'approved_fen', nullable: true, transformer: bigintAsNumber }) approvedFen!:
    number | null;
  @Column('jsonb', { name: 'rejection_reasons', nullable: true }) rejectionReasons!: RejectionReason[] | null;
  @Column('timestamptz', { name: 'notice_sent_at', nullable: true }) noticeSentAt!: Date | null;
  @Column('bigint', { name: 'paid_fen', transformer: bigintAsNumber }) paidFen!: number;
  @Column('timestamptz', { name: 'paid_at', nullable: true }) paidAt!: Date | null;
}

@Entity({ name: 'claim_document', schema: 'claims' })
export class ClaimDocumentEntity {
  @PrimaryColumn('uuid', { name: 'document_id' }) documentId!: string;
  @Column('uuid', { name: 'claim_id' }) claimId!: string;
  @Column('text') kind!: string;
  @Column('text') reference!: string;
  @Column('text') sha256!: string;
  @Column('text', { name: 'submitted_by' }) submittedBy!: string;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt!: Date;
}

@Entity({ name: 'claim_timer', schema: 'claims' })
export class ClaimTimerEntity {
  @PrimaryColumn('uuid', { name: 'claim_id' }) claimId!: string;
  @PrimaryColumn('text') kind!: TimerKind;
  @Column('date', { name: 'started_on' }) startedOn!: string;
  @Column('date', { name: 'due_on' }) dueOn!: string;
  @Column('text') status!: 'pending' | 'warned' | 'met' | 'breached' | 'cancelled';
  @Column('bigint', { name: 'amount_fen', nullable: true, transformer: bigintAsNumber }) amountFen!:
    number | null;
  @Column('timestamptz', { name: 'warned_at', nullable: true }) warnedAt!: Date | null;
  @Column('timestamptz', { name: 'breached_at', nullable: true }) breachedAt!: Date | null;
  @Column('timestamptz', { name: 'met_at', nullable: true }) metAt!: Date | null;
}

@Entity({ name: 'claim_history', schema: 'claims' })
export class ClaimHistoryEntity {
  @PrimaryColumn('uuid', { name: 'claim_id' }) claimId!: string;
  @PrimaryColumn('integer') seq!: number;
  @Column('timestamptz') at!: Date;
  @Column('text') action!: string;
  @Column('text') actor!: string;
  @Column('jsonb') detail!: Record<string, unknown>;
}
