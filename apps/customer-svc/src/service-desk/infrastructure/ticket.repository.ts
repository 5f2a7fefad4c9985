import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { assertOpen, type TicketDecided } from '../domain/ticket';
import { TicketEntity, TicketNoteEntity } from './ticket.entity';

/** Tickets and their notes; writes go through the caller's transaction with their events. */
@Injectable()
export class TicketRepository {
  constructor(private readonly outbox: OutboxPublisher) {}

  async find(manager: EntityManager, ticketId: string): Promise<TicketEntity> {
    const ticket = await manager.findOne(TicketEntity, { where: { ticketId } });
    if (!ticket) throw new ResourceNotFoundError('ticket', ticketId);
    return ticket;
  }

  /** The ticket locked for this transaction; an answered one is refused before anything else. */
  async lockOpen(manager: EntityManager, ticketId: string): Promise<TicketEntity> {
    const ticket = await manager.findOne(TicketEntity, {
      where: { ticketId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!ticket) throw new ResourceNotFoundError('ticket', ticketId);
    assertOpen(ticket);
    return ticket;
  }

  async insert(manager: EntityManager, decided: TicketDecided): Promise<TicketEntity> {
    const ticket = manager.create(TicketEntity, decided.state);
    await manager.insert(TicketEntity, ticket);
    await this.outbox.publishAll(manager, decided.events);
    return ticket;
  }

  async save(
    manager: EntityManager,
    row: TicketEntity,
    decided: TicketDecided,
    at: Date,
  ): Promise<TicketEntity> {
    Object.assign(row, decided.state);
    await manager.save(row);
    if (decided.note)
      await this.note(manager, row.ticketId, decided.note.kind, decided.note.text, decided.note.author, at);
    if (decided.events.length) await this.outbox.publishAll(manager, decided.events);
    return row;
  }

  async note(
    manager: EntityManager,
    ticketId: string,
    kind: TicketNoteEntity['kind'],
    text: string,
    author: string,
    at: Date,
  ): Promise<TicketNoteEntity> {
    const note = manager.create(TicketNoteEntity, {
      noteId: randomUUID(),
      ticketId,
      kind,
      text,
      author,
      createdAt: at,
    });
    await manager.insert(TicketNoteEntity, note);
    return note;
  }
}
