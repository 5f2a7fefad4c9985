import { templateArguments } from '@insurer/platform-i18n';
import { analyseNeeds, type CatalogueEntry, type NeedsInput } from './needs-analysis';
import { NEEDS_TEXTS, needsText } from './needs-texts';

const catalogue: CatalogueEntry[] = [
  {
    productCode: 'TL20',
    name: 'Term Life 20',
    type: 'term_life',
    riskGrade: 'R1',
    entryAge: { min: 18, max: 60 },
    occupationClasses: [1, 2, 3, 4],
  },
  {
    productCode: 'CI',
    name: 'Critical Illness',
    type: 'critical_illness',
    riskGrade: 'R1',
    entryAge: { min: 0, max: 55 },
    occupationClasses: [1, 2, 3, 4, 5, 6],
  },
  {
    productCode: 'MED1',
    name: 'Medical',
    type: 'medical',
    riskGrade: 'R1',
    entryAge: { min: 0, max: 65 },
    occupationClasses: [1, 2, 3, 4],
  },
  {
    productCode: 'PA1',
    name: 'Accident',
    type: 'accident',
    riskGrade: 'R1',
    entryAge: { min: 18, max: 65 },
    occupationClasses: [1, 2, 3, 4, 5],
  },
  {
    productCode: 'UL',
    name: 'Unit-linked',
    type: 'unit_linked',
    riskGrade: 'R4',
    entryAge: { min: 18, max: 65 },
    occupationClasses: [1, 2, 3, 4, 5, 6],
  },
];
/** The analysis as an English reader has it: each reason in words. */
function analyse(input: NeedsInput, entries: readonly CatalogueEntry[]) {
  const analysis = analyseNeeds(input, entries);
  return {
    ...analysis,
    recommendations: analysis.recommendations.map((r) => ({
      ...r,
      reasons: r.reasons.map((reason) => needsText(reason, 'en')),
    })),
    excluded: analysis.excluded.map((e) => ({ ...e, reason: needsText(e.reason, 'en') })),
  };
}

const buyer: NeedsInput = {
  age: 35,
  occupationClass: 2,
  annualIncomeFen: 20_000_000,
  dependants: 2,
  existingCoverFen: 50_000_000,
  riskLevel: 'C3',
  hasMedicalCover: false,
};

describe('needs analysis', () => {
  it('measures the gap: 14 years of a 200,000-yuan income less 500,000 yuan of cover is 2.3 million yuan', () => {
    const result = analyse(buyer, catalogue);
    expect(result.protectionNeedFen).toBe(280_000_000);
    expect(result.protectionGapFen).toBe(230_000_000);
  });

  it('ranks term life first for a family with a gap, and explains why', () => {
    const result = analyse(buyer, catalogue);
    expect(result.recommendations.map((r) => r.productCode)).toEqual(['TL20', 'CI', 'MED1', 'PA1']);
    expect(result.recommendations[0]).toMatchObject({
      suggestedSumInsuredFen: 230_000_000,
      reasons: ['closes a protection gap of 2300000 yuan', '2 dependant(s) rely on the income'],
    });
  });

  it('excludes, with the reason, what the buyer cannot take', () => {
    const result = analyse({ ...buyer, age: 58, hasMedicalCover: true }, catalogue);
    expect(result.excluded).toEqual([
      { productCode: 'CI', reason: 'entry age 0-55' },
      { productCode: 'MED1', reason: 'medical cover already in force (duplicate)' },
      { productCode: 'UL', reason: 'grade R4 above level C3' },
    ]);
  });

  it('recommends nothing graded without a valid risk assessment', () => {
    expect(analyse({ ...buyer, riskLevel: null }, catalogue).recommendations).toEqual([]);
  });
});

