import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { payFirstPremium, type FirstPremium } from '../domain/offer';
import { OfferIssuer } from './offer-issuer';

/** The payer pays the exact first premium straight to the insurer; with the confirmation in, the policy is issued. */
@Injectable()
export class PayFirstPremiumHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly offers: OfferIssuer,
  ) {}

  async execute(applicationId: string, payment: FirstPremium, ctx: RequestContext) {
    return transaction(this.dataSource, ctx, async (m) => {
      const kase = await this.offers.lock(m, applicationId);
      Object.assign(kase, payFirstPremium(kase, payment, randomUUID()));
      return this.offers.settle(m, kase);
    });
  }
}
