import { localizedText as t, type LocalizedText } from './rule-texts';

/**
 * What a compliance alert says of its facts (`message` on `compliance.alert-raised`, added in 1.11), in Simplified
 * Chinese and English: ICU MessageFormat texts filled with the message's values (ids, ISO days, amounts in yuan, enum
 * codes). A message with `parts` fills its `{parts}` with theirs, each worded in the same language, joined with
 * "；" in Chinese and ", " in English. English amounts are plain yuan ("50000 yuan"), as the alert's English
 * `summary` says them; Chinese ones are formatted as currency. Codes stay stable; a code a consumer does not know yet
 * (a newer producer's) is worded by falling back on the `summary`.
 */
const YUAN_ZH = (name: string) => `{${name}, number, ::currency/CNY}`;
const YUAN_EN = (name: string) => `{${name}, number, ::group-off} yuan`;
const METHOD_ZH =
  '{method, select, cash {现金} bank_transfer {转账} card {刷卡} direct_debit {代扣} other {{method}}}';
const PURPOSE_ZH =
  '{purpose, select, premium {保费} withdrawal_refund {撤单退费} surrender_refund {退保金} policy_loan {保单借款} benefit {保险金} claim_payment {理赔款} surrender {退保} other {{purpose}}}';

export const ALERT_TEXTS = {
  assessmentExpired: t(
    '投保单{applicationId}所依据的风险承受能力评估已于{validUntil}过期',
    'application {applicationId} was taken on an assessment that expired on {validUntil}',
  ),
  aboveRiskLevel: t(
    '投保单{applicationId}向风险承受能力{customerLevel, select, unassessed {未经评估} other {为{customerLevel}}}的客户销售{productGrade}级产品',
    'application {applicationId} sells {productGrade} to a {customerLevel} customer',
  ),
  recordingMissing: t(
    '投保单{applicationId}应有销售过程录音录像，但没有',
    'application {applicationId} needed a recording of the sale and has none',
  ),
  salespersonNotQualified: t(
    '销售人员{salespersonId}不具备销售资格：{parts}',
    'salesperson {salespersonId} sold while {parts}',
  ),
  unknownSalesperson: t('合规部门无其登记信息', 'unknown to compliance'),
  ungraded: t('未分级', 'ungraded'),
  unlicensed: t('无有效执业登记', 'unlicensed'),
  undertrained: t('年度培训学时不足', 'under the training hours'),
  salespersonStatus: t(
    '{status, select, suspended {已暂停执业} departed {已离职} other {状态为{status}}}',
    '{status}',
  ),
  aboveGradeAuthority: t(
    '{grade}级销售人员（可售至{ceiling}级）销售{productGrade}级产品',
    'graded {grade} (up to {ceiling}) for an {productGrade} product',
  ),
  returnVisitOverdue: t(
    '保单{policyId}的回访未在{dueOn}前完成',
    'return visit for policy {policyId} not done by {dueOn}',
  ),
  claimDeadlinePassed: t(
    '赔案{claimId}的{timer, select, decision {核定} rejection_notice {拒赔通知} payment {赔款支付} advance_payment {先行赔付} other {{timer}}}时限（{dueOn}）已过',
    'claim {claimId}: {timer, select, rejection_notice {rejection notice} advance_payment {advance payment} other {{timer}}} deadline {dueOn} passed',
  ),
  surrenderRefundLate: t(
    `保单{policyId}的退保金${YUAN_ZH('amountYuan')}逾期未付（应于{dueOn}前支付）`,
    `surrender of policy {policyId}: ${YUAN_EN('amountYuan')} unpaid past {dueOn}`,
  ),
  complaintUnanswered: t(
    '投诉{ticketId}逾期未答复（应于{dueOn}前答复）',
    'complaint {ticketId} unanswered past {dueOn}',
  ),
  largeValue: t(
    `保单{policyId}大额${METHOD_ZH}{direction, select, in {收款} other {付款}}（${PURPOSE_ZH}）${YUAN_ZH('amountYuan')}{currency, select, CNY {} other {（原币{currency} {currencyAmount, number, ::group-off}）}}`,
    `large-value {method} {direction, select, in {payment} other {payout}} ({purpose}) of ${YUAN_EN('amountYuan')}{currency, select, CNY {} other { ({currency} {currencyAmount, number, ::group-off})}} on policy {policyId}`,
  ),
  quickWithdrawal: t(
    `保单{policyId}缴纳保费${YUAN_ZH('premiumYuan')}后不久即于{withdrawnOn}撤单`,
    `policy {policyId} withdrawn {withdrawnOn} soon after a premium of ${YUAN_EN('premiumYuan')}`,
  ),
  thirdPartyPayer: t(
    `保费${YUAN_ZH('amountYuan')}由非投保人{payerId}缴纳，且未说明其与投保人的关系`,
    `premium of ${YUAN_EN('amountYuan')} paid by {payerId}, who is not the policyholder, with no stated relationship`,
  ),
  bulkSurrender: t(
    '同一投保人{windowDays}日内退保{count}次',
    '{count} surrenders by one policyholder within {windowDays} days',
  ),
  structuring: t(
    `{windowDays}日内{count}笔{direction, select, in {缴费} other {付款}}，每笔低于${YUAN_ZH('thresholdYuan')}，合计${YUAN_ZH('totalYuan')}`,
    `{count} {direction, select, in {payments} other {payouts}} within {windowDays} days, each under ${YUAN_EN('thresholdYuan')}, together ${YUAN_EN('totalYuan')}`,
  ),
  identityThenPurchase: t(
    '身份核验于{rejectedOn}未通过，{when, select, same_day {当日} other {{windowDays}日内}}即提交投保单{applicationId}',
    'application {applicationId} made {when, select, same_day {on the day} other {within {windowDays} days}} after an identity verification failed ({rejectedOn})',
  ),
  premiumOverIncome: t(
    `投保单{applicationId}年缴保费${YUAN_ZH('annualYuan')}，超过申报年收入${YUAN_ZH('incomeYuan')}的允许倍数`,
    `application {applicationId}: ${YUAN_EN('annualYuan')} a year against a declared income of ${YUAN_EN('incomeYuan')}`,
  ),
  frequentChanges: t(
    '保单{policyId}在{windowDays}日内批改{count}次',
    '{count} changes to policy {policyId} within {windowDays} days',
  ),
  transferUnverified: t(
    '保单{policyId}变更给新投保人{customerId}，其身份尚未核验',
    'policy {policyId} passed to new policyholder {customerId}, whose identity has not been verified',
  ),
  departureNoticeOverdue: t(
    '销售人员{salespersonId}离职后，未在{dueOn}前告知保单{policyId}的客户{customerId}',
    'customer {customerId} of policy {policyId} not told by {dueOn} that salesperson {salespersonId} left',
  ),
} as const satisfies Record<string, LocalizedText>;

export type AlertTextCode = keyof typeof ALERT_TEXTS;
