import type { EventPayload } from '@insurer/contracts';
import { rate, type PaymentMode, type RateTable, type Rating } from '../../product/domain/rating';
import type { Consent, Relationship } from '../../suitability/domain/parties';
import { SaleRefusedError } from '../../suitability/domain/sale.errors';
import type { Outcome } from '../../suitability/domain/suitability';
import { quoteValidUntil } from './quote-validity';

/**
 * The quote (manual 2.2): the price of chosen terms for a policyholder insuring themself or another person, valid for a set time, issued only once every
 * sales-conduct check has passed. No I/O.
 */

export type Channel = 'agent' | 'bank' | 'telesales' | 'online' | 'broker';

export interface QuoteRequest {
  /** The policyholder (投保人): the buyer, whom suitability reads. */
  readonly customerId: string;
  /** The insured (被保险人), whom rating reads; absent means the policyholder insures themself. */
  readonly insuredId?: string;
  readonly insuredRelationship?: Relationship;
  readonly insuredConsent?: Consent;
  readonly productCode: string;
  readonly sumInsuredFen?: number;
  readonly premiumFen?: number;
  readonly paymentMode: PaymentMode;
  readonly paymentTermYears: number;
  readonly coverageTermYears: number;
  readonly salespersonId: string;
  readonly channel: Channel;
  /** The customer's signed declaration, where an "advise to stop" finding may be overridden. */
  readonly acknowledgement?: { signedBy: string; signedAt: string; sha256: string };
}

export interface QuoteState {
  readonly quoteId: string;
  /** The policyholder. */
  readonly customerId: string;
  readonly insuredId: string;
  readonly insuredRelationship: Relationship;
  readonly insuredConsent: Consent | null;
  readonly productCode: string;
  readonly productVersion: number;
  readonly sumInsuredFen: number;
  readonly annualPremiumFen: number;
  readonly premiumFen: number;
  readonly paymentMode: PaymentMode;
  readonly paymentTermYears: number;
  readonly coverageTermYears: number;
  readonly entryAge: number;
  readonly occupationClass: number;
  readonly salespersonId: string;
  readonly channel: Channel;
  readonly suitabilityOutcome: string;
  readonly acknowledgement: { signedBy: string; signedAt: string; sha256: string } | null;
  readonly validUntil: string;
  readonly issuedAt: Date;
}

/** Rates the request from the sum insured or the premium, within the product's sum insured range. */
export function price(
  table: RateTable | null,
  insured: { entryAge: number; gender: 'male' | 'female'; occupationClass: number },
  request: QuoteRequest,
  range: { min: number; max: number } | undefined,
): Rating {
  if (!table)
    throw new SaleRefusedError('SALES.NOT_RATED', 'the product has no rate table', [
      { code: 'RATING.NO_TABLE', message: 'no rate table' },
    ]);
  const start =
    request.sumInsuredFen !== undefined
      ? { sumInsuredFen: request.sumInsuredFen }
      : { premiumFen: request.premiumFen ?? 0 };
  const rated = rate(
    table,
    {
      entryAge: insured.entryAge,
      gender: insured.gender,
      paymentTermYears: request.paymentTermYears,
      paymentMode: request.paymentMode,
      occupationClass: insured.occupationClass,
    },
    start,
  );
  if (!rated.ok)
    throw new SaleRefusedError('SALES.NOT_RATED', 'the product cannot be rated for this customer', [
      { code: rated.code, message: rated.message, ...(rated.params ? { params: rated.params } : {}) },
    ]);
  const { sumInsuredFen } = rated.rating;
  if (range && (sumInsuredFen < range.min || sumInsuredFen > range.max)) {
    throw new SaleRefusedError('SALES.SUM_INSURED_RANGE', 'the sum insured is outside the product limits', [
      {
        code: 'PRODUCT.SUM_INSURED',
        message: `sum insured must be between ${range.min / 100} and ${range.max / 100} yuan`,
        params: { minYuan: range.min / 100, maxYuan: range.max / 100 },
        pointer: '/sumInsuredFen',
      },
    ]);
  }
  return rated.rating;
}

/** The quote issued on its rating, with the suitability outcome that let it through, valid for its period. */
export function issueQuote(
  quoteId: string,
  request: QuoteRequest,
  sold: {
    productCode: string;
    productVersion: number;
    entryAge: number;
    occupationClass: number;
    outcome: Outcome;
    /** The salesperson's standing the sale was allowed on, carried by the event. */
    salespersonStanding: NonNullable<EventPayload<'sales.quote-issued'>['salespersonStanding']>;
  },
  rating: Rating,
  now: Date,
): { state: QuoteState; event: EventPayload<'sales.quote-issued'> } {
  const state: QuoteState = {
    quoteId,
    customerId: request.customerId,
    insuredId: request.insuredId ?? request.customerId,
    insuredRelationship: request.insuredRelationship ?? 'self',
    insuredConsent: request.insuredConsent ?? null,
    productCode: sold.productCode,
    productVersion: sold.productVersion,
    sumInsuredFen: rating.sumInsuredFen,
    annualPremiumFen: rating.annualPremiumFen,
    premiumFen: rating.premiumFen,
    paymentMode: request.paymentMode,
    paymentTermYears: request.paymentTermYears,
    coverageTermYears: request.coverageTermYears,
    entryAge: sold.entryAge,
    occupationClass: sold.occupationClass,
    salespersonId: request.salespersonId,
    channel: request.channel,
    suitabilityOutcome: sold.outcome,
    acknowledgement: request.acknowledgement ?? null,
    validUntil: quoteValidUntil(now),
    issuedAt: now,
  };
  return {
    state,
    event: {
      quoteId,
      customerId: state.customerId,
      insuredId: state.insuredId,
      insuredRelationship: state.insuredRelationship,
      productCode: state.productCode,
      productVersion: state.productVersion,
      sumInsuredFen: state.sumInsuredFen,
      premiumFen: state.premiumFen,
      paymentMode: state.paymentMode,
      paymentTermYears: state.paymentTermYears,
      coverageTermYears: state.coverageTermYears,
      salespersonId: state.salespersonId,
      salespersonStanding: sold.salespersonStanding,
      channel: state.channel,
      validUntil: state.validUntil,
      issuedAt: now.toISOString(),
    },
  };
}
