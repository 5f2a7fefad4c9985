import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, ResourceNotFoundError } from '@insurer/platform-http';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { ArchiveService } from '../../archive/application/archive.service';
import { SignatureEntity } from '../../archive/infrastructure/archive.entity';
import { PremiumPaymentEntity } from '../../premium/infrastructure/premium-payment.entity';
import { ProductReplicaEntity } from '../../product-replica/infrastructure/product-replica.entity';
import { UnderwritingCaseEntity } from '../../underwriting/infrastructure/underwriting-case.entity';
import { policyNumber } from '../domain/policy-number';
import { coolingOffEndsOn, dueDate, expiryDate, totalInstalments } from '../domain/policy-terms';
import { PolicyEntity, PolicyVersionEntity, type PolicySnapshot } from '../infrastructure/policy.entity';

export class OfferError extends AppError {
  constructor(
    code: string,
    message: string,
    kind: 'rule' | 'conflict' = 'rule',
    extensions: Record<string, unknown> = {},
  ) {
    super(code, kind, message, { extensions });
  }
}

export interface Confirmation {
  readonly signedBy: string;
  readonly signedAt: string;
  readonly sha256: string;
}

export interface FirstPremium {
  readonly amountFen: number;
  readonly paidAt: string;
  readonly method: 'cash' | 'bank_transfer' | 'card' | 'direct_debit';
  readonly payerId: string;
  readonly payerType: 'individual' | 'corporate';
}

/**
 * From acceptance to the policy (manual 3.1, 3.3): the applicant confirms the offer with their own e-signature and the
 * payer pays the first premium (the exact amount, straight to the insurer; a salesperson never handles it). When both
 * are in, the policy is issued in the same transaction: number, dates from the product version it was sold on,
 * premium schedule, the archived schedule document, PremiumPaid and PolicyIssued.
 */
