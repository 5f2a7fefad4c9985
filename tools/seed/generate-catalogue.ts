/**
 * Writes the starter catalogue under apps/sales-svc/seed/: for each product its definition (product.json), its rate
 * table (rates.csv) and, for cover over one year, its cash values (cash-values.csv). The tables come from simple
 * actuarial shapes (mortality and morbidity rising exponentially with age, a level premium with expense loading, a
 * reserve that builds and runs off), so they behave like real tables: older costs more, women pay less for life
 * cover, a shorter payment term costs more a year. Run `node dist/tools/seed/generate-catalogue.js` after a change.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@insurer/platform-testing';

type Gender = 'male' | 'female';
const GENDERS: Gender[] = ['male', 'female'];

interface SeedProduct {
  readonly definition: Record<string, unknown> & {
    productCode: string;
    entryAge: { min: number; max: number };
    paymentTermsYears: number[];
    coverageTermsYears: number[];
  };
  /** Annual rate in fen per 1,000 yuan (or sum insured per 1,000 yuan of premium). */
  readonly rate: (age: number, gender: Gender, paymentTerm: number) => number;
  /** Cash value per 1,000 yuan of sum insured at the end of each policy year, in fen; absent for one-year cover. */
  readonly cashValues?: (age: number, gender: Gender, paymentTerm: number, years: number) => number[];
}

/** Mean of an annual rate over `years` years starting at `age`: what a level premium has to cover. */
function levelRate(q: (age: number) => number, age: number, years: number): number {
  let sum = 0;
  for (let t = 0; t < years; t += 1) sum += q(age + t);
  return sum / years;
}

/** A reserve that builds while premiums are paid and runs off towards the end of cover. */
function runOffValues(annualRateFen: number, paymentTerm: number, years: number, share: number): number[] {
  return Array.from({ length: years }, (_, i) => {
    const t = i + 1;
    if (t === 1) return 0;
    return Math.round(annualRateFen * Math.min(t, paymentTerm) * share * ((years - t) / years));
  });
}

const mortality = (gender: Gender) => (age: number) =>
  0.0005 * Math.exp(0.085 * (age - 30)) * (gender === 'female' ? 0.75 : 1);
const morbidity = (gender: Gender) => (age: number) =>
  Math.max(0.0004, 0.0012 * Math.exp(0.075 * (age - 30))) * (gender === 'female' ? 1.1 : 1);

const exclusionsLife = [
  'suicide within 2 years of issue',
  'drunk or unlicensed driving',
  'wilful act of the policyholder',
];

