import { maskLastFour, redactSensitive } from './redact';

describe('redactSensitive', () => {
  it('masks ID numbers, bank accounts and mobiles to their last four, and removes health answers and contacts', () => {
    const command = {
      commandId: 'c-1',
      payload: {
        payee: { name: '张三', bankAccount: '6222021001122334455' },
        insured: { idNumber: '11010519491231002X', mobile: '13800138000', email: 'a@b.cn' },
        healthAnswers: [{ questionId: 'cancer', answer: true, details: 'x' }],
        amountFen: 500_000,
      },
    };
    const { value, paths } = redactSensitive(Buffer.from(JSON.stringify(command)));
    expect(JSON.parse(value!.toString())).toEqual({
      commandId: 'c-1',
      payload: {
        payee: { name: '张三', bankAccount: '***************4455' },
        insured: { idNumber: '**************002X', mobile: '*******8000', email: '[redacted]' },
        healthAnswers: '[redacted]',
        amountFen: 500_000,
      },
    });
    expect(paths).toEqual([
      '/payload/payee/bankAccount',
      '/payload/insured/idNumber',
      '/payload/insured/mobile',
      '/payload/insured/email',
      '/payload/healthAnswers',
    ]);
  });

  it('leaves a value without sensitive fields byte for byte, and an empty one as it is', () => {
    const raw = Buffer.from('{"eventId":"e","payload":{"amountFen":1}}');
    expect(redactSensitive(raw)).toEqual({ value: raw, paths: [] });
    expect(redactSensitive(null)).toEqual({ value: null, paths: [] });
    expect(redactSensitive(Buffer.alloc(0)).paths).toEqual([]);
  });

  it('masks long digit runs in a value that is not JSON', () => {
    const { value, paths } = redactSensitive(
      Buffer.from('id 11010519491231002X acct 6222021001122334455 n 123'),
    );
    expect(value!.toString()).toBe('id **************002X acct ***************4455 n 123');
    expect(paths).toEqual(['*']);
  });

  it('masks short values entirely', () => {
    expect(maskLastFour('1234')).toBe('****');
    expect(maskLastFour('12345')).toBe('*2345');
  });
});
