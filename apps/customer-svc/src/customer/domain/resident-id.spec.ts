import { checkResidentId, residentIdCheckChar } from './resident-id';

const TODAY = '2026-11-25';

/** Builds a valid number from its parts so each test states only what it varies. */
function residentId(area: string, birth: string, sequence: string): string {
  const first17 = area + birth + sequence;
  return first17 + residentIdCheckChar(first17);
}

describe('resident ID numbers (GB 11643-1999)', () => {
  it('accepts the standard example with an X check character and derives birth date and gender', () => {
    const result = checkResidentId('11010519491231002X', TODAY);
    expect(result).toEqual({
      ok: true,
      facts: { normalised: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' },
    });
  });

  it('accepts a lowercase x and reads an odd sequence as male', () => {
    const id = residentId('440308', '19860715', '123');
    expect(checkResidentId(id.toLowerCase(), TODAY)).toMatchObject({
      ok: true,
      facts: { birthDate: '1986-07-15', gender: 'male' },
    });
  });

  it('computes the check character as sum(digit x weight) mod 11 through 10X98765432', () => {
    // 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2 = 167; 167 mod 11 = 2 -> 'X'
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
  });

  it.each([
    ['too short', '11010519491231002', 'ID.FORMAT'],
    ['a 15-digit first-generation number', '110105491231002', 'ID.LEGACY_15_DIGIT'],
    ['16 digits', '1101054912310021', 'ID.FORMAT'],
    ['a letter inside', '1101051949123A002X', 'ID.FORMAT'],
    ['an unknown province', residentId('990105', '19491231', '002'), 'ID.AREA'],
    ['February 30th', residentId('110105', '19900230', '002'), 'ID.BIRTH_DATE'],
    ['month 13', residentId('110105', '19901301', '002'), 'ID.BIRTH_DATE'],
    ['before 1900', residentId('110105', '18991231', '002'), 'ID.BIRTH_DATE'],
    ['a birth date in the future', residentId('110105', '20270101', '002'), 'ID.BIRTH_DATE_FUTURE'],
    ['a wrong check character', '110105194912310021', 'ID.CHECKSUM'],
  ])('refuses %s', (_case, id, rule) => {
    const result = checkResidentId(id, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.violation).toMatchObject({ pointer: '/idNumber', rule, source: 'GB 11643-1999' });
    }
  });

  it('says what to give instead of a 15-digit number', () => {
    const result = checkResidentId('110105491231002', TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.violation.message).toMatch(/18-character number on the current card/);
  });
});
