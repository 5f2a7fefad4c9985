import type { MessageParams } from '@insurer/platform-errors';
export type AuthorityLevel = 'handler' | 'manager' | 'director';

export interface AuthorityLimits {
  /** The most a claims handler may approve, in fen. */
  readonly handlerMaxFen: number;
  /** The most a claims manager may approve; above it a director (role admin) decides. */
  readonly managerMaxFen: number;
}

const RANK: Record<AuthorityLevel, number> = { handler: 1, manager: 2, director: 3 };

export function requiredAuthority(amountFen: number, limits: AuthorityLimits): AuthorityLevel {
  if (amountFen <= limits.handlerMaxFen) return 'handler';
  if (amountFen <= limits.managerMaxFen) return 'manager';
  return 'director';
}

/** The highest authority among the approver's roles. */
export function authorityOf(roles: readonly string[]): AuthorityLevel | null {
  if (roles.includes('admin')) return 'director';
  if (roles.includes('claims_manager')) return 'manager';
  if (roles.includes('claims_handler')) return 'handler';
  return null;
}

/**
 * May this person approve this amount? They need enough authority, and must not be the one who assessed the claim
 * (four eyes).
 */
export function approvalCheck(
  amountFen: number,
  approver: { id: string; roles: readonly string[] },
  assessorId: string | null,
  limits: AuthorityLimits,
):
  { ok: true; level: AuthorityLevel } | { ok: false; code: string; message: string; params?: MessageParams } {
  if (assessorId !== null && approver.id === assessorId) {
    return {
      ok: false,
      code: 'CLAIM.FOUR_EYES',
      message: 'the approver must not be the person who assessed the claim',
    };
  }
  const needed = requiredAuthority(amountFen, limits);
  const held = authorityOf(approver.roles);
  if (held === null || RANK[held] < RANK[needed]) {
    return {
      ok: false,
      code: 'CLAIM.AUTHORITY',
      message: `approving ${amountFen / 100} yuan needs ${needed} authority`,
      params: { amountYuan: amountFen / 100, needed },
    };
  }
  return { ok: true, level: held };
}
