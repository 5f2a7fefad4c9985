import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import type { Principal } from '@insurer/platform-auth';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { PolicyViewEntity } from '../../portfolio/infrastructure/portfolio.entity';
import { TicketEntity, TicketNoteEntity } from '../../service-desk/infrastructure/ticket.entity';
import { SurveyEntity } from '../../survey/infrastructure/survey.entity';
import {
  CustomerEntity,
  ConsentEntity,
  DataAccessEntity,
  DataKeyEntity,
  IdentityVerificationEntity,
  ProfileVersionEntity,
  RiskAssessmentEntity,
} from '../../customer/infrastructure/customer.entity';
import { PersonalDataVault } from '../../customer/infrastructure/personal-data-vault';
import { CustomerRepository } from '../../customer/infrastructure/customer.repository';
import { healthContext, versionContext } from '../../customer/infrastructure/sealing';
import { assertOwn } from '../../customer/application/own-records';
import { CustomerNotRestrictedError } from '../../customer/domain/customer.errors';
import {
  retentionOf,
  retentionOver,
  type RetainedPolicy,
  type RetentionGround,
} from '../../customer/domain/retention';
import { DATA_SUBJECT_SETTINGS, type DataSubjectSettings } from './data-subject-settings';

const ERASED_TEXT = '[erased at the customer’s request]';

