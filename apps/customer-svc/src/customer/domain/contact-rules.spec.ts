import { checkMobile, checkUscc, usccCheckChar } from './contact-rules';

describe('mainland mobile numbers', () => {
  it.each(['13800138000', '19912345678', '15012345678'])('accepts %s', (mobile) => {
    expect(checkMobile(mobile)).toBeNull();
  });

  it.each(['12800138000', '1380013800', '138001380001', '+8613800138000', '2380013800a'])(
    'refuses %s',
    (mobile) => {
      expect(checkMobile(mobile)).toMatchObject({ pointer: '/mobile', rule: 'CONTACT.MOBILE' });
    },
  );
});

describe('unified social credit codes (GB 32100-2015)', () => {
  it.each(['91350100M000100Y43', '91110108551385082Q', '911100001000079554'])('accepts %s', (code) => {
    expect(checkUscc(code)).toBeNull();
  });

  it('computes the check character as 31 - (sum mod 31) over the 31-character set', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(usccCheckChar('91110108551385082')).toBe('Q');
  });

  it.each([
    ['a wrong check character', '91350100M000100Y44', 'USCC.CHECKSUM'],
    ['a forbidden letter I', '91350100I000100Y43', 'USCC.FORMAT'],
    ['17 characters', '91350100M000100Y4', 'USCC.FORMAT'],
    ['letters in the area code', '91A50100M000100Y43', 'USCC.AREA'],
  ])('refuses %s', (_case, code, rule) => {
    expect(checkUscc(code)).toMatchObject({ rule, source: 'GB 32100-2015' });
  });
});
