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

/**
 * The profile fields that identify a customer. customer-svc names them in `customer.profile-updated`'s
 * `changedFields` (never their values), and a change to any of them makes the identity unverified until a new
 * `customer.identity-verified`: a replica that keeps whether a customer is verified drops it on such an update.
 */
export const IDENTITY_FIELDS: readonly string[] = ['name', 'idType', 'idNumber'];

/** Whether a profile update changed who the customer is (see IDENTITY_FIELDS). */
export function changesIdentity(changedFields: readonly string[]): boolean {
  return changedFields.some((field) => IDENTITY_FIELDS.includes(field));
}
