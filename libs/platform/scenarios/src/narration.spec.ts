import { templateArguments } from '@insurer/platform-i18n';
import { NARRATION, coolingOff, narrator, percent, yuan } from './narration';

describe('the stories’ narration', () => {
  it('says amounts in yuan with thousands separators and two decimals', () => {
    expect(yuan(123_456_789)).toBe('1,234,567.89 yuan');
    expect(yuan(6_000_000)).toBe('60,000.00 yuan');
    expect(yuan(5)).toBe('0.05 yuan');
    expect(yuan(6_000_000, 'zh-CN')).toBe('60,000.00元');
  });

  it('says ratios as percentages', () => {
    expect(percent(2.4)).toBe('240.0%');
    expect(percent(0.0734)).toBe('7.3%');
    expect(percent(null)).toBe('n/a');
    expect(percent(null, 'zh-CN')).toBe('无');
  });

  it('names a cooling-off period only when the product has one', () => {
    expect(coolingOff('2026-12-02', '2026-12-17')).toBe(', cooling-off until 2026-12-17');
    expect(coolingOff('2026-12-02', '2026-12-02')).toBe(', no cooling-off period');
    expect(coolingOff('2026-12-02', null)).toBe(', no cooling-off period');
    expect(coolingOff('2026-12-02', '2026-12-17', 'zh-CN')).toBe('，犹豫期至2026-12-17');
    expect(coolingOff('2026-12-02', null, 'zh-CN')).toBe('，无犹豫期');
  });

  it('has every line in Chinese and English, asking both for the same values', () => {
    for (const [key, texts] of Object.entries(NARRATION)) {
      expect([key, /[\u4e00-\u9fff]/.test(texts['zh-CN'])]).toEqual([key, true]);
      expect([key, templateArguments(texts['zh-CN'])]).toEqual([key, templateArguments(texts.en)]);
    }
  });

  it('tells a step in Chinese by default and in English when asked', () => {
    const lines: string[] = [];
    narrator((l) => lines.push(l))('paid', { amount: yuan(6_000_000, 'zh-CN') });
    narrator((l) => lines.push(l), 'en')('paid', { amount: yuan(6_000_000, 'en') });
    narrator((l) => lines.push(l), 'en')('familySonSees', { count: 1 });
    expect(lines).toEqual([
      '已赔付：60,000.00元',
      'claim paid: 60,000.00 yuan',
      "the son's own login lists 1 policy on his life; only his mother may act on it",
    ]);
  });
});
