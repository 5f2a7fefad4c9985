import { RULE_TEXTS } from '@insurer/contracts';
import { citation, formatText, joinTexts, negotiateLocale, ruleText, templateArguments } from './index';

describe('choosing the language of an answer (Accept-Language)', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['zh-TW,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['fr-FR,fr;q=0.9', 'zh-CN'],
    ['fr;q=1, en;q=0.5', 'en'],
    ['zh;q=0.2, en;q=0.8', 'en'],
    ['en;q=0, zh-CN', 'zh-CN'],
    ['*', 'zh-CN'],
    ['not a tag!!, en', 'en'],
  ])('%p is answered in %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});

describe('registry texts', () => {
  it('fills a text with its values in each language, amounts in yuan with separators', () => {
    expect(ruleText('LOAN.OVERPAID', 'zh-CN', { owedYuan: 12345.6 })).toBe(
      '欠款为¥12,345.60；还款不能超过此数。',
    );
    expect(ruleText('LOAN.OVERPAID', 'en', { owedYuan: 12345.6 })).toBe(
      'CN¥12,345.60 is owed; pay at most that.',
    );
    expect(
      ruleText('POLICY.WRONG_STATE', 'zh-CN', {
        policyNumber: 'P1',
        status: 'surrendered',
        action: 'endorsed',
      }),
    ).toBe('保单P1当前状态为已退保，不能批改。');
  });

  it('fails loudly on a missing value under I18N_STRICT and shows a dash otherwise, never throwing a 500 in production', () => {
    const strict = process.env['I18N_STRICT'];
    try {
      process.env['I18N_STRICT'] = '1';
      expect(() => ruleText('CLAIM.TIME_BARRED', 'en', {})).toThrow(/needs years/);
      process.env['I18N_STRICT'] = '';
      expect(ruleText('CLAIM.TIME_BARRED', 'en', {})).toBe('Claims expire — years after the event.');
    } finally {
      process.env['I18N_STRICT'] = strict;
    }
  });

  it('needs only the values of the branch a select takes', () => {
    const strict = process.env['I18N_STRICT'];
    try {
      process.env['I18N_STRICT'] = '1';
      expect(ruleText('CUSTOMER.UNMASK_FORBIDDEN', 'zh-CN', { reason: 'role', roles: 'admin' })).toBe(
        '查看明文须具有以下角色之一：admin。',
      );
    } finally {
      process.env['I18N_STRICT'] = strict;
    }
  });

  it('reads the arguments of nested branches', () => {
    expect(templateArguments(RULE_TEXTS['CLAIM.SUICIDE_EXCLUSION']!.en)).toEqual([
      'from',
      'fromDate',
      'until',
    ]);
  });

  it('cites a source in the language of the text and joins reasons with its punctuation', () => {
    expect(citation('Insurance Law Art. 16', 'zh-CN')).toBe('《中华人民共和国保险法》第十六条');
    expect(citation('Insurance Law Art. 16', 'en')).toBe('Insurance Law Art. 16');
    expect(joinTexts('理赔申请不能受理。', ['甲。', '乙。'], 'zh-CN')).toBe('理赔申请不能受理：甲；乙。');
    expect(joinTexts('The claim cannot be taken.', ['a.', 'b.'], 'en')).toBe(
      'The claim cannot be taken: a; b.',
    );
  });

  it('formats a service text with the same strictness', () => {
    expect(formatText('t', '{n, plural, one {# policy} other {# policies}}', 'en', { n: 2 })).toBe(
      '2 policies',
    );
  });
});
