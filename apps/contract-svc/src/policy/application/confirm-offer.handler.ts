import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@insurer/platform-auth';
import { RowWriter, transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { Clock } from '@insurer/platform-time';
import { SignatureEntity } from '../../archive/infrastructure/archive.entity';
import { confirmOffer, type Confirmation } from '../domain/offer';
import { OfferIssuer } from './offer-issuer';
import { assertMayActOn } from './policy-access';

/** The applicant confirms the offer with their own e-signature (who, when, SHA-256 of what). */
@Injectable()
export class ConfirmOfferHandler {
  private readonly signatures: RowWriter<SignatureEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly offers: OfferIssuer,
    private readonly clock: Clock,
  ) {
    this.signatures = new RowWriter(dataSource, SignatureEntity);
  }

  async execute(
    applicationId: string,
    confirmation: Confirmation,
    principal: Principal,
    ctx: RequestContext,
  ) {
    // A customer signs only as themselves.
    assertMayActOn(principal, { policyholderId: confirmation.signedBy });
    return transaction(this.dataSource, ctx, async (m) => {
      const kase = await this.offers.lock(m, applicationId);
      Object.assign(kase, confirmOffer(kase, confirmation));
      await this.signatures.write(m, [
        {
          signatureId: randomUUID(),
          applicationId,
          purpose: 'offer_confirmation',
          signedBy: confirmation.signedBy,
          signedAt: new Date(confirmation.signedAt),
          documentSha256: confirmation.sha256,
          recordedAt: this.clock.now(),
        },
      ]);
      return this.offers.settle(m, kase);
    });
  }
}
