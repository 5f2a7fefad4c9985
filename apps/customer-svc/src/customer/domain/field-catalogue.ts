/**
 * PIPL Art. 6 (minimum necessary): each personal field is collected and shown only for the purposes that need it.
 * The identity fields are in every purpose because the insurer must know whose data it holds (KYC, AML Law Art. 16).
 */
export const PURPOSES = ['quotation', 'underwriting', 'claims', 'service', 'marketing'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const PROFILE_FIELDS = [
  'name',
  'idType',
  'idNumber',
  'gender',
  'birthDate',
  'mobile',
  'email',
  'address',
  'occupation',
  'occupationClass',
  'annualIncomeFen',
  'householdIncomeFen',
  'existingCoverFen',
  'dependants',
  'purchaseIntent',
  'bankAccount',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Fields that PIPL Art. 28 treats as sensitive: encrypted, masked by default, unmasked only on a recorded access. */
export const SENSITIVE_FIELDS: readonly ProfileField[] = ['idNumber', 'bankAccount'];

const IDENTITY: readonly ProfileField[] = ['name', 'idType', 'idNumber'];

export const FIELD_CATALOGUE: Readonly<Record<Purpose, readonly ProfileField[]>> = {
  // Rating and suitability: age, gender, occupation, means, needs and what cover exists.
  quotation: [
    ...IDENTITY,
    'gender',
    'birthDate',
    'mobile',
    'occupation',
    'occupationClass',
    'annualIncomeFen',
    'householdIncomeFen',
    'existingCoverFen',
    'dependants',
    'purchaseIntent',
  ],
  // Underwriting adds where the policy goes and the account premiums are debited from.
  underwriting: [
    ...IDENTITY,
    'gender',
    'birthDate',
    'mobile',
    'address',
    'occupation',
    'occupationClass',
    'annualIncomeFen',
    'householdIncomeFen',
    'existingCoverFen',
    'bankAccount',
  ],
  claims: [...IDENTITY, 'gender', 'birthDate', 'mobile', 'address', 'bankAccount'],
  service: [...IDENTITY, 'gender', 'birthDate', 'mobile', 'email', 'address'],
  marketing: [...IDENTITY, 'mobile', 'email', 'address', 'purchaseIntent'],
};

/** The fields of `provided` the purpose does not need: each is refused. */
export function fieldsOutsidePurpose(purpose: Purpose, provided: readonly string[]): string[] {
  const allowed = new Set<string>(FIELD_CATALOGUE[purpose]);
  return provided.filter((field) => !allowed.has(field));
}

/** Only the fields a purpose needs; the rest of the record stays out of the response. */
export function projectForPurpose<T extends Partial<Record<ProfileField, unknown>>>(
  purpose: Purpose,
  profile: T,
): Partial<T> {
  const out: Partial<T> = {};
  for (const field of FIELD_CATALOGUE[purpose]) {
    if (profile[field] !== undefined) (out as Record<string, unknown>)[field] = profile[field];
  }
  return out;
}

/** Keeps only the fields some purpose the data was collected for needs. */
export function limitToPurposes<T extends Partial<Record<ProfileField, unknown>>>(
  purposes: readonly Purpose[],
  profile: T,
): T {
  const allowed = new Set<string>(purposes.flatMap((p) => FIELD_CATALOGUE[p]));
  return Object.fromEntries(Object.entries(profile).filter(([field]) => allowed.has(field))) as T;
}