@Injectable()
export class IssuanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly archive: ArchiveService,
  ) {}

  async confirm(applicationId: string, confirmation: Confirmation) {
    return this.dataSource.transaction(async (m) => {
      const kase = await this.lockAwaiting(m, applicationId);
      if (kase.confirmation)
        throw new OfferError('OFFER.ALREADY_CONFIRMED', 'the offer is already confirmed', 'conflict');
      if (confirmation.signedBy !== kase.application.policyholderId) {
        throw new OfferError(
          'OFFER.SIGNED_BY_OTHER',
          "the offer must carry the policyholder's own e-signature",
        );
      }
      kase.confirmation = confirmation;
      await m.insert(SignatureEntity, {
        signatureId: randomUUID(),
        applicationId,
        purpose: 'offer_confirmation',
        signedBy: confirmation.signedBy,
        signedAt: new Date(confirmation.signedAt),
        documentSha256: confirmation.sha256,
        recordedAt: this.clock.now(),
      });
      return this.issueIfReady(m, kase);
    });
  }

  async payFirstPremium(applicationId: string, payment: FirstPremium) {
    return this.dataSource.transaction(async (m) => {
      const kase = await this.lockAwaiting(m, applicationId);
      if (kase.firstPayment)
        throw new OfferError('PREMIUM.ALREADY_PAID', 'the first premium is already paid', 'conflict');
      if (payment.amountFen !== kase.offerPremiumFen) {
        throw new OfferError(
          'PREMIUM.AMOUNT_MISMATCH',
          `the first premium is ${kase.offerPremiumFen} fen, not ${payment.amountFen}`,
          'rule',
          {
            expectedFen: kase.offerPremiumFen,
          },
        );
      }
      if (payment.payerId !== kase.application.payerId) {
        throw new OfferError(
          'PREMIUM.PAYER_MISMATCH',
          'the premium must come from the payer named in the application',
        );
      }
      kase.firstPayment = { paymentId: randomUUID(), ...payment };
      return this.issueIfReady(m, kase);
    });
  }

  private async issueIfReady(m: EntityManager, kase: UnderwritingCaseEntity) {
    if (!kase.confirmation || !kase.firstPayment) {
      await m.save(kase);
      return {
        applicationId: kase.applicationId,
        offerStatus: kase.offerStatus,
        confirmed: !!kase.confirmation,
        paid: !!kase.firstPayment,
        policy: null,
      };
    }
    const app = kase.application;
    const product = await m.findOne(ProductReplicaEntity, {
      where: { productCode: app.productCode, version: app.productVersion },
    });
    if (!product)
      throw new OfferError(
        'OFFER.PRODUCT_UNKNOWN',
        `product ${app.productCode} v${app.productVersion} has not been received`,
        'conflict',
      );
    const now = this.clock.now();
    const today = shanghaiDate(now);
    // Cover starts on the day the premium is in and the policy issued; the electronic policy is delivered now, which
    // starts the cooling-off count from tomorrow.
    const effective = today;
    const [{ seq }] = (await m.query(`SELECT nextval('contract.policy_number_seq') AS seq`)) as {
      seq: string;
    }[];
    const total = totalInstalments(app.paymentMode, app.paymentTermYears);
    const policy = m.create(PolicyEntity, {
      policyId: randomUUID(),
      policyNumber: policyNumber(Number(today.slice(0, 4)), Number(seq)),
      applicationId: app.applicationId,
      productCode: app.productCode,
      productVersion: app.productVersion,
      productType: product.definition.type,
      isLife: product.definition.isLife,
      policyholderId: app.policyholderId,
      insuredId: app.insuredId,
      payerId: app.payerId,
      salespersonId: app.salespersonId,
      channel: app.channel,
      status: 'in_force',
      version: 1,
      sumInsuredFen: app.sumInsuredFen,
      annualPremiumFen: annualFromInstalment(
        kase.offerPremiumFen ?? app.premiumFen,
        app.paymentMode,
        product.definition,
      ),
      premiumFen: kase.offerPremiumFen ?? app.premiumFen,
      paymentMode: app.paymentMode,
      paymentTermYears: app.paymentTermYears,
      coverageTermYears: app.coverageTermYears,
      entryAge: app.insuredAge,
      insuredGender: app.insuredGender,
      loadingPercent: kase.loadingPercent,
      exclusions: [...product.definition.coverages.flatMap((c) => c.exclusions), ...kase.exclusions],
      beneficiaries: app.beneficiaries,
      contact: null,
      effectiveDate: effective,
      expiryDate: expiryDate(effective, app.coverageTermYears),
      coolingOffEndsOn: coolingOffEndsOn(today, product.definition.coolingOffDays),
      instalmentsPaid: 1,
      totalInstalments: total,
      nextDueOn: total > 1 ? dueDate(effective, app.paymentMode, 1) : null,
      premiumsPaidFen: kase.firstPayment.amountFen,
      overdueSince: null,
      graceEndsOn: null,
      lapsedOn: null,
      reinstatableUntil: null,
      endedOn: null,
      endReason: null,
      issuedAt: now,
    });
    await m.insert(PolicyEntity, policy);
    await m.insert(PolicyVersionEntity, {
      policyId: policy.policyId,
      version: 1,
      kind: 'issue',
      snapshot: snapshotOf(policy),
      premiumEffectFen: 0,
      effectiveDate: effective,
      createdBy: 'issue',
      createdAt: now,
    });
    const pay = kase.firstPayment;
    await m.insert(PremiumPaymentEntity, {
      paymentId: pay.paymentId,
      applicationId: app.applicationId,
      policyId: policy.policyId,
      amountFen: pay.amountFen,
      dueOn: effective,
      paidAt: new Date(pay.paidAt),
      method: pay.method,
      payerId: pay.payerId,
      payerType: pay.payerType,
      kind: 'first',
    });
    await this.archive.archiveSchedule(m, policy);
    kase.offerStatus = 'issued';
    await m.save(kase);
    await this.outbox.publish(m, {
      type: 'contract.premium-paid',
      aggregateId: policy.policyId,
      payload: {
        policyId: policy.policyId,
        paymentId: pay.paymentId,
        amountFen: pay.amountFen,
        dueOn: effective,
        paidAt: new Date(pay.paidAt).toISOString(),
        method: pay.method,
        payerId: pay.payerId,
        payerType: pay.payerType,
        payerIsPolicyholder: pay.payerId === policy.policyholderId,
        isFirstPremium: true,
        policyYear: 1,
      },
    });
    await this.outbox.publish(m, {
      type: 'contract.policy-issued',
      aggregateId: policy.policyId,
      payload: {
        policyId: policy.policyId,
        policyNumber: policy.policyNumber,
        applicationId: policy.applicationId,
        policyholderId: policy.policyholderId,
        insuredId: policy.insuredId,
        payerId: policy.payerId,
        productCode: policy.productCode,
        productVersion: policy.productVersion,
        productType: product.definition.type,
        isLife: policy.isLife,
        sumInsuredFen: policy.sumInsuredFen,
        premiumFen: policy.premiumFen,
        paymentMode: policy.paymentMode,
        paymentTermYears: policy.paymentTermYears,
        coverageTermYears: policy.coverageTermYears,
        effectiveDate: policy.effectiveDate,
        expiryDate: policy.expiryDate,
        coolingOffEndsOn: policy.coolingOffEndsOn,
        nextPremiumDueOn: policy.nextDueOn,
        exclusions: policy.exclusions,
        salespersonId: policy.salespersonId,
        channel: policy.channel,
        issuedAt: now.toISOString(),
      },
    });
    return {
      applicationId: kase.applicationId,
      offerStatus: kase.offerStatus,
      confirmed: true,
      paid: true,
      policy,
    };
  }

  private async lockAwaiting(m: EntityManager, applicationId: string): Promise<UnderwritingCaseEntity> {
    const kase = await m.findOne(UnderwritingCaseEntity, {
      where: { applicationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!kase) throw new ResourceNotFoundError('offer', applicationId);
    if (kase.offerStatus !== 'awaiting') {
      throw new OfferError(
        'OFFER.NOT_OPEN',
        `there is no open offer for application ${applicationId} (${kase.offerStatus ?? kase.status})`,
        'conflict',
      );
    }
    return kase;
  }
}

/** The annual premium an instalment stands for, through the product's modal factor. */
export function annualFromInstalment(
  instalmentFen: number,
  mode: string,
  product: { rates?: { modalFactorsBp: Partial<Record<string, number>> } },
): number {
  const factor = product.rates?.modalFactorsBp[mode] ?? 10_000;
  return Math.round((instalmentFen * 10_000) / factor);
}

export function snapshotOf(p: PolicyEntity): PolicySnapshot {
  return {
    status: p.status,
    sumInsuredFen: p.sumInsuredFen,
    annualPremiumFen: p.annualPremiumFen,
    premiumFen: p.premiumFen,
    paymentMode: p.paymentMode,
    beneficiaries: p.beneficiaries,
    contact: p.contact,
    exclusions: p.exclusions,
    loadingPercent: p.loadingPercent,
    nextDueOn: p.nextDueOn,
  };
}