/** The data subject's rights under PIPL Arts. 44-47: a full copy, and erasure. */
@Injectable()
export class DataSubjectService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly vault: PersonalDataVault,
    private readonly customers: CustomerRepository,
    @Inject(DATA_SUBJECT_SETTINGS) private readonly settings: DataSubjectSettings,
  ) {}

  /** Everything held about the customer, in clear, as one JSON document; recorded as an access. */
  async export(customerId: string, principal: Principal, ctx: RequestContext) {
    assertOwn(principal, customerId);
    return transaction(this.dataSource, ctx, async (m) => {
      // The data subject's copy is due while the data is restricted too (PIPL Art. 45, 47).
      const customer = await this.customers.findStored(m, customerId);
      const key = await this.customers.dataKey(m, customerId);
      const versions = await m.find(ProfileVersionEntity, {
        where: { customerId },
        order: { version: 'ASC' },
      });
      const tickets = await m.find(TicketEntity, { where: { customerId }, order: { openedAt: 'ASC' } });
      const notes = tickets.length
        ? await m.find(TicketNoteEntity, { where: { ticketId: In(tickets.map((t) => t.ticketId)) } })
        : [];
      const document = {
        exportedAt: this.clock.now().toISOString(),
        customerId,
        customerType: customer.customerType,
        version: customer.version,
        identityStatus: customer.identityStatus,
        profile: await this.customers.openProfile(m, customer),
        healthDeclaration: customer.healthDeclaration
          ? this.vault.decrypt(key, customer.healthDeclaration, healthContext(customerId))
          : null,
        history: versions.map((v) => ({
          version: v.version,
          reason: v.reason,
          purpose: v.purpose,
          actor: v.actor,
          recordedAt: v.recordedAt,
          changes: v.changes
            ? this.vault.decrypt(key, v.changes, versionContext(customerId, v.version))
            : null,
        })),
        consents: await m.find(ConsentEntity, { where: { customerId } }),
        riskAssessments: await m.find(RiskAssessmentEntity, { where: { customerId } }),
        identityVerifications: (await m.find(IdentityVerificationEntity, { where: { customerId } })).map(
          ({ codeHash: _hidden, ...rest }) => rest,
        ),
        tickets: tickets.map((t) => ({ ...t, notes: notes.filter((n) => n.ticketId === t.ticketId) })),
        surveys: await m.find(SurveyEntity, { where: { customerId } }),
        accessLog: await m.find(DataAccessEntity, { where: { customerId } }),
      };
      await this.customers.recordAccess(m, customerId, principal, ['all'], 'data_subject_export');
      return document;
    });
  }

  /**
   * The erasure request (PIPL Art. 47). With nothing the law makes the insurer keep, the customer is crypto-shredded
   * at once. With a policy held or insured, now or within the retention periods after it ended (Insurance Law Art.
   * 87, AML record keeping), the data is restricted instead: stored, no longer processed, read only with a recorded
   * legal basis; the answer says what is kept, why and until when, and the sweep shreds it on that day. A repeated
   * request gets the same answer.
   */
  async erase(customerId: string, principal: Principal, ctx: RequestContext): Promise<ErasureAnswer> {
    assertOwn(principal, customerId);
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const customer = await this.customers.lockStored(m, customerId);
      if (customer.status === 'restricted') return restrictedAnswer(customer);
      const policies = await this.policiesOf(m, customerId);
      const retention = retentionOf(policies, this.settings.amlRetentionYears);
      if (retentionOver(retention, shanghaiDate(now))) return this.shred(m, customer, policies, now);

      customer.status = 'restricted';
      customer.restrictedAt = now;
      customer.retainedUntil = retention.until;
      customer.retention = [...retention.grounds];
      customer.updatedAt = now;
      await m.save(customer);
      await this.outbox.publish(m, {
        type: 'customer.processing-restricted',
        aggregateId: customerId,
        payload: {
          customerId,
          restrictedAt: now.toISOString(),
          retainedUntil: retention.until,
          grounds: retention.grounds.map(({ rule, source, until }) => ({ rule, source, until })),
        },
      });
      return restrictedAnswer(customer);
    });
  }

  /**
   * A read of a restricted customer's records for a legal purpose (an AML investigation, a regulator's inspection,
   * litigation, a claim on a retained policy): the profile in clear, recorded with its basis and reference.
   */
  async readRetained(
    customerId: string,
    principal: Principal,
    request: RetainedReadRequest,
    ctx: RequestContext,
  ) {
    return transaction(this.dataSource, ctx, async (m) => {
      const customer = await this.customers.findStored(m, customerId);
      if (customer.status !== 'restricted') throw new CustomerNotRestrictedError(customerId);
      const profile = await this.customers.openProfile(m, customer);
      await this.customers.recordAccess(
        m,
        customerId,
        principal,
        ['all'],
        `legal_retention:${request.legalBasis}:${request.reference}`,
      );
      return {
        customerId,
        status: customer.status,
        retainedUntil: customer.retainedUntil,
        retention: customer.retention,
        legalBasis: request.legalBasis,
        reference: request.reference,
        profile,
      };
    });
  }

  /**
   * One pass of the retention sweep: each restricted customer's periods are computed again from their policies (an
   * ended policy gives a date), and a customer whose last period has ended is shredded.
   */
  async sweepRetention(): Promise<{ checked: number; shredded: number }> {
    const today = shanghaiDate(this.clock.now());
    const ids = (
      await this.dataSource.manager.find(CustomerEntity, {
        select: { customerId: true },
        where: { status: 'restricted' },
      })
    ).map((c) => c.customerId);
    let shredded = 0;
    for (const customerId of ids) {
      const done = await transaction(this.dataSource, undefined, async (m) => {
        const customer = await m.findOne(CustomerEntity, {
          where: { customerId, status: 'restricted' },
          lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
        });
        if (!customer) return false;
        const policies = await this.policiesOf(m, customerId);
        const retention = retentionOf(policies, this.settings.amlRetentionYears);
        if (retentionOver(retention, today)) {
          await this.shred(m, customer, policies, this.clock.now());
          return true;
        }
        if (customer.retainedUntil !== retention.until) {
          customer.retainedUntil = retention.until;
          customer.retention = [...retention.grounds];
          await m.save(customer);
        }
        return false;
      });
      if (done) shredded += 1;
    }
    return { checked: ids.length, shredded };
  }

  private async policiesOf(m: EntityManager, customerId: string): Promise<RetainedPolicy[]> {
    return m.find(PolicyViewEntity, {
      select: { policyId: true, status: true, effectiveDate: true, expiryDate: true, endedOn: true },
      where: [{ policyholderId: customerId }, { insuredId: customerId }],
    });
  }

  /**
   * Crypto-shredding: the data key is destroyed and every ciphertext and free text about the person is removed in
   * one transaction. What stays is anonymous: gender and birth year for actuarial records, and the policy ids.
   */
  private async shred(
    m: EntityManager,
    customer: CustomerEntity,
    policies: readonly RetainedPolicy[],
    now: Date,
  ): Promise<ErasureAnswer> {
    const { customerId } = customer;
    const profile = await this.customers.openProfile(m, customer);
    const retainedForPolicies = policies.length > 0;
    await m.delete(DataKeyEntity, { customerId });
    await m.update(ProfileVersionEntity, { customerId }, { changes: null });
    await m.update(IdentityVerificationEntity, { customerId }, { codeHash: null, reasons: [] });
    await m.update(SurveyEntity, { customerId }, { comment: null });
    const tickets = await m.find(TicketEntity, { where: { customerId } });
    if (tickets.length) {
      const ids = tickets.map((t) => t.ticketId);
      await m.update(
        TicketEntity,
        { ticketId: In(ids) },
        { subject: ERASED_TEXT, description: ERASED_TEXT, resolution: null },
      );
      await m.update(TicketNoteEntity, { ticketId: In(ids) }, { text: ERASED_TEXT });
    }
    customer.status = 'erased';
    customer.profile = null;
    customer.healthDeclaration = null;
    customer.idLookup = null;
    customer.riskLevel = null;
    customer.riskValidUntil = null;
    customer.retained = retainedForPolicies
      ? {
          gender: profile.gender ?? null,
          birthYear: profile.birthDate ? Number(profile.birthDate.slice(0, 4)) : null,
          policyIds: policies.map((p) => p.policyId),
        }
      : null;
    customer.erasedAt = now;
    customer.updatedAt = now;
    await m.save(customer);
    await this.outbox.publish(m, {
      type: 'customer.customer-erased',
      aggregateId: customerId,
      payload: { customerId, retainedForPolicies, erasedAt: now.toISOString() },
    });
    return {
      customerId,
      status: 'erased',
      erasedAt: now.toISOString(),
      retainedForPolicies,
      retainedUntil: null,
      retention: [],
    };
  }
}

