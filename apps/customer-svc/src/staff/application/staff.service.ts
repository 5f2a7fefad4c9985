import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Between, DataSource } from 'typeorm';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { Clock } from '@insurer/platform-time';
import { averageQuality, trainingStanding } from '../domain/training';
import { QualityReviewEntity, StaffMemberEntity, TrainingRecordEntity } from '../infrastructure/staff.entity';
import { StaffAlreadyExistsError } from '../domain/staff.errors';

/** Service staff, their training hours and quality reviews (manual 5.4). */
@Injectable()
export class StaffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(input: { staffId: string; name: string; role: string }): Promise<StaffMemberEntity> {
    const m = this.dataSource.manager;
    if (await m.findOne(StaffMemberEntity, { where: { staffId: input.staffId } })) {
      throw new StaffAlreadyExistsError(input.staffId);
    }
    const member = m.create(StaffMemberEntity, { ...input, active: true, createdAt: this.clock.now() });
    return m.save(member);
  }

  async recordTraining(
    staffId: string,
    input: { topic: string; hours: number; completedOn: string; assessmentScore?: number },
  ): Promise<TrainingRecordEntity> {
    await this.find(staffId);
    const record = this.dataSource.manager.create(TrainingRecordEntity, {
      recordId: randomUUID(),
      staffId,
      topic: input.topic,
      hours: input.hours,
      completedOn: input.completedOn,
      assessmentScore: input.assessmentScore ?? null,
      recordedAt: this.clock.now(),
    });
    return this.dataSource.manager.save(record);
  }

  async recordQuality(
    staffId: string,
    input: { score: number; reviewedOn: string; ticketId?: string; notes?: string },
    reviewer: string,
  ): Promise<QualityReviewEntity> {
    await this.find(staffId);
    const review = this.dataSource.manager.create(QualityReviewEntity, {
      reviewId: randomUUID(),
      staffId,
      score: input.score,
      reviewedOn: input.reviewedOn,
      ticketId: input.ticketId ?? null,
      notes: input.notes ?? null,
      reviewer,
    });
    return this.dataSource.manager.save(review);
  }

  /** Each active member's hours and quality for a calendar year; those under 30 hours are flagged. */
  async trainingReport(year: number) {
    const m = this.dataSource.manager;
    const range = Between(`${year}-01-01`, `${year}-12-31`);
    const [members, training, reviews] = await Promise.all([
      m.find(StaffMemberEntity, { where: { active: true }, order: { staffId: 'ASC' } }),
      m.find(TrainingRecordEntity, { where: { completedOn: range } }),
      m.find(QualityReviewEntity, { where: { reviewedOn: range } }),
    ]);
    return members.map((member) => ({
      staffId: member.staffId,
      name: member.name,
      role: member.role,
      year,
      ...trainingStanding(
        training.filter((t) => t.staffId === member.staffId).reduce((sum, t) => sum + t.hours, 0),
      ),
      averageQuality: averageQuality(reviews.filter((r) => r.staffId === member.staffId).map((r) => r.score)),
    }));
  }

  private async find(staffId: string): Promise<StaffMemberEntity> {
    const member = await this.dataSource.manager.findOne(StaffMemberEntity, { where: { staffId } });
    if (!member) throw new ResourceNotFoundError('staff member', staffId);
    return member;
  }
}
