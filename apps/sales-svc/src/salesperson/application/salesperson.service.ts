import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, MoreThan, type EntityManager } from 'typeorm';
import { PrimaryKeyReader } from '@insurer/platform-database';
import { AppError, ResourceNotFoundError } from '@insurer/platform-http';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, addDays, shanghaiDate } from '@insurer/platform-time';
import { PolicyReplicaEntity } from '../../policy-replica/infrastructure/policy-replica.entity';
import {
  MAX_PRODUCT_GRADE,
  type SalespersonGrade,
  type SalespersonStanding,
} from '../domain/sales-authority';
import { DepartureNoticeEntity, SalespersonEntity } from '../infrastructure/salesperson.entity';

export interface SalespersonInput {
  readonly salespersonId: string;
  readonly name: string;
  readonly grade: SalespersonGrade | null;
  readonly licenceNumber: string | null;
  readonly licenceValidUntil: string | null;
  readonly status?: 'active' | 'suspended';
}

export class SalespersonStateError extends AppError {
  constructor(message: string) {
    super('SALESPERSON.WRONG_STATE', 'conflict', message);
  }
}

/** Customers must hear within 30 days that the salesperson of a policy over one year has left (NFRA Order 2023 No. 2). */
export const DEPARTURE_NOTICE_DAYS = 30;

@Injectable()
export class SalespersonService {
  /** Every quote and application checks its salesperson by id: one statement, no query builder. */
  private readonly byId: PrimaryKeyReader<SalespersonEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {
    this.byId = new PrimaryKeyReader(dataSource, SalespersonEntity);
  }

  /** Registers or updates a salesperson (grade, licence, status) and announces the new standing. */
  async upsert(input: SalespersonInput): Promise<SalespersonEntity> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const existing = await m.findOne(SalespersonEntity, {
        where: { salespersonId: input.salespersonId },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing?.status === 'departed')
        throw new SalespersonStateError(`${input.salespersonId} has departed`);
      const person =
        existing ??
        m.create(SalespersonEntity, {
          salespersonId: input.salespersonId,
          trainingHoursByYear: {},
          departedOn: null,
          createdAt: now,
        });
      Object.assign(person, {
        name: input.name,
        grade: input.grade,
        licenceNumber: input.licenceNumber,
        licenceValidUntil: input.licenceValidUntil,
        status: input.status ?? existing?.status ?? 'active',
        updatedAt: now,
      });
      await m.save(person);
      await this.announce(m, person, now);
      return person;
    });
  }

  /** Adds completed training hours to the calendar year of their completion. */
  async recordTraining(
    salespersonId: string,
    hours: number,
    completedOn: string,
  ): Promise<SalespersonEntity> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const person = await this.lock(m, salespersonId);
      // Hours count in the calendar year they were completed in; the year before still decides this year's authority.
      const year = completedOn.slice(0, 4);
      const before = person.trainingHoursByYear[year] ?? 0;
      person.trainingHoursByYear = {
        ...person.trainingHoursByYear,
        [year]: Math.round((before + hours) * 10) / 10,
      };
      person.updatedAt = now;
      await m.save(person);
      await this.announce(m, person, now);
      return person;
    });
  }

  /**
   * Records a departure. Every customer of the salesperson's policies over one year that are still running gets a
   * notice task due 30 days later, and the departure is announced with the list.
   */
  async depart(salespersonId: string, departedOn: string) {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const person = await this.lock(m, salespersonId);
      if (person.status === 'departed') throw new SalespersonStateError(`${salespersonId} already departed`);
      person.status = 'departed';
      person.departedOn = departedOn;
      person.updatedAt = now;
      await m.save(person);
      const policies = await m.find(PolicyReplicaEntity, {
        where: { salespersonId, coverageTermYears: MoreThan(1), status: In(['in_force', 'suspended']) },
      });
      const dueOn = addDays(departedOn, DEPARTURE_NOTICE_DAYS);
      const notices = policies.map((p) =>
        m.create(DepartureNoticeEntity, {
          noticeId: randomUUID(),
          salespersonId,
          customerId: p.policyholderId,
          policyId: p.policyId,
          dueOn,
          sentAt: null,
        }),
      );
      if (notices.length) await m.insert(DepartureNoticeEntity, notices);
      await this.announce(m, person, now);
      await this.outbox.publish(m, {
        type: 'sales.salesperson-departed',
        aggregateId: salespersonId,
        payload: {
          salespersonId,
          departedOn,
          noticeDueOn: dueOn,
          affected: policies.map((p) => ({ customerId: p.policyholderId, policyId: p.policyId })),
        },
      });
      return { salespersonId, departedOn, noticeDueOn: dueOn, notices };
    });
  }

  async markNoticeSent(salespersonId: string, noticeId: string): Promise<DepartureNoticeEntity> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const notice = await m.findOne(DepartureNoticeEntity, {
        where: { noticeId, salespersonId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!notice) throw new ResourceNotFoundError('notice', noticeId);
      if (notice.sentAt) throw new SalespersonStateError('this notice was already sent');
      notice.sentAt = now;
      await m.save(notice);
      await this.outbox.publish(m, {
        type: 'sales.departure-notice-sent',
        aggregateId: salespersonId,
        payload: {
          salespersonId,
          customerId: notice.customerId,
          policyId: notice.policyId,
          sentAt: now.toISOString(),
        },
      });
      return notice;
    });
  }

  notices(salespersonId: string): Promise<DepartureNoticeEntity[]> {
    return this.dataSource.manager.find(DepartureNoticeEntity, {
      where: { salespersonId },
      order: { dueOn: 'ASC' },
    });
  }

  async get(
    salespersonId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SalespersonEntity> {
    const person = await this.byId.findIn(manager, salespersonId);
    if (!person) throw new ResourceNotFoundError('salesperson', salespersonId);
    return person;
  }

  /** The salesperson as the authority rule sees them. */
  standing(person: SalespersonEntity): SalespersonStanding {
    return {
      salespersonId: person.salespersonId,
      grade: person.grade,
      licenceNumber: person.licenceNumber,
      licenceValidUntil: person.licenceValidUntil,
      training: {
        hoursByYear: person.trainingHoursByYear,
        serviceStartedOn: shanghaiDate(person.createdAt),
      },
      status: person.status,
    };
  }

  private async lock(m: EntityManager, salespersonId: string): Promise<SalespersonEntity> {
    const person = await m.findOne(SalespersonEntity, {
      where: { salespersonId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!person) throw new ResourceNotFoundError('salesperson', salespersonId);
    return person;
  }

  private async announce(m: EntityManager, person: SalespersonEntity, now: Date): Promise<void> {
    const standing = this.standing(person);
    await this.outbox.publish(m, {
      type: 'sales.salesperson-registered',
      aggregateId: person.salespersonId,
      payload: {
        salespersonId: person.salespersonId,
        grade: person.grade,
        maxProductGrade: person.grade ? MAX_PRODUCT_GRADE[person.grade] : null,
        licenceNumber: person.licenceNumber,
        licenceValidUntil: person.licenceValidUntil,
        trainingHoursThisYear: standing.training.hoursByYear[shanghaiDate(now).slice(0, 4)] ?? 0,
        trainingHoursByYear: standing.training.hoursByYear,
        serviceStartedOn: standing.training.serviceStartedOn,
        status: person.status,
        registeredAt: now.toISOString(),
      },
    });
  }
}
