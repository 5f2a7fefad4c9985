/** The staff, customer and machine roles that tokens can carry. */
export const ROLES = [
  'customer',
  'agent',
  'underwriter',
  'claims_handler',
  'claims_manager',
  'compliance_officer',
  'analyst',
  'service_rep',
  'admin',
  'integrator',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
