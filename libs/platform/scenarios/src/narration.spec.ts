import { coolingOff, percent, yuan } from './narration';

describe('the stories’ narration', () => {
  it('says amounts in yuan with thousands separators and two decimals', () => {
    expect(yuan(123_456_789)).toBe('1,234,567.89 yuan');
    expect(yuan(6_000_000)).toBe('60,000.00 yuan');
    expect(yuan(5)).toBe('0.05 yuan');
  });

  it('says ratios as percentages', () => {
    expect(percent(2.4)).toBe('240.0%');
    expect(percent(0.0734)).toBe('7.3%');
    expect(percent(null)).toBe('n/a');
  });

  it('names a cooling-off period only when the product has one', () => {
    expect(coolingOff('2026-12-02', '2026-12-17')).toBe(', cooling-off until 2026-12-17');
    expect(coolingOff('2026-12-02', '2026-12-02')).toBe(', no cooling-off period');
    expect(coolingOff('2026-12-02', null)).toBe(', no cooling-off period');
  });
});