export interface ErasureAnswer {
  readonly customerId: string;
  readonly status: 'erased' | 'restricted';
  readonly erasedAt?: string;
  readonly restrictedAt?: string;
  readonly retainedForPolicies: boolean;
  /** The day the data will be shredded; null while a policy runs. */
  readonly retainedUntil: string | null;
  /** What is kept, under which law, until when. */
  readonly retention: readonly RetentionGround[];
  readonly explanation?: string;
}

export const LEGAL_BASES = [
  'aml_investigation',
  'regulatory_inspection',
  'litigation',
  'claim_on_retained_policy',
] as const;

export interface RetainedReadRequest {
  readonly legalBasis: (typeof LEGAL_BASES)[number];
  readonly reference: string;
}

function restrictedAnswer(customer: CustomerEntity): ErasureAnswer {
  const until = customer.retainedUntil;
  return {
    customerId: customer.customerId,
    status: 'restricted',
    restrictedAt: customer.restrictedAt?.toISOString(),
    retainedForPolicies: true,
    retainedUntil: until,
    retention: customer.retention ?? [],
    explanation:
      'Your data is no longer used: it is stored only because the law requires it (' +
      (customer.retention ?? []).map((g) => g.source).join('; ') +
      ') and will be erased ' +
      (until ? `on ${until}` : 'when the retention periods after your policies end have passed') +
      '. You can still ask for a copy.',
  };
}
