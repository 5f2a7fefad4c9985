import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ProductDefinition } from '@insurer/contracts';
import { PrimaryKeyReader, RowWriter } from '@insurer/platform-database';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { ArchiveService } from '../../archive/application/archive.service';
import { ProductReplicas } from '../../product-replica/application/product-replicas';
import { snapshotOf, type PolicyDecided } from '../domain/policy';
import { PolicyEntity, PolicyVersionEntity } from './policy.entity';
import { BenefitPaymentEntity } from './benefit-payment.entity';
import { PremiumPaymentEntity } from './premium-payment.entity';

/**
 * Loads policies and writes what the aggregate decided, through the caller's transaction: the state, the new
 * version with its snapshot, the archive's schedule or retention, a premium payment, and the events.
 */
@Injectable()
export class PolicyRepository {
  /** GET /policies/{id} is the hottest read: one statement made once, no query builder. */
  private readonly byId: PrimaryKeyReader<PolicyEntity>;
  // Writes nothing waits for, sent with the transaction's next statement or its COMMIT.
  private readonly rows: RowWriter<PolicyEntity>;
  private readonly versions: RowWriter<PolicyVersionEntity>;
  private readonly premiums: RowWriter<PremiumPaymentEntity>;
  private readonly benefits: RowWriter<BenefitPaymentEntity>;

  constructor(
    dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly archive: ArchiveService,
    private readonly products: ProductReplicas,
  ) {
    this.byId = new PrimaryKeyReader(dataSource, PolicyEntity);
    this.rows = new RowWriter(dataSource, PolicyEntity);
    this.versions = new RowWriter(dataSource, PolicyVersionEntity);
    this.premiums = new RowWriter(dataSource, PremiumPaymentEntity);
    this.benefits = new RowWriter(dataSource, BenefitPaymentEntity);
  }

  async find(policyId: string): Promise<PolicyEntity> {
    const policy = await this.byId.find(policyId);
    if (!policy) throw new ResourceNotFoundError('policy', policyId);
    return policy;
  }

  /** The policy locked for this transaction; concurrent changes to one policy run one after the other. */
  async lock(m: EntityManager, policyId: string): Promise<PolicyEntity> {
    const policy = await this.lockIfExists(m, policyId);
    if (!policy) throw new ResourceNotFoundError('policy', policyId);
    return policy;
  }

  lockIfExists(m: EntityManager, policyId: string): Promise<PolicyEntity | null> {
    return this.byId.findForUpdateIn(m, policyId);
  }

  /** The terms of the product version the policy was issued on: a newer version never changes an issued policy. */
  async product(m: EntityManager, policy: PolicyEntity): Promise<ProductDefinition> {
    const definition = await this.products.definition(m, policy.productCode, policy.productVersion);
    // An issued policy's version was received before it was issued.
    if (!definition)
      throw new Error(`product ${policy.productCode} v${policy.productVersion} has not been received`);
    return definition;
  }

  /** A new policy (issue) with its first version, schedule, payment and events. */
  async insert(m: EntityManager, decided: PolicyDecided): Promise<PolicyEntity> {
    const row = this.rows.entity(decided.state);
    await this.rows.write(m, [row]);
    await this.writeEffects(m, row, decided);
    return row;
  }

  /** What the aggregate decided over a policy this transaction holds (`lock`). */
  async save(m: EntityManager, row: PolicyEntity, decided: PolicyDecided): Promise<PolicyEntity> {
    Object.assign(row, decided.state);
    await this.rows.update(m, row);
    await this.writeEffects(m, row, decided);
    return row;
  }

  private async writeEffects(m: EntityManager, row: PolicyEntity, decided: PolicyDecided): Promise<void> {
    if (decided.version) {
      await this.versions.write(m, [
        {
          policyId: row.policyId,
          version: row.version,
          kind: decided.version.kind,
          snapshot: snapshotOf(row),
          premiumEffectFen: decided.version.premiumEffectFen,
          effectiveDate: decided.version.effectiveDate,
          createdBy: decided.version.createdBy,
          consent: decided.version.consent ?? null,
          signature: decided.version.signature ?? null,
          createdAt: this.clock.now(),
        },
      ]);
    }
    if (decided.archiveSchedule) await this.archive.archiveSchedule(m, row);
    if (decided.retentionFrom) await this.archive.extendRetention(m, row, decided.retentionFrom);
    if (decided.payment) {
      await this.premiums.write(m, [
        { ...decided.payment, applicationId: row.applicationId, policyId: row.policyId },
      ]);
    }
    await this.benefits.write(
      m,
      (decided.benefits ?? []).map((benefit) => ({ ...benefit, policyId: row.policyId })),
    );
    if (decided.events.length) await this.outbox.publishAll(m, decided.events);
  }
}
