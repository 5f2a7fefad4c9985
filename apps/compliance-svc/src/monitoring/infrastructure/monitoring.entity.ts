import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AlertMessage } from '@insurer/contracts';
import { bigintAsNumber } from '@insurer/platform-database';
import type { RuleKind, Severity } from '../domain/rules';
import type { CaseNoteKind, CaseState, CaseStatus, Resolution } from '../domain/case';

@Entity({ name: 'rule_version', schema: 'compliance' })
export class RuleVersionEntity {
  @PrimaryColumn('text', { name: 'rule_id' }) ruleId!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('text') kind!: RuleKind;
  @Column('text') description!: string;
  @Column('text') source!: string;
  @Column('text') severity!: Severity;
  @Column('date', { name: 'effective_from' }) effectiveFrom!: string;
  @Column('date', { name: 'effective_to', nullable: true }) effectiveTo!: string | null;
  @Column('jsonb') parameters!: Record<string, string | number | boolean | string[] | number[]>;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'alert', schema: 'compliance' })
export class AlertEntity {
  @PrimaryColumn('uuid', { name: 'alert_id' }) alertId!: string;
  @Column('text', { name: 'rule_id' }) ruleId!: string;
  @Column('integer', { name: 'rule_version' }) ruleVersion!: number;
  @Column('text') severity!: Severity;
  @Column('text', { name: 'subject_kind' }) subjectKind!: string;
  @Column('text', { name: 'subject_id' }) subjectId!: string;
  @Column('text') summary!: string;
  /** What the alert says as a text's code and values, worded for each reader; null on alerts raised before it. */
  @Column('jsonb', { nullable: true }) message!: AlertMessage | null;
  /** The legal source the rule version cites, e.g. Insurance Law Art. 47. */
  @Column('text', { nullable: true }) source!: string | null;
  @Column('uuid', { name: 'evidence_event_ids', array: true }) evidenceEventIds!: string[];
  @Column('text', { name: 'dedupe_key' }) dedupeKey!: string;
  @Column('timestamptz', { name: 'raised_at' }) raisedAt!: Date;
  @Column('uuid', { name: 'case_id', nullable: true }) caseId!: string | null;
}

@Entity({ name: 'compliance_case', schema: 'compliance' })
export class CaseEntity implements CaseState {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') status!: CaseStatus;
  @Column('text') severity!: Severity;
  @Column('text', { nullable: true }) assignee!: string | null;
  @Column('timestamptz', { name: 'opened_at' }) openedAt!: Date;
  @Column('timestamptz', { name: 'escalated_at', nullable: true }) escalatedAt!: Date | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column('text', { name: 'closed_by', nullable: true }) closedBy!: string | null;
  @Column('text', { nullable: true }) resolution!: Resolution | null;
}

@Entity({ name: 'case_comment', schema: 'compliance' })
export class CaseCommentEntity {
  @PrimaryColumn('uuid', { name: 'comment_id' }) commentId!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') author!: string;
  @Column('text') kind!: CaseNoteKind;
  @Column('text') text!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'risk_score', schema: 'compliance' })
export class RiskScoreEntity {
  @PrimaryColumn('text', { name: 'subject_kind' }) subjectKind!: string;
  @PrimaryColumn('text', { name: 'subject_id' }) subjectId!: string;
  @Column('integer') score!: number;
  @Column('jsonb') factors!: { ruleId: string; alerts: number; points: number }[];
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity({ name: 'aml_transaction', schema: 'compliance' })
export class AmlTransactionEntity {
  @PrimaryColumn('uuid', { name: 'transaction_id' }) transactionId!: string;
  @Column('uuid', { name: 'alert_id' }) alertId!: string;
  @Column('text', { name: 'rule_id' }) ruleId!: string;
  @Column('text') kind!: 'large_value' | 'suspicious';
  @Column('bigint', { name: 'amount_fen', transformer: bigintAsNumber }) amountFen!: number;
  @Column('text') method!: string;
  @Column('text', { name: 'party_id' }) partyId!: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('text') direction!: 'in' | 'out';
  @Column('text') currency!: string;
  @Column('bigint', { name: 'currency_amount_minor', nullable: true, transformer: bigintAsNumber })
  currencyAmountMinor!: number | null;
  @Column('text', { nullable: true }) counterparty!: string | null;
  @Column('uuid', { name: 'policy_id', nullable: true }) policyId!: string | null;
  @Column('text') purpose!: string;
}

/** A customer of a departed salesperson who must be told within 30 days (filled from sales' departure events). */
@Entity({ name: 'departure_task', schema: 'compliance' })
export class DepartureTaskEntity {
  @PrimaryColumn('text', { name: 'salesperson_id' }) salespersonId!: string;
  @PrimaryColumn('uuid', { name: 'policy_id' }) policyId!: string;
  @Column('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('date', { name: 'due_on' }) dueOn!: string;
  @Column('uuid', { name: 'departure_event_id' }) departureEventId!: string;
  @Column('timestamptz', { name: 'notified_at', nullable: true }) notifiedAt!: Date | null;
  @Column('timestamptz', { name: 'alerted_at', nullable: true }) alertedAt!: Date | null;
}