const products: SeedProduct[] = [
  {
    definition: {
      productCode: 'TL20',
      name: 'Family Protector Term Life',
      type: 'term_life',
      riskGrade: 'R1',
      isLife: true,
      entryAge: { min: 18, max: 60 },
      occupationClasses: [1, 2, 3, 4],
      coverageTermsYears: [20],
      paymentTermsYears: [10, 20],
      paymentModes: ['annual', 'monthly'],
      coolingOffDays: 15,
      dualRecordingRequired: false,
      maxSumInsuredIncomeMultiple: 10,
      limitationYears: 5,
      sumInsuredRangeFen: { min: 10_000_000, max: 500_000_000 },
      coverages: [
        {
          code: 'DEATH',
          name: 'Death or total disability',
          claimTypes: ['death', 'accident_disability'],
          sumInsuredPercent: 100,
          waitingPeriodDays: 90,
          deductibleFen: 0,
          coPaymentPercent: 0,
          exclusions: exclusionsLife,
        },
      ],
      rating: {
        basis: 'premium_per_1000_sum_insured',
        rounding: { mode: 'half_up', unitFen: 1 },
        sumInsuredUnitFen: 100_000,
        occupationLoadingsBp: { '1': 0, '2': 0, '3': 1500, '4': 4000 },
        modalFactorsBp: { annual: 10_000, monthly: 900 },
      },
    },
    rate: (age, gender, pay) =>
      Math.round(levelRate(mortality(gender), age, 20) * 100_000 * 1.4 * (20 / pay) ** 0.8),
    cashValues: (age, gender, pay, years) =>
      runOffValues(
        Math.round(levelRate(mortality(gender), age, 20) * 100_000 * 1.4 * (20 / pay) ** 0.8),
        pay,
        years,
        0.3,
      ),
  },
  {
    definition: {
      productCode: 'CI30',
      name: 'Health Guardian Critical Illness',
      type: 'critical_illness',
      riskGrade: 'R1',
      isLife: false,
      entryAge: { min: 0, max: 55 },
      occupationClasses: [1, 2, 3, 4, 5, 6],
      coverageTermsYears: [30],
      paymentTermsYears: [10, 20],
      paymentModes: ['annual', 'monthly'],
      coolingOffDays: 20,
      dualRecordingRequired: false,
      maxSumInsuredIncomeMultiple: 5,
      limitationYears: 2,
      sumInsuredRangeFen: { min: 5_000_000, max: 100_000_000 },
      coverages: [
        {
          code: 'CI',
          name: '28 specified critical illnesses (China Insurance Association definitions)',
          claimTypes: ['critical_illness'],
          sumInsuredPercent: 100,
          waitingPeriodDays: 180,
          deductibleFen: 0,
          coPaymentPercent: 0,
          exclusions: [
            'pre-existing conditions not declared',
            'congenital conditions',
            'HIV infection except by transfusion or at work',
          ],
        },
        {
          code: 'DEATH',
          name: 'Death before a critical illness claim',
          claimTypes: ['death'],
          sumInsuredPercent: 100,
          waitingPeriodDays: 180,
          deductibleFen: 0,
          coPaymentPercent: 0,
          exclusions: exclusionsLife,
        },
      ],
      rating: {
        basis: 'premium_per_1000_sum_insured',
        rounding: { mode: 'half_up', unitFen: 1 },
        sumInsuredUnitFen: 100_000,
        occupationLoadingsBp: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 1000, '6': 2000 },
        modalFactorsBp: { annual: 10_000, monthly: 900 },
      },
    },
    rate: (age, gender, pay) =>
      Math.round(levelRate(morbidity(gender), age, 30) * 100_000 * 1.35 * (30 / pay) ** 0.75),
    cashValues: (age, gender, pay, years) =>
      runOffValues(
        Math.round(levelRate(morbidity(gender), age, 30) * 100_000 * 1.35 * (30 / pay) ** 0.75),
        pay,
        years,
        0.5,
      ),
  },
  {
    definition: {
      productCode: 'MED1',
      name: 'Million Medical (one year)',
      type: 'medical',
      riskGrade: 'R1',
      isLife: false,
      entryAge: { min: 0, max: 65 },
      occupationClasses: [1, 2, 3, 4],
      coverageTermsYears: [1],
      paymentTermsYears: [1],
      paymentModes: ['annual', 'monthly'],
      coolingOffDays: 0,
      dualRecordingRequired: false,
      limitationYears: 2,
      sumInsuredRangeFen: { min: 200_000_000, max: 200_000_000 },
      coverages: [
        {
          code: 'HOSP',
          name: 'Hospital treatment',
          claimTypes: ['hospitalisation'],
          sumInsuredPercent: 100,
          waitingPeriodDays: 30,
          deductibleFen: 1_000_000,
          coPaymentPercent: 0,
          annualLimitFen: 200_000_000,
          exclusions: ['cosmetic treatment', 'pre-existing conditions', 'treatment outside mainland China'],
        },
        {
          code: 'OUTP',
          name: 'Special outpatient (cancer, dialysis)',
          claimTypes: ['outpatient'],
          sumInsuredPercent: 100,
          waitingPeriodDays: 30,
          deductibleFen: 1_000_000,
          coPaymentPercent: 0,
          annualLimitFen: 200_000_000,
          exclusions: ['routine check-ups'],
        },
      ],
      rating: {
        basis: 'premium_per_1000_sum_insured',
        rounding: { mode: 'half_up', unitFen: 1 },
        sumInsuredUnitFen: 100_000,
        occupationLoadingsBp: { '1': 0, '2': 0, '3': 1000, '4': 2500 },
        modalFactorsBp: { annual: 10_000, monthly: 900 },
      },
    },
    rate: (age) => Math.max(8, Math.round(10 * Math.exp(0.045 * (age - 30)))) + (age < 6 ? 6 : 0),
  },
  {
    definition: {
      productCode: 'PA1',
      name: 'Everyday Personal Accident',
      type: 'accident',
      riskGrade: 'R1',
      isLife: false,
      entryAge: { min: 18, max: 65 },
      occupationClasses: [1, 2, 3, 4, 5],
      coverageTermsYears: [1],
      paymentTermsYears: [1],
      paymentModes: ['annual'],
      coolingOffDays: 0,
      dualRecordingRequired: false,
      limitationYears: 2,
      sumInsuredRangeFen: { min: 5_000_000, max: 100_000_000 },
      coverages: [
        {
          code: 'ACC',
          name: 'Accidental death and disability (by disability grade)',
          claimTypes: ['death', 'accident_disability'],
          sumInsuredPercent: 100,
          waitingPeriodDays: 0,
          deductibleFen: 0,
          coPaymentPercent: 0,
          exclusions: ['dangerous sports', 'war', 'drunk driving'],
        },
      ],
      rating: {
        basis: 'premium_per_1000_sum_insured',
        rounding: { mode: 'half_up', unitFen: 1 },
        sumInsuredUnitFen: 100_000,
        occupationLoadingsBp: { '1': 0, '2': 0, '3': 2000, '4': 5000, '5': 10_000 },
        modalFactorsBp: { annual: 10_000 },
      },
    },
    rate: (age) => (age > 60 ? 75 : 50),
  },
  {
    definition: {
      productCode: 'UL10',
      name: 'Prosperity Unit-Linked Life',
      type: 'unit_linked',
      riskGrade: 'R4',
      isLife: true,
      entryAge: { min: 18, max: 65 },
      occupationClasses: [1, 2, 3, 4, 5, 6],
      coverageTermsYears: [20],
      paymentTermsYears: [1, 10],
      paymentModes: ['single', 'annual'],
      coolingOffDays: 15,
      dualRecordingRequired: true,
      limitationYears: 5,
      sumInsuredRangeFen: { min: 5_000_000, max: 1_000_000_000 },
      coverages: [
        {
          code: 'DEATH',
          name: 'Death: the higher of the account value and the sum insured',
          claimTypes: ['death'],
          sumInsuredPercent: 100,
          waitingPeriodDays: 0,
          deductibleFen: 0,
          coPaymentPercent: 0,
          exclusions: exclusionsLife,
        },
      ],
      rating: {
        basis: 'sum_insured_per_1000_premium',
        rounding: { mode: 'half_up', unitFen: 1 },
        sumInsuredUnitFen: 100_000,
        occupationLoadingsBp: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0 },
        modalFactorsBp: { single: 10_000, annual: 10_000 },
      },
    },
    // 1,000 yuan of premium buys 105% of itself in death cover (103% from 41), times the years paid.
    rate: (age, _gender, pay) => (age > 40 ? 103_000 : 105_000) * pay,
    cashValues: (age, _gender, pay, years) => {
      const premiumPer1000 = 100_000 / ((age > 40 ? 1.03 : 1.05) * pay); // fen of annual premium per 1,000 SI
      let account = 0;
      return Array.from({ length: years }, (_, i) => {
        const t = i + 1;
        if (t <= pay) account += premiumPer1000 * 0.95;
        account *= 1.025; // guaranteed minimum crediting rate
        const surrenderCharge = Math.max(0, 0.05 - 0.01 * (t - 1));
        return Math.round(account * (1 - surrenderCharge));
      });
    },
  },
  {
    // A growing whole-life savings policy (增额终身寿) in the shape such products are filed in: a basic sum insured
    // per 1,000 yuan of annual premium by entry age, gender and payment term (基本保险金额表), a sum insured that
    // grows 3% a year compound, cash values per 1,000 of basic sum insured, and loans up to 80% of the cash value.
    // Whole life is modelled as a 50-year term, as the platform's terms are in years.
    definition: {
      productCode: 'WL3',
      name: 'Golden Years Growing Whole Life (3% compound)',
      type: 'whole_life',
      riskGrade: 'R2',
      isLife: true,
      entryAge: { min: 18, max: 55 },
      occupationClasses: [1, 2, 3, 4, 5, 6],
      coverageTermsYears: [50],
      paymentTermsYears: [1, 3, 5, 10],
      paymentModes: ['single', 'annual'],
      coolingOffDays: 15,
      dualRecordingRequired: false,
      limitationYears: 5,
      sumInsuredRangeFen: { min: 1_000_000, max: 500_000_000 },
      sumInsuredGrowth: { compoundPercent: 3 },
      policyLoan: { maxCashValuePercent: 80, termMonths: 6, annualRatePercent: 5 },
      coverages: [
        {
          code: 'DEATH',
          name: 'Death: the effective sum insured of the policy year',
          claimTypes: ['death'],
          sumInsuredPercent: 100,
          waitingPeriodDays: 180,
          deductibleFen: 0,
          coPaymentPercent: 0,
          exclusions: exclusionsLife,
        },
      ],
      rating: {
        basis: 'sum_insured_per_1000_premium',
        rounding: { mode: 'half_up', unitFen: 1 },
        sumInsuredUnitFen: 100,
        occupationLoadingsBp: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0 },
        modalFactorsBp: { single: 10_000, annual: 10_000 },
      },
    },
    rate: (age, gender, pay) => Math.round(savingsSumInsuredPer1000(age, gender, pay) * 100),
    cashValues: (age, gender, pay, years) => {
      // The annual premium per 1,000 yuan of basic sum insured, credited at 3% net of expenses, less a surrender
      // charge in the first five years, and never above 98% of the effective sum insured of the year.
      const premium = 1000 / (savingsSumInsuredPer1000(age, gender, pay) / 1000);
      const net = 1 - (pay === 1 ? 0.08 : 0.12);
      const charge = [0.1, 0.08, 0.06, 0.04, 0.02];
      let account = 0;
      return Array.from({ length: years }, (_, i) => {
        const t = i + 1;
        if (t <= pay) account += premium * net;
        account *= 1.03;
        const value = Math.min(account * (1 - (charge[i] ?? 0)), 0.98 * 1000 * 1.03 ** (t - 1));
        return Math.round(value * 100);
      });
    },
  },
];

