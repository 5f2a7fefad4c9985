import type { EventPayload } from '@insurer/contracts';
import { completedYears, type CalendarDate } from '@insurer/platform-time';
import type { ProductGrade, RiskLevel } from '../../regulation/domain/grades';
import type { Reason } from '../../regulation/domain/sources';
import { SaleRefusedError } from './sale.errors';
import type { Consent, Relationship } from './parties';
import type { SuitabilityInput, SuitabilityResult } from './suitability';

/**
 * What a quote and an application both establish before any price: the customer is known to sales with the facts
 * rating needs, and the product offers the chosen terms at the customer's age and occupation. No I/O.
 */

export interface SaleTerms {
  /** The policyholder (投保人), the customer the sale is made to. */
  readonly customerId: string;
  /** The insured (被保险人); absent means the policyholder insures themself. */
  readonly insuredId?: string;
  readonly insuredRelationship?: Relationship;
  readonly insuredConsent?: Consent | null;
  readonly productCode: string;
  readonly salespersonId: string;
  readonly paymentMode: string;
  readonly paymentTermYears: number;
  readonly coverageTermYears: number;
}

/** The product terms the sale is checked against. */
export interface OfferedTerms {
  readonly type: string;
  readonly riskGrade: ProductGrade;
  readonly maxSumInsuredIncomeMultiple?: number;
  readonly entryAge: { min: number; max: number };
  readonly occupationClasses: readonly number[];
  readonly coverageTermsYears: readonly number[];
  readonly paymentTermsYears: readonly number[];
  readonly paymentModes: readonly string[];
}

/** The customer's facts as sales keeps them (from customer-svc's events). */
export interface CustomerFacts {
  readonly customerId: string;
  /** `corporate` for a company registered by its unified social credit code: it may pay, not be insured or buy. */
  readonly customerType?: string;
  readonly birthDate: string | null;
  readonly gender: 'male' | 'female' | null;
  readonly occupationClass: number | null;
  readonly riskLevel: string | null;
  readonly riskValidUntil: string | null;
  readonly annualIncomeFen: number | null;
  readonly householdIncomeFen: number | null;
  readonly existingCoverFen: number | null;
  readonly erased: boolean;
}

export type RateableCustomer<C extends CustomerFacts = CustomerFacts> = C & {
  birthDate: string;
  gender: 'male' | 'female';
  occupationClass: number;
};

function unknown(pointer: string): SaleRefusedError {
  return new SaleRefusedError('SALES.CUSTOMER_UNKNOWN', 'the customer is not known to sales', [
    {
      code: 'SALES.CUSTOMER_UNKNOWN',
      message: 'register the customer in customer-svc first (or wait for its event)',
      pointer,
    },
  ]);
}

function corporate(pointer: string, what: string): SaleRefusedError {
  return new SaleRefusedError('SALES.CORPORATE_PARTY', `a company cannot ${what}`, [
    {
      code: 'SALES.CORPORATE_PARTY',
      message: `a company cannot ${what} on a personal product; an employer pays as the payer (payerRelationship employer)`,
      params: { role: what === 'be insured' ? 'insured' : 'policyholder' },
      pointer,
    },
  ]);
}

/** The policyholder is known with a birth date (their age is what dual recording and suitability read). */
export function knownPolicyholder<C extends CustomerFacts>(customer: C | null): C & { birthDate: string } {
  if (!customer || customer.erased) throw unknown('/customerId');
  if (customer.customerType === 'corporate') throw corporate('/customerId', 'buy personal cover');
  if (customer.birthDate === null)
    throw new SaleRefusedError('SALES.CUSTOMER_FACTS_MISSING', 'the policyholder’s birth date is unknown', [
      {
        code: 'SALES.CUSTOMER_FACT_MISSING',
        message: 'birthDate is unknown; collect it',
        params: { fact: 'birthDate' },
        pointer: '/customerId',
      },
    ]);
  return customer as C & { birthDate: string };
}

/** The insured is known and has what rating needs, or the sale is refused naming what is missing. */
export function rateableCustomer<C extends CustomerFacts>(
  customer: C | null,
  pointer = '/customerId',
): RateableCustomer<C> {
  if (!customer || customer.erased) throw unknown(pointer);
  if (customer.customerType === 'corporate') throw corporate(pointer, 'be insured');
  const missing = (['birthDate', 'gender', 'occupationClass'] as const).filter((f) => customer[f] === null);
  if (missing.length) {
    throw new SaleRefusedError(
      'SALES.CUSTOMER_FACTS_MISSING',
      'rating needs facts the customer record lacks',
      missing.map((f) => ({
        code: 'SALES.CUSTOMER_FACT_MISSING',
        message: `${f} is unknown; collect it for quotation`,
        params: { fact: f },
      })),
    );
  }
  return customer as RateableCustomer<C>;
}

