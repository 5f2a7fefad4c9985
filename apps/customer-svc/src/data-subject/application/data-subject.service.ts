import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Principal } from '@insurer/platform-auth';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { PolicyViewEntity } from '../../portfolio/infrastructure/portfolio.entity';
import { TicketEntity, TicketNoteEntity } from '../../service-desk/infrastructure/ticket.entity';
import { SurveyEntity } from '../../survey/infrastructure/survey.entity';
import {
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

/** Policy states whose records the law makes the insurer keep (Insurance Law Art. 87). */
const RETAINED_POLICY_STATES = ['in_force', 'suspended'];
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
  ) {}

  /** Everything held about the customer, in clear, as one JSON document; recorded as an access. */
  async export(customerId: string, principal: Principal) {
    assertOwn(principal, customerId);
    return this.dataSource.transaction(async (m) => {
      const customer = await this.customers.findActive(m, customerId);
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
   * Erasure by crypto-shredding: the data key is destroyed and every ciphertext and free text about the person is
   * removed in one transaction. What the law requires for policies still running stays, anonymised: gender and birth
   * year for actuarial records, and the customer id the policies refer to.
   */
  async erase(
    customerId: string,
    principal: Principal,
  ): Promise<{ customerId: string; erasedAt: string; retainedForPolicies: boolean }> {
    assertOwn(principal, customerId);
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const customer = await this.customers.lockActive(m, customerId);
      const profile = await this.customers.openProfile(m, customer);
      const running = await m.find(PolicyViewEntity, {
        where: [
          { policyholderId: customerId, status: In(RETAINED_POLICY_STATES) },
          { insuredId: customerId, status: In(RETAINED_POLICY_STATES) },
        ],
      });
      const retainedForPolicies = running.length > 0;

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
            policyIds: running.map((p) => p.policyId),
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
      return { customerId, erasedAt: now.toISOString(), retainedForPolicies };
    });
  }
}
