import { INSURED_OR_CLOSE_RELATIVE, localizedText as t, type LocalizedText } from '@insurer/contracts';
import { SOURCES, type Reason } from '../../regulation/domain/sources';
import { isParentOfMinor, type SaleParties } from '../../suitability/domain/parties';

export interface Beneficiary {
  readonly name: string;
  /** How the beneficiary stands to the insured. */
  readonly relationship: string;
  readonly sharePercent: number;
  readonly customerId?: string;
}

/**
 * Who may be named (Art. 39): a policyholder naming beneficiaries on another person's life needs the insured's
 * consent (a parent names for their minor child as guardian); an employer insuring an employee may name only the
 * insured or the insured's close relatives.
 */
export function checkBeneficiaryNaming(
  parties: SaleParties,
  beneficiaries: readonly Beneficiary[],
): Reason[] {
  if (beneficiaries.length === 0 || parties.relationship === 'self') return [];
  const reasons: Reason[] = [];
  if (!parties.insuredConsent && !isParentOfMinor(parties))
    reasons.push({
      code: 'SALES.BENEFICIARY_CONSENT',
      message: 'beneficiaries named by the policyholder on another person’s life need the insured’s consent',
      pointer: '/beneficiaries',
      source: SOURCES.beneficiaryDesignation,
    });
  if (parties.relationship === 'employee')
    beneficiaries.forEach((b, i) => {
      if (!INSURED_OR_CLOSE_RELATIVE.has(b.relationship))
        reasons.push({
          code: 'SALES.EMPLOYER_BENEFICIARY',
          message: `an employer may name only the insured or their close relatives, not "${b.relationship}"`,
          params: { relationship: b.relationship },
          pointer: `/beneficiaries/${i}/relationship`,
          source: SOURCES.employerBeneficiary,
        });
    });
  return reasons;
}

/**
 * Named beneficiaries' shares must each be positive and add up to exactly 100% (compared in hundredths of a percent,
 * so 33.33 + 33.33 + 33.34 is exact). No beneficiaries means the statutory heirs.
 */
export function checkBeneficiaries(beneficiaries: readonly Beneficiary[]): Reason[] {
  if (beneficiaries.length === 0) return [];
  const reasons: Reason[] = [];
  beneficiaries.forEach((b, i) => {
    if (!(b.sharePercent > 0)) {
      reasons.push({
        code: 'SALES.BENEFICIARY_SHARE',
        message: 'each share must be above 0%',
        pointer: `/beneficiaries/${i}/sharePercent`,
        source: SOURCES.beneficiaries,
      });
    }
  });
  const total = beneficiaries.reduce((sum, b) => sum + Math.round(b.sharePercent * 100), 0);
  if (total !== 10_000) {
    reasons.push({
      code: 'SALES.BENEFICIARY_SHARES_TOTAL',
      message: `beneficiary shares add up to ${total / 100}%, not 100%`,
      params: { totalPercent: total / 100 },
      pointer: '/beneficiaries',
      source: SOURCES.beneficiaries,
    });
  }
  return reasons;
}

/**
 * The payer is a registered customer and `self` exactly when the policyholder pays; anyone else paying is named with
 * how they stand to the policyholder, which compliance's AML checks read.
 */
export function checkPayer(
  policyholderId: string,
  payerId: string,
  relationship: string,
  payerKnown: boolean,
): Reason[] {
  if (!payerKnown)
    return [
      {
        code: 'SALES.PAYER_UNKNOWN',
        message: 'the payer is not a customer known to sales; register them first',
        pointer: '/payerId',
      },
    ];
  if ((payerId === policyholderId) === (relationship === 'self')) return [];
  return [
    {
      code: 'SALES.PAYER_RELATIONSHIP',
      message:
        payerId === policyholderId
          ? 'the policyholder pays: the payer relationship is self'
          : 'another person pays: name how they stand to the policyholder, not "self"',
      params: { self: payerId === policyholderId ? 'yes' : 'no' },
      pointer: '/payerRelationship',
    },
  ];
}

