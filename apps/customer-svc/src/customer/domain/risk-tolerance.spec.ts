import {
  RISK_QUESTIONNAIRE,
  assessmentValidUntil,
  checkAssessmentFrequency,
  scoreQuestionnaire,
} from './risk-tolerance';

/** A question's points, option by option in the order shown. */
const pointsOf = (q: (typeof RISK_QUESTIONNAIRE)[number]) => q.options.map((o) => o.points);

function answersAll(option: (points: readonly number[]) => number): Record<string, number> {
  return Object.fromEntries(RISK_QUESTIONNAIRE.map((q) => [q.id, option(pointsOf(q))]));
}

/** Answers worth exactly `target` points: the cautious set, raised one question at a time. */
function answersScoring(target: number): Record<string, number> {
  const answers = answersAll((p) => p.indexOf(Math.min(...p)));
  let remaining = target - RISK_QUESTIONNAIRE.length;
  for (const q of RISK_QUESTIONNAIRE.filter((x) => x.id !== 'knowledge')) {
    const points = Math.min(1 + remaining, 5);
    answers[q.id] = pointsOf(q).indexOf(points);
    remaining -= points - 1;
  }
  if (remaining !== 0) throw new Error(`no answers score ${target}`);
  return answers;
}

describe('the risk-tolerance questionnaire', () => {
  it('words every question and option for the customer in Chinese and in English', () => {
    const han = /\p{Script=Han}/u;
    for (const q of RISK_QUESTIONNAIRE)
      for (const text of [q.text, ...q.options.map((o) => o.label)]) {
        expect([q.id, han.test(text['zh-CN'])]).toEqual([q.id, true]);
        expect([q.id, /^[\x20-\x7e’]+$/.test(text.en)]).toEqual([q.id, true]);
      }
    expect(RISK_QUESTIONNAIRE.find((q) => q.id === 'age')?.options.map((o) => o.label['zh-CN'])).toEqual([
      '70岁及以上',
      '60至69岁',
      '50至59岁',
      '35至49岁',
      '18至34岁',
    ]);
  });

  it('scores the most cautious answers to C1 and the boldest to C5', () => {
    const cautious = answersAll((p) => p.indexOf(Math.min(...p)));
    const bold = answersAll((p) => p.indexOf(Math.max(...p)));
    expect(scoreQuestionnaire(cautious)).toEqual({ ok: true, score: 8, level: 'C1' });
    expect(scoreQuestionnaire(bold)).toEqual({ ok: true, score: 40, level: 'C5' });
  });

  it.each([
    [14, 'C1'],
    [15, 'C2'],
    [21, 'C2'],
    [22, 'C3'],
    [28, 'C3'],
    [29, 'C4'],
    [34, 'C4'],
    [35, 'C5'],
  ])('maps a score of %i to %s (each band boundary from both sides)', (score, level) => {
    expect(scoreQuestionnaire(answersScoring(score))).toEqual({ ok: true, score, level });
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
