import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { ProductReplicas } from '../../product-replica/application/product-replicas';
import { UnderwritingCaseEntity } from '../../underwriting/infrastructure/underwriting-case.entity';
import { UnderwritingCaseRepository } from '../../underwriting/infrastructure/underwriting-case.repository';
import { OfferError, assertRatingAgeHolds, isReadyToIssue } from '../domain/offer';
import { issue } from '../domain/policy';
import { PolicyRepository } from '../infrastructure/policy.repository';

/**
 * Loads an offer and, once its confirmation and first premium are both in, issues the policy in the same
 * transaction on the product version it was sold on.
 */
@Injectable()
export class OfferIssuer {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly products: ProductReplicas,
    private readonly cases: UnderwritingCaseRepository,
    private readonly clock: Clock,
  ) {}

  async lock(m: EntityManager, applicationId: string): Promise<UnderwritingCaseEntity> {
    const kase = await this.cases.lockIfExists(m, applicationId);
    if (!kase) throw new ResourceNotFoundError('offer', applicationId);
    return kase;
  }

  async settle(m: EntityManager, kase: UnderwritingCaseEntity) {
    if (!isReadyToIssue(kase) || !kase.firstPayment) {
      await this.cases.save(m, kase);
      return {
        applicationId: kase.applicationId,
        offerStatus: kase.offerStatus,
        confirmed: !!kase.confirmation,
        paid: !!kase.firstPayment,
        policy: null,
      };
    }
    const app = kase.application;
    assertRatingAgeHolds(kase, shanghaiDate(this.clock.now()));
    const product = await this.products.definition(m, app.productCode, app.productVersion);
    if (!product)
      throw new OfferError(
        'OFFER.PRODUCT_UNKNOWN',
        `product ${app.productCode} v${app.productVersion} has not been received`,
        'conflict',
        { params: { productCode: app.productCode, version: app.productVersion } },
      );
    const [{ seq }] = (await m.query(`SELECT nextval('contract.policy_number_seq') AS seq`)) as {
      seq: string;
    }[];
    const pay = kase.firstPayment;
    const decided = issue(
      {
        policyId: randomUUID(),
        sequence: Number(seq),
        application: app,
        offer: {
          premiumFen: kase.offerPremiumFen,
          loadingPercent: kase.loadingPercent,
          exclusions: kase.exclusions,
        },
        firstPayment: { ...pay, paidAt: new Date(pay.paidAt) },
        product,
      },
      this.clock.now(),
    );
    const policy = await this.policies.insert(m, decided);
    kase.offerStatus = 'issued';
    await this.cases.save(m, kase);
    return {
      applicationId: kase.applicationId,
      offerStatus: kase.offerStatus,
      confirmed: true,
      paid: true,
      policy,
    };
  }
}
