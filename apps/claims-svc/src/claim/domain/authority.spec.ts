import { approvalCheck, requiredAuthority } from './authority';

const limits = { handlerMaxFen: 5_000_000, managerMaxFen: 50_000_000 };

describe('approval authority', () => {
  it('routes by amount: handler up to 50,000 yuan, manager up to 500,000, director above', () => {
    expect(requiredAuthority(5_000_000, limits)).toBe('handler');
    expect(requiredAuthority(5_000_001, limits)).toBe('manager');
    expect(requiredAuthority(50_000_000, limits)).toBe('manager');
    expect(requiredAuthority(50_000_001, limits)).toBe('director');
  });

  it('lets a higher authority approve a smaller amount and refuses a lower one', () => {
    expect(approvalCheck(1_000, { id: 'm', roles: ['claims_manager'] }, 'h', limits)).toEqual({
      ok: true,
      level: 'manager',
    });
    expect(approvalCheck(6_000_000, { id: 'h2', roles: ['claims_handler'] }, 'h', limits)).toMatchObject({
      ok: false,
      code: 'CLAIM.AUTHORITY',
    });
    expect(approvalCheck(60_000_000, { id: 'd', roles: ['admin'] }, 'h', limits)).toEqual({
      ok: true,
      level: 'director',
    });
    expect(approvalCheck(1_000, { id: 'x', roles: ['underwriter'] }, 'h', limits)).toMatchObject({
      ok: false,
      code: 'CLAIM.AUTHORITY',
    });
  });

  it('refuses the assessor approving their own assessment (four eyes)', () => {
    expect(approvalCheck(1_000, { id: 'h', roles: ['claims_manager'] }, 'h', limits)).toMatchObject({
      ok: false,
      code: 'CLAIM.FOUR_EYES',
    });
  });
});
