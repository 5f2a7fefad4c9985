import type { AuthorityLimits } from '../domain/authority';

export const CLAIMS_SETTINGS = Symbol('CLAIMS_SETTINGS');

export interface ClaimsSettings {
  readonly dataKey: Buffer;
  readonly limits: AuthorityLimits;
  /** Annual interest in basis points for the late-payment exposure. */
  readonly lateInterestBp: number;
}
