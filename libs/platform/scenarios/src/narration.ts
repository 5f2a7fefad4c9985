import { localizedText as t, type Locale, type LocalizedText } from '@insurer/contracts';
import { DEFAULT_LOCALE, formatText, type MessageValues } from '@insurer/platform-i18n';

/**
 * What the demo and the tests' stories say, in Chinese (the insurer's language, the default) and English: one text
 * per step, filled with the step's values. Amounts and ratios are formatted as the dashboard shows them.
 */

const YUAN = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Fen as yuan with thousands separators and two decimals: 123456789 -> "1,234,567.89 yuan" / "1,234,567.89元". */
export function yuan(fen: number, locale: Locale = 'en'): string {
  return locale === 'en' ? `${YUAN.format(fen / 100)} yuan` : `${YUAN.format(fen / 100)}元`;
}

/** A ratio as a percentage with one decimal: 2.4 -> "240.0%". */
export function percent(ratio: number | null, locale: Locale = 'en'): string {
  if (ratio === null) return locale === 'en' ? 'n/a' : '无';
  return `${(ratio * 100).toFixed(1)}%`;
}

/**
 * The cooling-off clause of an issued policy: named only when the product has one, i.e. it ends after the policy was
 * issued (a product without cooling-off gives its issue day as the end).
 */
export function coolingOff(
  issuedOn: string,
  coolingOffEndsOn: string | null | undefined,
  locale: Locale = 'en',
): string {
  const has = coolingOffEndsOn && coolingOffEndsOn > issuedOn;
  if (locale === 'en') return has ? `, cooling-off until ${coolingOffEndsOn}` : ', no cooling-off period';
  return has ? `，犹豫期至${coolingOffEndsOn}` : '，无犹豫期';
}

