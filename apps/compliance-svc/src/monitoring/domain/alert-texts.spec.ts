import { ALERT_TEXTS, LOCALES, type AlertMessage } from '@insurer/contracts';
import { templateArguments } from '@insurer/platform-i18n';
import { alertText, said } from './alert-texts';

describe('alert texts', () => {
  it('ask for the same values in both languages, so a stored message words itself in either', () => {
    for (const [code, texts] of Object.entries(ALERT_TEXTS))
      expect([code, templateArguments(texts['zh-CN'])]).toEqual([code, templateArguments(texts.en)]);
  });

  it('word a foreign-currency payout and a premium in each language, amounts as each reads them', () => {
    const payout = said('largeValue', {
      method: 'cash',
      direction: 'out',
      purpose: 'surrender_refund',
      amountYuan: 71_234.5,
      currency: 'USD',
      currencyAmount: 10_000,
      policyId: 'P-1',
    });
    expect(payout.summary).toBe(
      'large-value cash payout (surrender_refund) of 71234.5 yuan (USD 10000) on policy P-1',
    );
    expect(alertText(payout.message, 'zh-CN')).toBe(
      '保单P-1大额现金付款（退保金）¥71,234.50（原币USD 10000）',
    );
  });

  it('say which window an application after a failed verification fell in', () => {
    const values = { applicationId: 'A-1', windowDays: 30, rejectedOn: '2026-06-01' };
    const sameDay = said('identityThenPurchase', { ...values, when: 'same_day' });
    const later = said('identityThenPurchase', { ...values, when: 'later' });
    expect([sameDay.summary, later.summary]).toEqual([
      'application A-1 made on the day after an identity verification failed (2026-06-01)',
      'application A-1 made within 30 days after an identity verification failed (2026-06-01)',
    ]);
    expect([alertText(sameDay.message, 'zh-CN'), alertText(later.message, 'zh-CN')]).toEqual([
      '身份核验于2026-06-01未通过，当日即提交投保单A-1',
      '身份核验于2026-06-01未通过，30日内即提交投保单A-1',
    ]);
  });

  it('list a salesperson’s problems in the reader’s language, each worded by its own text', () => {
    const { message, summary } = said('salespersonNotQualified', { salespersonId: 'S-9' }, [
      { code: 'unlicensed', values: {} },
      { code: 'salespersonStatus', values: { status: 'departed' } },
      { code: 'aboveGradeAuthority', values: { grade: 'G1', ceiling: 'R2', productGrade: 'R4' } },
    ]);
    expect(summary).toBe(
      'salesperson S-9 sold while unlicensed, departed, graded G1 (up to R2) for an R4 product',
    );
    expect(alertText(message, 'zh-CN')).toBe(
      '销售人员S-9不具备销售资格：无有效执业登记；已离职；G1级销售人员（可售至R2级）销售R4级产品',
    );
  });

  it('leave a message of a code this build does not know unworded, for the caller to fall back on', () => {
    const newer = { code: 'notYetKnown', values: {} } as unknown as AlertMessage;
    for (const locale of LOCALES) expect(alertText(newer, locale)).toBeUndefined();
  });
});
