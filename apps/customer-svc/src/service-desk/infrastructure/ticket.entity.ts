import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeadlineStage } from '../domain/complaint-deadlines';
import type { TicketKind, TicketState, TicketStatus } from '../domain/ticket';

export type { TicketKind, TicketStatus } from '../domain/ticket';

@Entity({ name: 'ticket', schema: 'customer' })
export class TicketEntity implements TicketState {
  @PrimaryColumn('uuid', { name: 'ticket_id' }) ticketId!: string;
  @Column('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('text') kind!: TicketKind;
  @Column('text') status!: TicketStatus;
  @Column('text') category!: string;
  @Column('text') subject!: string;
  @Column('text') description!: string;
  @Column('uuid', { name: 'policy_id', nullable: true }) policyId!: string | null;
  @Column('text', { name: 'salesperson_id', nullable: true }) salespersonId!: string | null;
  @Column('text', { nullable: true }) assignee!: string | null;
  @Column('text', { name: 'opened_by' }) openedBy!: string;
  @Column('timestamptz', { name: 'opened_at' }) openedAt!: Date;
  @Column('date', { name: 'due_on', nullable: true }) dueOn!: string | null;
  @Column('text', { name: 'deadline_stage', nullable: true }) deadlineStage!: DeadlineStage | null;
  @Column('timestamptz', { name: 'breached_at', nullable: true }) breachedAt!: Date | null;
  @Column('text', { nullable: true }) resolution!: string | null;
  @Column('timestamptz', { name: 'resolved_at', nullable: true }) resolvedAt!: Date | null;
}

@Entity({ name: 'ticket_note', schema: 'customer' })
export class TicketNoteEntity {
  @PrimaryColumn('uuid', { name: 'note_id' }) noteId!: string;
  @Column('uuid', { name: 'ticket_id' }) ticketId!: string;
  @Column('text') kind!: 'comment' | 'feedback' | 'improvement' | 'extension';
  @Column('text') text!: string;
  @Column('text') author!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
