import { averageQuality, trainingStanding } from './training';

describe('staff training standing', () => {
  it('flags a rep under 30 hours with the shortfall', () => {
    expect(trainingStanding(12.5)).toEqual({
      hours: 12.5,
      requiredHours: 30,
      shortfallHours: 17.5,
      flagged: true,
    });
  });

  it('does not flag exactly 30 hours, even when they add up from decimals', () => {
    expect(trainingStanding(0.1 + 0.2 + 29.7)).toMatchObject({
      hours: 30,
      flagged: false,
      shortfallHours: 0,
    });
  });

  it('averages quality scores, or says there are none', () => {
    expect(averageQuality([80, 91, 77])).toBe(82.7);
    expect(averageQuality([])).toBeNull();
  });
});