/** The entry age (completed years on the effective date, 周岁), refused with every term the product does not offer. */
export function checkOfferedTerms(
  t: OfferedTerms,
  customer: RateableCustomer,
  terms: SaleTerms,
  effectiveDate: CalendarDate,
): number {
  const entryAge = completedYears(customer.birthDate, effectiveDate);
  const reasons: Reason[] = [];
  if (entryAge < t.entryAge.min || entryAge > t.entryAge.max)
    reasons.push({
      code: 'PRODUCT.ENTRY_AGE',
      message: `entry age ${entryAge} is outside ${t.entryAge.min}-${t.entryAge.max}`,
      params: { age: entryAge, min: t.entryAge.min, max: t.entryAge.max },
    });
  if (!t.occupationClasses.includes(customer.occupationClass))
    reasons.push({
      code: 'PRODUCT.OCCUPATION_CLASS',
      message: `occupation class ${customer.occupationClass} is not accepted`,
      params: { occupationClass: customer.occupationClass },
    });
  if (!t.coverageTermsYears.includes(terms.coverageTermYears))
    reasons.push({
      code: 'PRODUCT.COVERAGE_TERM',
      message: `no ${terms.coverageTermYears}-year cover`,
      params: { years: terms.coverageTermYears },
      pointer: '/coverageTermYears',
    });
  if (!t.paymentTermsYears.includes(terms.paymentTermYears))
    reasons.push({
      code: 'PRODUCT.PAYMENT_TERM',
      message: `no ${terms.paymentTermYears}-year payment`,
      params: { terms: 'none', years: terms.paymentTermYears },
      pointer: '/paymentTermYears',
    });
  if (!t.paymentModes.includes(terms.paymentMode))
    reasons.push({
      code: 'PRODUCT.PAYMENT_MODE',
      message: `payment mode ${terms.paymentMode} is not offered`,
      params: { mode: terms.paymentMode },
      pointer: '/paymentMode',
    });
  if (reasons.length)
    throw new SaleRefusedError(
      'SALES.PRODUCT_TERMS',
      'the product does not offer these terms to this customer',
      reasons,
    );
  return entryAge;
}

/**
 * The suitability check's input. Suitability, affordability, the declared existing cover and the buyer's age are the
 * policyholder's (the buyer); the count of similar policies in force is the insured's, as duplicate cover is cover
 * on the same person.
 */
export function suitabilityInput(
  product: Pick<OfferedTerms, 'type' | 'riskGrade' | 'maxSumInsuredIncomeMultiple'>,
  customer: CustomerFacts,
  policyholderAge: number,
  sale: SuitabilityInput['sale'],
  similarPoliciesInForce: number,
  acknowledged: boolean,
  today: CalendarDate,
): SuitabilityInput {
  return {
    product: {
      type: product.type,
      riskGrade: product.riskGrade,
      maxSumInsuredIncomeMultiple: product.maxSumInsuredIncomeMultiple,
    },
    customer: {
      age: policyholderAge,
      riskLevel: customer.riskLevel as RiskLevel | null,
      riskValidUntil: customer.riskValidUntil,
      annualIncomeFen: customer.annualIncomeFen,
      householdIncomeFen: customer.householdIncomeFen,
      existingCoverFen: customer.existingCoverFen,
    },
    sale,
    similarPoliciesInForce,
    acknowledged,
    today,
  };
}

/** A suitability result that stops the sale, as the refusal a caller sees. */
export function refusalFor(result: SuitabilityResult): SaleRefusedError | null {
  if (result.outcome === 'mismatch')
    return new SaleRefusedError(
      'SALES.SUITABILITY_MISMATCH',
      'the product is not suitable for this customer',
      [...result.hard, ...result.soft],
      { outcome: 'mismatch' },
    );
  if (result.outcome === 'advise_stop')
    return new SaleRefusedError(
      'SALES.ADVISE_STOP',
      'advise the customer to stop; continue only with their signed declaration',
      result.soft,
      { outcome: 'advise_stop' },
    );
  return null;
}

/** The assessment as kept and announced for compliance, whatever its outcome. */
export function suitabilityAssessed(
  assessmentId: string,
  customer: CustomerFacts,
  product: { productCode: string; riskGrade: ProductGrade },
  result: SuitabilityResult,
  salespersonId: string,
  now: Date,
): EventPayload<'sales.suitability-assessed'> {
  return {
    assessmentId,
    customerId: customer.customerId,
    productCode: product.productCode,
    productRiskGrade: product.riskGrade,
    customerRiskLevel: customer.riskLevel as RiskLevel | null,
    riskLevelValidUntil: customer.riskValidUntil,
    outcome: result.outcome,
    reasons: [...result.hard, ...result.soft],
    salespersonId,
    assessedAt: now.toISOString(),
  };
}