/** The applicant signs for themself; a salesperson may not sign for the customer. */
export function checkSignature(signedBy: string, policyholderId: string, salespersonId: string): Reason[] {
  if (signedBy === policyholderId) return [];
  return [
    {
      code: signedBy === salespersonId ? 'SALES.SIGNED_BY_SALESPERSON' : 'SALES.SIGNED_BY_OTHER',
      message: 'the application must carry the policyholder’s own e-signature',
      pointer: '/signature/signedBy',
      source: SOURCES.salesConduct,
    },
  ];
}

export interface HealthQuestion {
  readonly id: string;
  /** As the applicant reads it: Chinese and English. */
  readonly text: LocalizedText;
}

/**
 * Specific questions (not "are you healthy?"), asked for cover that pays on illness or death: the insurer's inquiry
 * that the applicant's duty to disclose answers (Insurance Law Art. 16), shown in the applicant's language.
 */
export const HEALTH_QUESTIONS: readonly HealthQuestion[] = [
  {
    id: 'hospitalised_5y',
    text: t(
      '过去5年内，您是否曾住院或被医生建议住院？',
      'In the past 5 years, were you hospitalised or advised to be?',
    ),
  },
  {
    id: 'cancer',
    text: t('您是否曾被诊断患有恶性肿瘤？', 'Have you ever been diagnosed with a malignant tumour?'),
  },
  {
    id: 'heart_disease',
    text: t(
      '您是否曾被诊断患有冠心病、心力衰竭或心肌梗死？',
      'Have you been diagnosed with coronary heart disease, heart failure or a heart attack?',
    ),
  },
  {
    id: 'hypertension',
    text: t(
      '您是否患有高血压（140/90毫米汞柱及以上）或正在服用降压药物？',
      'Do you have high blood pressure (140/90 or above) or take medicine for it?',
    ),
  },
  { id: 'diabetes', text: t('您是否曾被诊断患有糖尿病？', 'Have you been diagnosed with diabetes?') },
  {
    id: 'abnormal_checkup_2y',
    text: t(
      '过去2年内，您的体检是否发现异常？',
      'In the past 2 years, did a check-up find anything abnormal?',
    ),
  },
];

/** Accident cover asks no health questions; every other product asks them all. */
export function healthQuestionsFor(productType: string): readonly HealthQuestion[] {
  return productType === 'accident' ? [] : HEALTH_QUESTIONS;
}

export interface HealthAnswer {
  readonly questionId: string;
  readonly answer: boolean;
  readonly details?: string;
}

/** Every question answered explicitly (nothing pre-ticked), no unknown ones, and details for each "yes". */
export function checkHealthAnswers(productType: string, answers: readonly HealthAnswer[]): Reason[] {
  const questions = healthQuestionsFor(productType);
  const reasons: Reason[] = [];
  for (const q of questions) {
    if (!answers.some((a) => a.questionId === q.id)) {
      reasons.push({
        code: 'SALES.HEALTH_UNANSWERED',
        message: `question ${q.id} is unanswered`,
        params: { questionId: q.id },
        pointer: '/healthAnswers',
        source: SOURCES.salesConduct,
      });
    }
  }
  answers.forEach((a, i) => {
    if (!questions.some((q) => q.id === a.questionId)) {
      reasons.push({
        code: 'SALES.HEALTH_UNKNOWN_QUESTION',
        message: `${a.questionId} is not a question of this product`,
        params: { questionId: a.questionId },
        pointer: `/healthAnswers/${i}/questionId`,
      });
    } else if (a.answer && !a.details?.trim()) {
      reasons.push({
        code: 'SALES.HEALTH_DETAILS',
        message: `a "yes" to ${a.questionId} needs details`,
        params: { questionId: a.questionId },
        pointer: `/healthAnswers/${i}/details`,
      });
    }
  });
  return reasons;
}

/** Body-mass index from height and weight, to one decimal, when both are given. */
export function bmi(heightCm?: number, weightKg?: number): number | null {
  if (!heightCm || !weightKg) return null;
  return Math.round((weightKg / (heightCm / 100) ** 2) * 10) / 10;
}
