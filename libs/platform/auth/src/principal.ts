import type { Role } from './roles';

/** Who is calling, as proven by the bearer token. `customerId` is set for the customer role (own data only). */
export interface Principal {
  readonly sub: string;
  readonly roles: readonly Role[];
  readonly customerId?: string;
}

/** Any role but `customer` is the insurer's staff or a partner system acting for it, and may see every record. */
export function isStaff(principal: Pick<Principal, 'roles'>): boolean {
  return principal.roles.some((r) => r !== 'customer');
}

/** The principal an integrator's command acts as: the issuing system, with the integrator role and no customer. */
export function integratorPrincipal(issuer: string): Principal {
  return { sub: `integrator:${issuer}`, roles: ['integrator'] };
}
