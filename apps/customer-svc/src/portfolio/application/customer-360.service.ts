import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RequestContext } from '@insurer/platform-observability';
import type { Principal } from '@insurer/platform-auth';
import { CustomerQueries } from '../../customer/application/customer.queries';
import { TicketEntity } from '../../service-desk/infrastructure/ticket.entity';
import { SurveyEntity } from '../../survey/infrastructure/survey.entity';
import { ClaimViewEntity, PolicyViewEntity } from '../infrastructure/portfolio.entity';

/**
 * One read of a customer for the service desk: the masked service profile, the policies they hold and those on their
 * life (each with the customer's roles), claims, tickets and surveys.
 */
@Injectable()
export class Customer360Service {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerQueries,
  ) {}

  async view(customerId: string, principal: Principal, ctx: RequestContext) {
    const customer = await this.customers.read(customerId, 'service', [], principal, ctx);
    const m = this.dataSource.manager;
    const [policies, claims, tickets, surveys] = await Promise.all([
      m.find(PolicyViewEntity, {
        where: [{ policyholderId: customerId }, { insuredId: customerId }],
        order: { effectiveDate: 'DESC' },
      }),
      m.find(ClaimViewEntity, { where: { insuredId: customerId }, order: { reportedAt: 'DESC' } }),
      m.find(TicketEntity, { where: { customerId }, order: { openedAt: 'DESC' } }),
      m.find(SurveyEntity, { where: { customerId }, order: { sentAt: 'DESC' } }),
    ]);
    const policyIds = new Set(policies.map((p) => p.policyId));
    // Claims on the customer's own policies count too, whoever the insured is.
    const onOwnPolicies = policyIds.size
      ? await m
          .createQueryBuilder(ClaimViewEntity, 'c')
          .where('c.policy_id IN (:...ids)', { ids: [...policyIds] })
          .getMany()
      : [];
    const allClaims = new Map([...claims, ...onOwnPolicies].map((c) => [c.claimId, c]));
    // The customer's part in each policy: they hold it, their life is covered, or both.
    const withRoles = policies.map((p) => ({
      ...p,
      roles: [
        ...(p.policyholderId === customerId ? ['policyholder'] : []),
        ...(p.insuredId === customerId ? ['insured'] : []),
      ],
    }));
    return { customer, policies: withRoles, claims: [...allClaims.values()], tickets, surveys };
  }
}
