import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { OutboxPublisher } from '@insurer/platform-messaging';
import type { CaseDecided, CaseState } from '../domain/underwriting-case';
import { UnderwritingCaseEntity } from './underwriting-case.entity';

/** Underwriting cases; each decision is written with its event through the caller's transaction. */
@Injectable()
export class UnderwritingCaseRepository {
  constructor(private readonly outbox: OutboxPublisher) {}

  async lock(m: EntityManager, applicationId: string): Promise<UnderwritingCaseEntity> {
    const kase = await m.findOne(UnderwritingCaseEntity, {
      where: { applicationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!kase) throw new ResourceNotFoundError('underwriting case', applicationId);
    return kase;
  }

  async insert(m: EntityManager, decided: CaseDecided): Promise<void> {
    await m.insert(UnderwritingCaseEntity, m.create(UnderwritingCaseEntity, decided.state));
    await this.announce(m, decided);
  }

  async save(m: EntityManager, row: UnderwritingCaseEntity, state: CaseState, decided?: CaseDecided) {
    Object.assign(row, state);
    await m.save(row);
    if (decided) await this.announce(m, decided);
    return row;
  }

  private async announce(m: EntityManager, decided: CaseDecided): Promise<void> {
    await this.outbox.publish(m, {
      type: 'contract.underwriting-decided',
      aggregateId: decided.state.applicationId,
      payload: decided.event,
    });
  }
}
