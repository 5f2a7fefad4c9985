import { CUSTOMER_FACT_FIELDS, isCustomerFactField } from '@insurer/contracts';
import type { CustomerType, PersonalProfile } from './customer-profile';

/** The non-identifying facts other services may replicate (see CustomerFacts in libs/contracts). */
export interface ShareableFacts {
  customerType?: CustomerType;
  gender?: 'male' | 'female';
  birthDate?: string;
  occupationClass?: number;
  annualIncomeFen?: number;
  householdIncomeFen?: number;
  existingCoverFen?: number;
  dependants?: number;
}

export function isFactField(field: string): boolean {
  return isCustomerFactField(field);
}

export function shareableFacts(profile: PersonalProfile, only?: readonly string[]): ShareableFacts {
  const facts: Record<string, unknown> = {};
  for (const field of CUSTOMER_FACT_FIELDS) {
    if (only && !only.includes(field)) continue;
    if (profile[field] !== undefined) facts[field] = profile[field];
  }
  return facts as ShareableFacts;
}
