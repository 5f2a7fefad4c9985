import type { z } from 'zod';
import type { CustomerFacts } from './customer.events.v1';

/**
 * The facts of a customer's profile that other services replicate (CustomerFacts without the customer type, which
 * never changes): customer-svc shares exactly these, and a consumer applies exactly these from a profile update.
 */
export const CUSTOMER_FACT_FIELDS = [
  'gender',
  'birthDate',
  'occupationClass',
  'annualIncomeFen',
  'householdIncomeFen',
  'existingCoverFen',
  'dependants',
] as const satisfies readonly (keyof z.infer<typeof CustomerFacts>)[];

export type CustomerFactField = (typeof CUSTOMER_FACT_FIELDS)[number];

export function isCustomerFactField(field: string): field is CustomerFactField {
  return (CUSTOMER_FACT_FIELDS as readonly string[]).includes(field);
}
