import { LEGAL_SOURCES, type Locale, type LocalizedText } from '@insurer/contracts';
import { citation, formatText, ruleText } from '@insurer/platform-i18n';
import { shanghaiDate } from '@insurer/platform-time';
import type { ClaimType } from '../domain/intake';
import type { ClaimEntity } from '../infrastructure/claim.entity';

/**
 * The two notices a claimant receives in writing (Insurance Law Art. 22: one notice naming every missing document;
 * Art. 24: a rejection with its reasons), worded in the claimant's language. Codes stay in the claim; only the words
 * change.
 */
export const DOCUMENT_NAMES: Readonly<Record<string, LocalizedText>> = {
  claim_form: { 'zh-CN': '理赔申请书', en: 'the claim form' },
  death_certificate: { 'zh-CN': '死亡证明', en: 'the death certificate' },
  household_deregistration: { 'zh-CN': '户籍注销证明', en: 'the household registration cancellation' },
  claimant_id: { 'zh-CN': '申请人身份证件', en: 'the claimant’s ID' },
  relationship_proof: { 'zh-CN': '与被保险人关系证明', en: 'proof of relationship to the insured' },
  diagnosis_report: { 'zh-CN': '诊断证明书', en: 'the diagnosis report' },
  pathology_report: { 'zh-CN': '病理检查报告', en: 'the pathology report' },
  medical_records: { 'zh-CN': '病历资料', en: 'the medical records' },
  insured_id: { 'zh-CN': '被保险人身份证件', en: 'the insured’s ID' },
  invoice: { 'zh-CN': '医疗费用发票', en: 'the medical invoices' },
  expense_list: { 'zh-CN': '费用明细清单', en: 'the itemised expense list' },
  discharge_summary: { 'zh-CN': '出院小结', en: 'the discharge summary' },
  accident_report: { 'zh-CN': '意外事故证明', en: 'the accident report' },
  disability_assessment: { 'zh-CN': '伤残鉴定书', en: 'the disability assessment' },
  prescription: { 'zh-CN': '处方', en: 'the prescription' },
};

export const CLAIM_TYPE_NAMES: Readonly<Record<ClaimType, LocalizedText>> = {
  death: { 'zh-CN': '身故', en: 'death' },
  critical_illness: { 'zh-CN': '重大疾病', en: 'critical illness' },
  hospitalisation: { 'zh-CN': '住院医疗', en: 'hospitalisation' },
  accident_disability: { 'zh-CN': '意外伤残', en: 'accident disability' },
  outpatient: { 'zh-CN': '门诊医疗', en: 'outpatient treatment' },
};

export const NOTICE_TEXTS = {
  missingDocumentsSubject: {
    'zh-CN': '理赔材料补充通知（案件号{claimId}）',
    en: 'Documents needed for your claim {claimId}',
  },
  missingDocumentsBody: {
    'zh-CN':
      '您于{reportedOn}提出的{claimType}理赔申请已受理。根据{law}，请一次性补充提供以下材料：{documents}。材料齐全后，我们将在三十日内作出核定。',
    en: 'We have taken your {claimType} claim of {reportedOn}. Under {law}, please send us, all at once: {documents}. Once they are complete, we decide within 30 days.',
  },
  documentsCompleteBody: {
    'zh-CN': '您的理赔材料已齐全，无需再补充。',
    en: 'Your claim documents are complete; nothing more is needed.',
  },
  rejectionSubject: {
    'zh-CN': '拒绝给付保险金通知书（案件号{claimId}）',
    en: 'Notice of rejection of your claim {claimId}',
  },
  rejectionBody: {
    'zh-CN':
      '经核定，您于{reportedOn}提出的{claimType}理赔申请不属于保险责任，我公司于{decidedOn}决定拒绝给付保险金。理由：{reasons}。依据{law}特此通知。如有异议，您可申请复核，或向我公司及监管部门投诉。',
    en: 'Your {claimType} claim of {reportedOn} is not covered: on {decidedOn} we decided not to pay it. Reasons: {reasons}. This notice is given under {law}. If you disagree, you may ask us to review the decision or complain to us or to the regulator.',
  },
} as const satisfies Record<string, LocalizedText>;

export interface ClaimNotice {
  readonly claimId: string;
  readonly kind: 'missing_documents' | 'rejection';
  readonly locale: Locale;
  readonly subject: string;
  readonly body: string;
  /** The codes behind the words (documents or reasons), stable across languages. */
  readonly items: readonly string[];
}

function text(key: keyof typeof NOTICE_TEXTS, locale: Locale, values: Record<string, string>): string {
  return formatText(`notice.${key}`, NOTICE_TEXTS[key][locale], locale, values);
}

function list(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** The notice a claim stands at, or null when it has none to give (reported complete, approved, paid). */
export function claimNotice(
  claim: ClaimEntity,
  submittedDocuments: readonly string[],
  missing: readonly string[],
  locale: Locale,
): ClaimNotice | null {
  const common = {
    claimId: claim.claimId,
    claimType: CLAIM_TYPE_NAMES[claim.claimType][locale],
    reportedOn: shanghaiDate(claim.reportedAt),
  };
  if (claim.status === 'documents_requested') {
    const documents = missing.map((kind) => DOCUMENT_NAMES[kind]?.[locale] ?? kind);
    return {
      claimId: claim.claimId,
      kind: 'missing_documents',
      locale,
      subject: text('missingDocumentsSubject', locale, common),
      body: missing.length
        ? text('missingDocumentsBody', locale, {
            ...common,
            documents: list(documents, locale),
            law: citation(LEGAL_SOURCES.claimProof, locale),
          })
        : text('documentsCompleteBody', locale, {}),
      items: missing.length ? missing : submittedDocuments,
    };
  }
  if (claim.status === 'rejected' && claim.rejectionReasons?.length && claim.decidedAt) {
    // A reason under a registered code is worded by the registry, with the handler's own words after it; one under
    // a code of the handler's stays as written.
    const reasons = claim.rejectionReasons.map((r) => {
      const worded = ruleText(r.code, locale, {});
      if (!worded) return r.message;
      const rule = worded.replace(/[.。]$/, '');
      return locale === 'en' ? `${rule} (${r.message})` : `${rule}（${r.message}）`;
    });
    return {
      claimId: claim.claimId,
      kind: 'rejection',
      locale,
      subject: text('rejectionSubject', locale, common),
      body: text('rejectionBody', locale, {
        ...common,
        decidedOn: shanghaiDate(claim.decidedAt),
        reasons: reasons.map((r) => r.replace(/[.。]$/, '')).join(locale === 'en' ? '; ' : '；'),
        law: citation('Insurance Law Art. 24', locale),
      }),
      items: claim.rejectionReasons.map((r) => r.code),
    };
  }
  return null;
}
