import { analyseNeeds, type CatalogueEntry, type NeedsInput } from './needs-analysis';

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
    const result = analyseNeeds(buyer, catalogue);
    expect(result.protectionNeedFen).toBe(280_000_000);
    expect(result.protectionGapFen).toBe(230_000_000);
  });

  it('ranks term life first for a family with a gap, and explains why', () => {
    const result = analyseNeeds(buyer, catalogue);
    expect(result.recommendations.map((r) => r.productCode)).toEqual(['TL20', 'CI', 'MED1', 'PA1']);
    expect(result.recommendations[0]).toMatchObject({
      suggestedSumInsuredFen: 230_000_000,
      reasons: ['closes a protection gap of 2300000 yuan', '2 dependant(s) rely on the income'],
    });
  });

  it('excludes, with the reason, what the buyer cannot take', () => {
    const result = analyseNeeds({ ...buyer, age: 58, hasMedicalCover: true }, catalogue);
    expect(result.excluded).toEqual([
      { productCode: 'CI', reason: 'entry age 0-55' },
      { productCode: 'MED1', reason: 'medical cover already in force (duplicate)' },
      { productCode: 'UL', reason: 'grade R4 above level C3' },
    ]);
  });

  it('recommends nothing graded without a valid risk assessment', () => {
    expect(analyseNeeds({ ...buyer, riskLevel: null }, catalogue).recommendations).toEqual([]);
  });
});
