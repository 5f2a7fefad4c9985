import {
  RISK_QUESTIONNAIRE,
  assessmentValidUntil,
  checkAssessmentFrequency,
  scoreQuestionnaire,
} from './risk-tolerance';

function answersAll(option: (points: readonly number[]) => number): Record<string, number> {
  return Object.fromEntries(RISK_QUESTIONNAIRE.map((q) => [q.id, option(q.points)]));
}

describe('the risk-tolerance questionnaire', () => {
  it('scores the most cautious answers to C1 and the boldest to C5', () => {
    const cautious = answersAll((p) => p.indexOf(Math.min(...p)));
    const bold = answersAll((p) => p.indexOf(Math.max(...p)));
    expect(scoreQuestionnaire(cautious)).toEqual({ ok: true, score: 8, level: 'C1' });
    expect(scoreQuestionnaire(bold)).toEqual({ ok: true, score: 40, level: 'C5' });
  });

  it('maps scores to the five bands', () => {
    // All options worth 3 except the two that have other values at index 2.
    const middle = answersAll(() => 2);
    const result = scoreQuestionnaire(middle);
    expect(result).toMatchObject({ ok: true, level: 'C3' });
  });

  it('refuses a missing, out-of-range or unknown answer, each by its pointer', () => {
    const answers = { ...answersAll(() => 0), horizon: 9, colour: 1 } as Record<string, number>;
    delete answers.age;
    const result = scoreQuestionnaire(answers);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.violations.map((v) => v.pointer)).toEqual([
        '/answers/age',
        '/answers/horizon',
        '/answers/colour',
      ]);
    }
  });
});

describe('assessment frequency (NFRA Order 2025 No. 7)', () => {
  const now = new Date('2026-06-10T03:00:00Z'); // 11:00 in Shanghai

  it('allows two a day and refuses the third', () => {
    const today = [new Date('2026-06-10T01:00:00Z')];
    expect(checkAssessmentFrequency(today, now)).toBeNull();
    today.push(new Date('2026-06-10T02:00:00Z'));
    expect(checkAssessmentFrequency(today, now)).toMatchObject({
      rule: 'SUITABILITY.ASSESSMENT_DAILY_LIMIT',
    });
  });

  it('counts the day in Shanghai time: 23:30 UTC the day before is already today', () => {
    const earlier = [new Date('2026-06-09T16:30:00Z'), new Date('2026-06-09T23:30:00Z')];
    expect(checkAssessmentFrequency(earlier, now)).toMatchObject({
      rule: 'SUITABILITY.ASSESSMENT_DAILY_LIMIT',
    });
    expect(checkAssessmentFrequency([new Date('2026-06-09T15:59:00Z'), earlier[1]], now)).toBeNull();
  });

  it('refuses a ninth inside 12 months and allows it once the oldest falls out', () => {
    const monthly = Array.from({ length: 8 }, (_, i) => new Date(Date.UTC(2025, 6 + i, 15, 3)));
    expect(checkAssessmentFrequency(monthly, now)).toMatchObject({
      rule: 'SUITABILITY.ASSESSMENT_YEARLY_LIMIT',
      source: expect.stringContaining('NFRA Order 2025 No. 7'),
    });
    // The first was on 2025-07-15: it still counts on 2026-07-14 and has dropped out on 2026-07-15.
    expect(checkAssessmentFrequency(monthly, new Date('2026-07-14T03:00:00Z'))).not.toBeNull();
    expect(checkAssessmentFrequency(monthly, new Date('2026-07-15T03:00:00Z'))).toBeNull();
  });

  it('keeps a result valid for 12 months', () => {
    expect(assessmentValidUntil(now)).toBe('2027-06-10');
  });
});