describe('needs analysis, every score and reason', () => {
  it('scores and explains each product type for a family with a gap', () => {
    const result = analyse({ ...buyer, riskLevel: 'C5', occupationClass: 3 }, catalogue);
    expect(result.recommendations).toEqual([
      {
        productCode: 'TL20',
        name: 'Term Life 20',
        score: 70,
        reasons: ['closes a protection gap of 2300000 yuan', '2 dependant(s) rely on the income'],
        suggestedSumInsuredFen: 230_000_000,
      },
      {
        productCode: 'CI',
        name: 'Critical Illness',
        score: 40,
        reasons: ['replaces about 3 years of income during a serious illness'],
        suggestedSumInsuredFen: 60_000_000,
      },
      {
        productCode: 'MED1',
        name: 'Medical',
        score: 35,
        reasons: ['covers hospital costs; no medical cover in force'],
        suggestedSumInsuredFen: null,
      },
      {
        // Occupation class 3 and above: accident cover is worth more.
        productCode: 'PA1',
        name: 'Accident',
        score: 35,
        reasons: ['low-cost cover for accidental death and disability'],
        suggestedSumInsuredFen: null,
      },
      {
        productCode: 'UL',
        name: 'Unit-linked',
        score: 5,
        reasons: ['protection gap should be closed first'],
        suggestedSumInsuredFen: null,
      },
    ]);
  });

  it('puts saving first once protection is covered, and gives no dependants bonus to a single buyer', () => {
    const covered = analyse(
      { ...buyer, riskLevel: 'C5', dependants: 0, existingCoverFen: 200_000_000, occupationClass: 2 },
      catalogue,
    );
    expect(covered.protectionNeedFen).toBe(200_000_000);
    expect(covered.protectionGapFen).toBe(0);
    expect(covered.recommendations.map((r) => [r.productCode, r.score])).toEqual([
      ['CI', 40],
      ['MED1', 35],
      ['UL', 30],
      ['PA1', 20],
      ['TL20', 0],
    ]);
    expect(covered.recommendations.find((r) => r.productCode === 'UL')?.reasons).toEqual([
      'protection needs met; suits long-term saving',
    ]);
    expect(covered.recommendations.find((r) => r.productCode === 'TL20')).toMatchObject({
      reasons: [],
      suggestedSumInsuredFen: null,
    });
    const single = analyse({ ...buyer, dependants: 0, existingCoverFen: 0 }, catalogue);
    expect(single.recommendations[0]).toMatchObject({
      productCode: 'TL20',
      score: 50,
      reasons: ['closes a protection gap of 2000000 yuan'],
    });
  });

  it('suggests no critical-illness sum without an income, and never a negative gap', () => {
    const noIncome = analyse({ ...buyer, annualIncomeFen: null }, catalogue);
    expect(noIncome.protectionNeedFen).toBe(0);
    expect(noIncome.protectionGapFen).toBe(0);
    expect(noIncome.recommendations.find((r) => r.productCode === 'CI')?.suggestedSumInsuredFen).toBeNull();
  });

  it('takes the entry ages as inclusive, and refuses an occupation class the product does not accept', () => {
    const codes = (input: Partial<NeedsInput>) =>
      analyse({ ...buyer, ...input }, catalogue).excluded.map((e) => `${e.productCode}: ${e.reason}`);
    expect(codes({ age: 18 })).toEqual(['UL: grade R4 above level C3']);
    expect(codes({ age: 17 })).toEqual([
      'TL20: entry age 18-60',
      'PA1: entry age 18-65',
      'UL: entry age 18-65',
    ]);
    expect(codes({ age: 65 })).toEqual([
      'TL20: entry age 18-60',
      'CI: entry age 0-55',
      'UL: grade R4 above level C3',
    ]);
    expect(codes({ age: 66 })).toEqual([
      'TL20: entry age 18-60',
      'CI: entry age 0-55',
      'MED1: entry age 0-65',
      'PA1: entry age 18-65',
      'UL: entry age 18-65',
    ]);
    expect(codes({ occupationClass: 5 })).toEqual([
      'TL20: occupation class 5 not accepted',
      'MED1: occupation class 5 not accepted',
      'UL: grade R4 above level C3',
    ]);
    expect(codes({ occupationClass: null })).toEqual(['UL: grade R4 above level C3']);
    expect(codes({ riskLevel: null })).toEqual([
      'TL20: no valid risk assessment',
      'CI: no valid risk assessment',
      'MED1: no valid risk assessment',
      'PA1: no valid risk assessment',
      'UL: no valid risk assessment',
    ]);
  });
});

describe('needs analysis, in the customer’s language', () => {
  it('words each reason in Chinese from the same codes, amounts as currency', () => {
    const result = analyseNeeds({ ...buyer, age: 58, hasMedicalCover: true }, catalogue);
    expect(result.recommendations[0].reasons.map((r) => needsText(r, 'zh-CN'))).toEqual([
      '可弥补¥2,300,000.00的保障缺口',
      '有2位家属依靠其收入',
    ]);
    expect(result.excluded.map((e) => [e.productCode, e.reason.code, needsText(e.reason, 'zh-CN')])).toEqual([
      ['CI', 'entryAge', '投保年龄须在0至55周岁之间'],
      ['MED1', 'medicalDuplicate', '已有有效的医疗保险（重复投保）'],
      ['UL', 'gradeAboveLevel', '产品风险等级R4高于客户风险承受能力C3'],
    ]);
  });

  it('asks for the same values in both languages', () => {
    for (const [code, texts] of Object.entries(NEEDS_TEXTS))
      expect([code, templateArguments(texts['zh-CN'])]).toEqual([code, templateArguments(texts.en)]);
  });
});