export const NARRATION = {
  salespersonRegistered: t(
    '销售人员{salespersonId}已登记：G3级，持证，本年度培训32小时',
    'salesperson {salespersonId} registered: grade G3, licensed, 32 training hours this year',
  ),
  customerRegistered: t(
    '{label, select, mother {母亲} father {父亲} son {儿子} other {客户}}{customerId}已登记（证件号{idMasked}）',
    '{label, select, mother {mother} father {father} son {son} other {customer}} {customerId} registered (ID {idMasked})',
  ),
  identityChecked: t(
    '身份核验{status, select, verified {通过} rejected {未通过} other {{status}}}：{checks}',
    'identity {status}: {checks}',
  ),
  riskAssessed: t(
    '风险承受能力{level}（{score}分），有效期至{validUntil}',
    'risk tolerance {level} (score {score}), valid until {validUntil}',
  ),
  needsAnalysed: t(
    '需求分析：保障缺口{gap}；推荐{ranked}',
    'needs analysis: protection gap {gap}; recommended {ranked}',
  ),
  quoted: t(
    '报价{quoteId}：PA1个人意外险，保额{sum}，保费{premium}，有效期至{validUntil}',
    'quote {quoteId}: PA1 personal accident, {sum}, premium {premium}, valid until {validUntil}',
  ),
  applied: t(
    '投保单{applicationId}已提交，附电话销售录音',
    'application {applicationId} submitted with the telesales recording',
  ),
  underwritten: t(
    '核保：{decision, select, accept {标准承保} accept_with_loading {加费承保} accept_with_exclusion {除外承保} decline {拒保} refer {转人工核保} other {{decision}}}，核保人{decidedBy}；承保保费{premium}',
    'underwriting: {decision} by {decidedBy}; offer premium {premium}',
  ),
  referred: t('核保：转人工核保', 'underwriting: referred to an underwriter'),
  reviewed: t('核保：核保人{decidedBy}人工审核后承保', 'underwriting: accepted on review by {decidedBy}'),
  issued: t(
    '保单{policyNumber}已签发：保障期{from}至{to}{coolingOff}',
    'policy {policyNumber} issued: cover {from} to {to}{coolingOff}',
  ),
  returnVisit: t(
    '回访完成（应于{dueOn}前完成，在犹豫期内）',
    'return visit done (was due {dueOn}, inside the cooling-off period)',
  ),
  surveyed: t('满意度调查已填写：CSAT 5，NPS 9', 'survey answered: CSAT 5, NPS 9'),
  claimReported: t(
    '理赔{claimId}已通过理赔管理员命令报案；缺少的材料已一次性通知',
    "claim {claimId} reported by the claim administrator's command; missing documents requested in one notice",
  ),
  documentsDone: t(
    '理赔材料{status, select, documents_complete {已齐全} other {{status}}}',
    'documents {status}',
  ),
  assessed: t(
    '理算完成：应付{payable}，欺诈评分{fraudScore}',
    'assessed: payable {payable}, fraud score {fraudScore}',
  ),
  approved: t(
    '理赔经理核赔通过（{payable}超出理赔员权限）：{status, select, approved {已核赔} other {{status}}}',
    "approved by a claims manager ({payable} is above the handler's authority): {status}",
  ),
  paid: t('已赔付：{amount}', 'claim paid: {amount}'),
  kpis: t(
    '{salespersonId}今日指标：新单{newPolicies}件，新单保费{premium}，赔付率{lossRatio}',
    'KPIs for {salespersonId} today: {newPolicies} new policies, {premium} new premium, loss ratio {lossRatio}',
  ),
  auditChain: t(
    '合规审计链：{ok, select, yes {完整} other {在{brokenAt}处断裂}}（{entries}条）',
    'compliance audit chain: {ok, select, yes {intact} other {broken at {brokenAt}}} ({entries} entries)',
  ),
  familyQuoted: t(
    '母亲为儿子（{age}岁）投保：CI30重疾险，保额{sum}，保费{premium}；适当性按母亲评估',
    'quote for the son (age {age}) bought by his mother: CI30 {sum}, premium {premium}; suitability assessed on the mother',
  ),
  familyCapRefused: t(
    '为10岁以下儿童投保{sum}身故保障被拒：{code}',
    '{sum} of death cover on a child under 10 refused: {code}',
  ),
  familyChildPolicy: t(
    '儿子的保单{policyNumber}，投保人为母亲',
    'policy {policyNumber} on the son, held by his mother',
  ),
  familySonSees: t(
    '儿子本人登录可看到{count}张以他为被保险人的保单；只有母亲可以操作',
    "the son's own login lists {count} {count, plural, one {policy} other {policies}} on his life; only his mother may act on it",
  ),
  familyAccidentPolicy: t(
    '母亲的意外险保单{policyNumber}，父亲缴费；受益人：儿子60%，丈夫40%',
    'policy {policyNumber} on the mother, premiums paid by the father; beneficiaries son 60%, husband 40%',
  ),
  familyClaim: t(
    '身故理赔{claimId}由丈夫以指定受益人身份报案',
    'death claim {claimId} reported by the husband, a named beneficiary',
  ),
  familySplit: t('核赔{amount}，分配：{shares}', 'approved {amount}, split: {shares}'),
  done: t('完成。打开指标看板：', 'done. Open the dashboard:'),
} as const satisfies Record<string, LocalizedText>;

export type NarrationKey = keyof typeof NARRATION;

/** A story step told in the narrator's language. */
export type Narrate = (key: NarrationKey, values?: MessageValues) => void;

/** Tells each step through `say` in `locale` (Chinese unless the demo is asked for English). */
export function narrator(
  say: (line: string) => void,
  locale: Locale = DEFAULT_LOCALE,
): Narrate & { locale: Locale } {
  const narrate = (key: NarrationKey, values: MessageValues = {}) =>
    say(formatText(`narration.${key}`, NARRATION[key][locale], locale, values));
  return Object.assign(narrate, { locale });
}
