import { Injectable } from '@nestjs/common';
import { DataSource, type FindOptionsWhere } from 'typeorm';
import type { RequestContext } from '@insurer/platform-observability';
import { isStaff, type Principal } from '@insurer/platform-auth';
import { ArchiveService } from '../../archive/application/archive.service';
import type { PolicyStatus } from '../domain/policy';
import { PolicyEntity, PolicyVersionEntity } from '../infrastructure/policy.entity';
import { PolicyRepository } from '../infrastructure/policy.repository';
import { assertMayView } from './policy-access';

/** What callers may read of policies; a customer reads only their own. */
@Injectable()
export class PolicyQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyRepository,
    private readonly archive: ArchiveService,
  ) {}

  /** The policy, after checking the caller may see it. */
  async get(policyId: string, principal: Principal): Promise<PolicyEntity> {
    const policy = await this.policies.find(policyId);
    assertMayView(principal, policy);
    return policy;
  }

  list(
    principal: Principal,
    filter: { policyholderId?: string; insuredId?: string; status?: PolicyStatus },
  ): Promise<PolicyEntity[]> {
    const status = filter.status ? { status: filter.status } : {};
    let where: FindOptionsWhere<PolicyEntity>[];
    if (isStaff(principal)) {
      where = [
        {
          ...status,
          ...(filter.policyholderId ? { policyholderId: filter.policyholderId } : {}),
          ...(filter.insuredId ? { insuredId: filter.insuredId } : {}),
        },
      ];
    } else {
      // A customer's list is the policies they hold and those on their life, whatever the filter asks (an impossible
      // id for a token without a customer).
      const me = principal.customerId ?? '00000000-0000-0000-0000-000000000000';
      where = [
        { ...status, policyholderId: me },
        { ...status, insuredId: me },
      ];
    }
    return this.dataSource.manager.find(PolicyEntity, { where, order: { issuedAt: 'DESC' }, take: 200 });
  }

  async versions(policyId: string, principal: Principal): Promise<PolicyVersionEntity[]> {
    await this.get(policyId, principal);
    return this.dataSource.manager.find(PolicyVersionEntity, {
      where: { policyId },
      order: { version: 'ASC' },
    });
  }

  /** The policy's archived documents, re-hashed on every read. */
  async documents(policyId: string, principal: Principal, ctx: RequestContext) {
    await this.get(policyId, principal);
    return this.archive.documents(policyId, ctx);
  }

  async document(policyId: string, documentId: string, principal: Principal) {
    await this.get(policyId, principal);
    return this.archive.content(policyId, documentId);
  }
}
