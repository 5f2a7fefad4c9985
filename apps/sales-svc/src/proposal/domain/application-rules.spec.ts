import {
  HEALTH_QUESTIONS,
  bmi,
  checkBeneficiaries,
  checkHealthAnswers,
  checkSignature,
} from './application-rules';

describe('beneficiary shares (Insurance Law Art. 40)', () => {
  it('accepts shares adding up to exactly 100, thirds included, and none at all (statutory heirs)', () => {
    expect(checkBeneficiaries([{ name: 'A', relationship: 'spouse', sharePercent: 100 }])).toEqual([]);
    expect(
      checkBeneficiaries([
        { name: 'A', relationship: 'child', sharePercent: 33.33 },
        { name: 'B', relationship: 'child', sharePercent: 33.33 },
        { name: 'C', relationship: 'child', sharePercent: 33.34 },
      ]),
    ).toEqual([]);
    expect(checkBeneficiaries([])).toEqual([]);
  });

  it('refuses shares adding up to 90 or 110, and a zero share', () => {
    expect(checkBeneficiaries([{ name: 'A', relationship: 'spouse', sharePercent: 90 }])[0]).toMatchObject({
      code: 'SALES.BENEFICIARY_SHARES_TOTAL',
      message: 'beneficiary shares add up to 90%, not 100%',
    });
    expect(
      checkBeneficiaries([
        { name: 'A', relationship: 'x', sharePercent: 60 },
        { name: 'B', relationship: 'x', sharePercent: 50 },
      ])[0].code,
    ).toBe('SALES.BENEFICIARY_SHARES_TOTAL');
    expect(
      checkBeneficiaries([
        { name: 'A', relationship: 'x', sharePercent: 100 },
        { name: 'B', relationship: 'x', sharePercent: 0 },
      ])[0],
    ).toMatchObject({
      code: 'SALES.BENEFICIARY_SHARE',
      pointer: '/beneficiaries/1/sharePercent',
    });
  });
});

describe('the e-signature', () => {
  it("must be the policyholder's own; a salesperson signing for them is refused by name", () => {
    expect(checkSignature('c-1', 'c-1', 's-1')).toEqual([]);
    expect(checkSignature('s-1', 'c-1', 's-1')[0].code).toBe('SALES.SIGNED_BY_SALESPERSON');
    expect(checkSignature('x-9', 'c-1', 's-1')[0].code).toBe('SALES.SIGNED_BY_OTHER');
  });
});

describe('health questions', () => {
  const allNo = HEALTH_QUESTIONS.map((q) => ({ questionId: q.id, answer: false }));

  it('are worded for the applicant in Chinese and in English, each a question', () => {
    for (const q of HEALTH_QUESTIONS) {
      expect([q.id, /\p{Script=Han}.*？$/u.test(q.text['zh-CN'])]).toEqual([q.id, true]);
      expect([q.id, /^[\x20-\x7e]+\?$/.test(q.text.en)]).toEqual([q.id, true]);
    }
  });

  it('accepts every specific question answered', () => {
    expect(checkHealthAnswers('critical_illness', allNo)).toEqual([]);
  });

  it('asks accident cover nothing', () => {
    expect(checkHealthAnswers('accident', [])).toEqual([]);
  });

  it('refuses a missing answer, an unknown question and a "yes" without details', () => {
    const answers = [...allNo.slice(1), { questionId: 'feeling_well', answer: true }];
    answers[0] = { questionId: 'cancer', answer: true };
    const codes = checkHealthAnswers('term_life', answers).map((r) => r.code);
    expect(codes).toEqual([
      'SALES.HEALTH_UNANSWERED',
      'SALES.HEALTH_DETAILS',
      'SALES.HEALTH_UNKNOWN_QUESTION',
    ]);
  });

  it('computes BMI to one decimal', () => {
    expect(bmi(175, 70)).toBe(22.9);
    expect(bmi(undefined, 70)).toBeNull();
  });
});