/**
 * Yuan of basic sum insured that 1,000 yuan of annual premium buys: what the premiums are worth at 3% (an annuity
 * due over the payment term), less expenses, less a little for the cost of death cover, which rises with age.
 */
function savingsSumInsuredPer1000(age: number, gender: Gender, pay: number): number {
  const v = 1 / 1.03;
  let annuity = 0;
  for (let t = 0; t < pay; t += 1) annuity += v ** t;
  const expenses = pay === 1 ? 0.08 : 0.12;
  const mortality = 1 - 0.003 * Math.max(0, age - 20) * (gender === 'female' ? 0.8 : 1);
  return 1000 * annuity * (1 - expenses) * mortality;
}

function main(): void {
  const seedDir = join(repoRoot(), 'apps', 'sales-svc', 'seed');
  for (const product of products) {
    const { definition } = product;
    const dir = join(seedDir, definition.productCode);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'product.json'), `${JSON.stringify(definition, null, 2)}\n`);
    const rates = ['entry_age,gender,payment_term,rate_per_1000_fen'];
    for (const gender of GENDERS) {
      for (const pay of definition.paymentTermsYears) {
        for (let age = definition.entryAge.min; age <= definition.entryAge.max; age += 1) {
          rates.push(`${age},${gender},${pay},${product.rate(age, gender, pay)}`);
        }
      }
    }
    writeFileSync(join(dir, 'rates.csv'), `${rates.join('\n')}\n`);
    if (product.cashValues) {
      const years = Math.max(...definition.coverageTermsYears);
      const header = [
        'entry_age',
        'gender',
        'payment_term',
        ...Array.from({ length: years }, (_, i) => `year_${i + 1}`),
      ];
      const lines = [header.join(',')];
      for (const gender of GENDERS) {
        for (const pay of definition.paymentTermsYears) {
          for (let age = definition.entryAge.min; age <= definition.entryAge.max; age += 1) {
            lines.push([age, gender, pay, ...product.cashValues(age, gender, pay, years)].join(','));
          }
        }
      }
      writeFileSync(join(dir, 'cash-values.csv'), `${lines.join('\n')}\n`);
    }
    process.stdout.write(`seed: wrote ${definition.productCode}\n`);
  }
}

main();
