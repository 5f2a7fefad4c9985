import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RowWriter, transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { renderSchedule, sha256Hex, type ScheduleData } from '../domain/policy-schedule';
import { retainRecordsUntil } from '../domain/retention';
import { DocumentEntity } from '../infrastructure/archive.entity';

/** What the archive needs of a policy: its schedule's data and what its retention is counted from. */
export type ArchivedPolicy = ScheduleData & {
  readonly policyId: string;
  readonly endedOn: string | null;
  readonly expiryDate: string;
  readonly coverageTermYears: number;
};

/**
 * The archive of policy documents (manual 3.3): each stored with the SHA-256 of its content and kept for the period
 * Art. 87 requires after the contract ends. Reading the archive re-hashes every document; one that no longer matches
 * is reported once, as an event, and shown as tampered.
 */
@Injectable()
export class ArchiveService {
  private readonly documentRows: RowWriter<DocumentEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {
    this.documentRows = new RowWriter(dataSource, DocumentEntity);
  }

  async archiveSchedule(m: EntityManager, policy: ArchivedPolicy): Promise<DocumentEntity> {
    const content = renderSchedule(policy);
    const document = m.create(DocumentEntity, {
      documentId: randomUUID(),
      policyId: policy.policyId,
      kind: `policy_schedule_v${policy.version}`,
      mediaType: 'text/html',
      content,
      sha256: sha256Hex(content),
      archivedAt: this.clock.now(),
      retainUntil: retainRecordsUntil(policy.endedOn ?? policy.expiryDate, policy.coverageTermYears),
      integrityFailedAt: null,
    });
    await this.documentRows.write(m, [document]);
    return document;
  }

  /** The retention clock restarts from the real end of the contract once it ends early. */
  async extendRetention(
    m: EntityManager,
    policy: Pick<ArchivedPolicy, 'policyId' | 'coverageTermYears'>,
    endedOn: string,
  ): Promise<void> {
    await m.update(
      DocumentEntity,
      { policyId: policy.policyId },
      { retainUntil: retainRecordsUntil(endedOn, policy.coverageTermYears) },
    );
  }

  async documents(policyId: string, ctx: RequestContext) {
    return transaction(this.dataSource, ctx, async (m) => {
      const documents = await m.find(DocumentEntity, {
        where: { policyId },
        // Documents archived at the same instant (one frozen clock, or one millisecond) come in a stable order.
        order: { archivedAt: 'ASC', kind: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const now = this.clock.now();
      const result = [];
      for (const d of documents) {
        const actual = sha256Hex(d.content);
        const intact = actual === d.sha256;
        if (!intact && !d.integrityFailedAt) {
          d.integrityFailedAt = now;
          await m.save(d);
          await this.outbox.publish(m, {
            type: 'contract.document-integrity-failed',
            aggregateId: policyId,
            payload: {
              policyId,
              documentId: d.documentId,
              kind: d.kind,
              expectedSha256: d.sha256,
              actualSha256: actual,
              detectedAt: now.toISOString(),
            },
          });
        }
        result.push({
          documentId: d.documentId,
          kind: d.kind,
          mediaType: d.mediaType,
          sha256: d.sha256,
          archivedAt: d.archivedAt,
          retainUntil: d.retainUntil,
          status: intact ? 'intact' : 'tampered',
        });
      }
      return result;
    });
  }

  async content(policyId: string, documentId: string): Promise<DocumentEntity | null> {
    return this.dataSource.manager.findOne(DocumentEntity, { where: { policyId, documentId } });
  }
}
