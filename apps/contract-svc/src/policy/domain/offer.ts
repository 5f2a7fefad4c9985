import { AppError, type MessageParams } from '@insurer/platform-errors';

/**
 * The offer after acceptance (manual 3.1): the applicant confirms it with their own e-signature and the payer pays the
 * exact first premium, straight to the insurer; once both are in, the policy is issued.
 */

export class OfferError extends AppError {
  constructor(
    code: string,
    message: string,
    kind: 'rule' | 'conflict' = 'rule',
    details: { extensions?: Record<string, unknown>; params?: MessageParams } = {},
  ) {
    super(code, kind, message, details);
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
  readonly currency?: string;
  readonly currencyAmountMinor?: number;
}

export interface OfferState {
  readonly applicationId: string;
  readonly offerStatus: 'awaiting' | 'issued' | 'declined' | null;
  readonly status: string;
  readonly offerPremiumFen: number | null;
  readonly application: {
    policyholderId: string;
    payerId: string;
    insuredAge?: number;
    /** The last day the insured is still the age the premium was rated at (from sales; absent on older applications). */
    ratingAgeValidUntil?: string;
  };
  readonly confirmation: Confirmation | null;
  readonly firstPayment: (FirstPremium & { paymentId: string }) | null;
}

/** Only an awaiting offer can be confirmed or paid. */
export function assertOpen(offer: OfferState): void {
  if (offer.offerStatus !== 'awaiting') {
    throw new OfferError(
      'OFFER.NOT_OPEN',
      `there is no open offer for application ${offer.applicationId} (${offer.offerStatus ?? offer.status})`,
      'conflict',
      { params: { applicationId: offer.applicationId, status: offer.offerStatus ?? offer.status } },
    );
  }
}

export function confirmOffer<S extends OfferState>(offer: S, confirmation: Confirmation): S {
  assertOpen(offer);
  if (offer.confirmation)
    throw new OfferError('OFFER.ALREADY_CONFIRMED', 'the offer is already confirmed', 'conflict');
  if (confirmation.signedBy !== offer.application.policyholderId)
    throw new OfferError('OFFER.SIGNED_BY_OTHER', "the offer must carry the policyholder's own e-signature");
  return { ...offer, confirmation };
}

export function payFirstPremium<S extends OfferState>(offer: S, payment: FirstPremium, paymentId: string): S {
  assertOpen(offer);
  if (offer.firstPayment)
    throw new OfferError('PREMIUM.ALREADY_PAID', 'the first premium is already paid', 'conflict');
  if (payment.amountFen !== offer.offerPremiumFen) {
    throw new OfferError(
      'PREMIUM.AMOUNT_MISMATCH',
      `the first premium is ${offer.offerPremiumFen} fen, not ${payment.amountFen}`,
      'rule',
      {
        extensions: { expectedFen: offer.offerPremiumFen },
        params: { expectedYuan: (offer.offerPremiumFen ?? 0) / 100, paidYuan: payment.amountFen / 100 },
      },
    );
  }
  if (payment.payerId !== offer.application.payerId)
    throw new OfferError(
      'PREMIUM.PAYER_MISMATCH',
      'the premium must come from the payer named in the application',
    );
  return { ...offer, firstPayment: { paymentId, ...payment } };
}

/** Both halves are in: the policy can be issued. */
export function isReadyToIssue(offer: OfferState): boolean {
  return offer.confirmation !== null && offer.firstPayment !== null;
}

/**
 * The rating age is the insured's completed age on the effective date, the day of issue: an offer whose insured has
 * had a birthday since the application was rated is not issued at the younger age (sales quotes it again).
 */
export function assertRatingAgeHolds(offer: OfferState, issueDate: string): void {
  const until = offer.application.ratingAgeValidUntil;
  if (until === undefined || issueDate <= until) return;
  throw new OfferError(
    'OFFER.RATING_AGE_CHANGED',
    `the premium was rated at age ${offer.application.insuredAge}, valid for issue until ${until}; ` +
      `the insured is older on ${issueDate}: quote and apply again`,
    'rule',
    {
      extensions: { ratingAgeValidUntil: until },
      params: { age: offer.application.insuredAge ?? null, until, issueDate },
    },
  );
}
