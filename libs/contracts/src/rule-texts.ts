/**
 * What every registered code says to a person, in Simplified Chinese and English: ICU MessageFormat texts (formatted
 * by intl-messageformat in the services) filled with the values the refusal carries. Codes and field names stay
 * stable; only these texts change with `Accept-Language`. `tools/rule-codes.spec.ts` fails on a registered code
 * without both texts, on a text that does not parse, and on two languages asking for different values.
 *
 * Amounts are passed in yuan and formatted here (`::currency/CNY`), dates as ISO days, enums as their codes (each
 * text says them in its language with `select`).
 */

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface LocalizedText {
  readonly 'zh-CN': string;
  readonly en: string;
}

/** A text in both languages, Chinese first: what every text table here and in the services is built of. */
export const localizedText = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const t = localizedText;

const POLICY_STATUS_ZH =
  '{status, select, in_force {有效} suspended {中止} withdrawn {已撤单} surrendered {已退保} terminated {已终止} other {{status}}}';
const CLAIM_STATUS_ZH =
  '{status, select, documents_requested {待补材料} documents_complete {材料齐全} assessed {已理算} investigation {调查中} approved {已核赔} rejected {已拒赔} paid {已赔付} other {{status}}}';
const CASE_STATUS_ZH =
  '{status, select, open {待处理} investigating {调查中} escalated {已升级} closed {已结案} other {{status}}}';
const TICKET_STATUS_ZH =
  '{status, select, open {处理中} assigned {已分派} resolved {已解决} closed {已关闭} other {{status}}}';
const POLICY_ACTION_ZH =
  '{action, select, endorsed {批改} withdrawn {撤单} surrendered {退保} rescinded {解除} reinstated {复效} repaid {还款} paid {付款} demanded {催告} loaned {借款} other {办理“{action}”}}';
const CLAIM_ACTION_ZH =
  '{action, select, assessed {理算} decided {核赔决定} notified {发送拒赔通知} paid {赔付} advanced {先行赔付} reopened {重新受理} documented {补交材料} other {办理“{action}”}}';
const PURPOSE_ZH =
  '{purpose, select, underwriting {核保} claims {理赔} marketing {营销} service {客户服务} health_data {健康信息处理} bank_account {银行账户保存} id_number {证件号码查看} aml {反洗钱} other {{purpose}}}';
const RESOURCE_ZH: Record<string, string> = {
  ALERT: '预警',
  APPLICATION: '投保单',
  CASE: '合规案件',
  CLAIM: '理赔案件',
  CONSENT: '授权同意',
  CUSTOMER: '客户',
  NOTICE: '通知',
  OFFER: '承保要约',
  POLICY: '保单',
  PRODUCT: '产品',
  QUOTE: '报价',
  RETURN_VISIT: '回访',
  RULE: '监测规则',
  SALESPERSON: '销售人员',
  STAFF_MEMBER: '员工',
  SURVEY: '满意度调查',
  TICKET: '服务工单',
  UNDERWRITING_CASE: '核保案件',
  VERIFICATION: '身份核验',
};

function notFound(resource: string, zh: string): [string, LocalizedText] {
  const en = resource.toLowerCase().replace(/_/g, ' ');
  return [
    `${resource}.NOT_FOUND`,
    t(`${zh}{id}不存在。`, `${en.charAt(0).toUpperCase()}${en.slice(1)} {id} does not exist.`),
  ];
}

export const RULE_TEXTS: Readonly<Record<string, LocalizedText>> = {
  // ------------------------------------------------------------------ the policy's life (contract-svc)
  'RESCISSION.THIRTY_DAYS': t(
    '保险人自知道解除事由之日（{learnedOn}）起超过三十日未行使，解除权消灭。',
    'More than 30 days have passed since the grounds became known on {learnedOn}; the right to rescind has lapsed.',
  ),
  'RESCISSION.TWO_YEARS': t(
    '合同自{formedOn}成立已超过二年，保险人不得解除合同。',
    'The contract formed on {formedOn} is more than 2 years old; it can no longer be rescinded.',
  ),
  'PREMIUM.DEMAND_ALREADY_SENT': t(
    '已于{demandedOn}催告缴纳保费。',
    'The premium was already demanded on {demandedOn}.',
  ),
  'PREMIUM.NOT_OVERDUE': t(
    '没有逾期未缴的保费：催告在应缴日后才会发出。',
    'No premium is overdue: a demand notice follows a missed due date.',
  ),
  'REINSTATEMENT.TOO_LATE': t('复效期限已于{until}届满。', 'Reinstatement was possible until {until}.'),
  'REINSTATEMENT.ARREARS': t(
    '复效须补缴欠缴保费{arrearsYuan, number, ::currency/CNY}（{due}期）。',
    'The arrears are {arrearsYuan, number, ::currency/CNY} ({due} premiums).',
  ),
  'REINSTATEMENT.NEEDS_UNDERWRITING': t(
    '告知了健康异常，复效前须经核保人审核。',
    'A declared condition needs an underwriter before reinstatement.',
  ),
  'REINSTATEMENT.HEALTH_DECLARATION': t('复效须重新进行健康告知。', 'A new health declaration is required.'),
  'REFUND.ALREADY_PAID': t('退保金已于{paidAt}支付。', 'The refund was paid at {paidAt}.'),
  'REFUND.NONE': t('该保单没有应付的退保金。', 'No surrender refund is owed on this policy.'),
  'CLAIM.TIME_BARRED': t(
    '保险金请求权自保险事故发生之日起{years}年内不行使而消灭。',
    'Claims expire {years} years after the event.',
  ),
  'CLAIM.SUICIDE_EXCLUSION': t(
    '被保险人自合同{from, select, formation {成立} other {复效}}之日（{fromDate}）起二年内自杀，保险人不承担给付责任；除外期至{until}。',
    'Suicide within 2 years of {from, select, formation {formation} other {reinstatement}} ({fromDate}); the exclusion ran to {until}.',
  ),
  'CLAIM.POLICY_NOT_IN_FORCE': t(
    '保单在{eventDate}不在保障有效期内。',
    'The policy was not in force on {eventDate}.',
  ),
  'CLAIM.NOT_INSURED': t('出险人不是本保单的被保险人。', 'The person is not the insured of this policy.'),
  'CLAIM.POLICY_UNKNOWN': t('没有这张保单。', 'No such policy.'),
  'CLAIM.EVENT_IN_FUTURE': t('出险日期晚于今天。', 'The event date is in the future.'),
  'RETENTION.INSURANCE_RECORDS': t(
    '保险业务档案自保险合同终止之日起保存{years}年。',
    'Policy records are kept {years} years after the contract ends.',
  ),
  'POLICY.COOLING_OFF_OVER': t(
    '犹豫期已于{endsOn}结束；解除合同只能退还现金价值（退保）。',
    'The cooling-off period ended on {endsOn}; a surrender pays the cash value instead.',
  ),
  'POLICY.INSIDE_COOLING_OFF': t(
    '{endsOn}前处于犹豫期：解除合同按撤单处理，全额退还保费。',
    'Until {endsOn} the policy is withdrawn, with the premium refunded.',
  ),
  'LOAN.INSIDE_COOLING_OFF': t(
    '犹豫期（至{endsOn}）内不能办理保单贷款。',
    'No loan until the cooling-off period ends on {endsOn}.',
  ),
  'PRODUCT.COOLING_OFF': t(
    '一年期以上的人身保险产品须设不少于15日的犹豫期。',
    'Personal life and health cover over one year needs a cooling-off period of at least 15 days.',
  ),
  // ------------------------------------------------------------------ parties
  'PARTIES.POLICYHOLDER_MINOR': t(
    '投保人{age}岁；订立合同须由成年人（18周岁以上）作为投保人。',
    'The policyholder is {age}; a contract needs an adult policyholder (18 or over).',
  ),
  'PARTIES.NO_INSURABLE_INTEREST': t(
    '投保人对被保险人不具有保险利益，除非被保险人书面同意。',
    'The policyholder has no insurable interest in the insured without the insured’s signed consent.',
  ),
  'PARTIES.RELATIONSHIP': t(
    '{same, select, yes {投保人为自己投保：与被保险人关系应为“本人”。} other {被保险人是他人，不是“本人”：请填写其与投保人的关系。}}',
    '{same, select, yes {The policyholder insures themself: the relationship is self.} other {The insured is another person, not "self"; name how they stand to the policyholder.}}',
  ),
  'PARTIES.DEATH_COVER_NO_CAPACITY': t(
    '被保险人{age}岁，为无民事行为能力人：只有父母可为其投保以死亡为给付条件的保险。',
    'The insured is {age} and has no civil capacity: only a parent may buy cover paying on their death.',
  ),
  'PARTIES.DEATH_COVER_CONSENT': t(
    '以他人死亡为给付条件的合同，须经被保险人书面同意并认可保险金额。',
    'Cover paying on the death of another person needs the insured’s signed consent to it and its sum.',
  ),
  'PARTIES.MINOR_DEATH_BENEFIT_CAP': t(
    '{age}岁未成年人的身故保险金总额不得超过{capYuan, number, ::currency/CNY}；已有{inForceYuan, number, ::currency/CNY}，本次{newYuan, number, ::currency/CNY}。',
    'A minor aged {age} may have at most {capYuan, number, ::currency/CNY} of death benefits; in force {inForceYuan, number, ::currency/CNY}, this sale {newYuan, number, ::currency/CNY}.',
  ),
  'SALES.BENEFICIARY_CONSENT': t(
    '投保人为他人投保时指定受益人，须经被保险人同意。',
    'Beneficiaries named by the policyholder on another person’s life need the insured’s consent.',
  ),
  'SALES.EMPLOYER_BENEFICIARY': t(
    '用人单位只能指定被保险人本人或其近亲属为受益人，不能指定“{relationship}”。',
    'An employer may name only the insured or their close relatives, not "{relationship}".',
  ),
  'SALES.BENEFICIARY_SHARE': t('每位受益人的受益份额须大于0%。', 'Each share must be above 0%.'),
  'SALES.BENEFICIARY_SHARES_TOTAL': t(
    '受益份额合计为{totalPercent}%，应为100%。',
    'Beneficiary shares add up to {totalPercent}%, not 100%.',
  ),
  'ENDORSEMENT.SHARES': t(
    '受益份额合计为{totalPercent}%，应为100%。',
    'Beneficiary shares add up to {totalPercent}%, not 100%.',
  ),
  'ENDORSEMENT.BENEFICIARY_SHARE': t('每位受益人的受益份额须大于0%。', 'Each share must be above 0%.'),
  'ENDORSEMENT.BENEFICIARY_CONSENT': t(
    '投保人变更以他人为被保险人的保单的受益人，须经被保险人书面同意。',
    'The policyholder changes the beneficiaries of a policy on another person’s life only with the insured’s signed consent.',
  ),
  'ENDORSEMENT.TRANSFER_CONSENT': t(
    '以死亡为给付保险金条件的保单，未经被保险人书面同意，不得转让给新的投保人。',
    'A policy paying on the insured’s death passes to a new policyholder only with the insured’s written consent.',
  ),
  'ENDORSEMENT.PLEDGE_CONSENT': t(
    '以死亡为给付保险金条件的保单，未经被保险人书面同意，不得质押。',
    'A policy paying on the insured’s death is pledged only with the insured’s written consent.',
  ),
  'ENDORSEMENT.NOT_PLEDGED': t(
    '保单未以“{reference}”质押。',
    'The policy is not pledged under "{reference}".',
  ),
  'POLICY.PLEDGED': t(
    '保单已质押给{pledgee}，质押解除前不能{action, select, surrendered {退保} withdrawn {撤单} lent {办理保单贷款} transferred {变更投保人} pledged {再次质押} other {办理“{action}”}}。',
    'The policy is pledged to {pledgee}: it cannot be {action, select, surrendered {surrendered} withdrawn {withdrawn} lent {lent against} transferred {passed to a new policyholder} pledged {pledged again} other {{action}}} until the pledge is released.',
  ),
  'POLICY.PLEDGE_RELEASE_BY_STAFF': t(
    '质押解除由工作人员凭质权人的通知办理。',
    'Staff record a pledge’s release, on the pledgee’s notice.',
  ),
  'ENDORSEMENT.SAME_POLICYHOLDER': t(
    '新投保人与现投保人相同。',
    'The new policyholder is the policyholder already.',
  ),
  'ENDORSEMENT.EMPLOYER_BENEFICIARY': t(
    '用人单位只能指定被保险人本人或其近亲属为受益人，不能指定“{relationship}”。',
    'An employer may name only the insured or their close relatives, not "{relationship}".',
  ),
  'SALES.CORPORATE_PARTY': t(
    '单位不能作为人身保险的{role, select, insured {被保险人} policyholder {投保人} other {{role}}}；单位可作为缴费人（与投保人关系为“雇主”）。',
    'A company cannot be the {role} on a personal product; an employer pays as the payer (payerRelationship employer).',
  ),
  'PROFILE.NOT_FOR_CORPORATE': t(
    '{field}不适用于单位缴费人。',
    '{field} does not apply to a corporate payer.',
  ),
  // ------------------------------------------------------------------ suitability and sales conduct
  'SUITABILITY.LEVEL': t(
    '产品风险等级{productGrade}高于客户的风险承受等级{customerLevel}。',
    "Product grade {productGrade} is above the customer's risk level {customerLevel}.",
  ),
  'SUITABILITY.NO_ASSESSMENT': t(
    '客户尚未进行风险承受能力评估。',
    'The customer has no risk-tolerance assessment.',
  ),
  'SUITABILITY.ASSESSMENT_EXPIRED': t(
    '风险承受能力评估已于{validUntil}过期，请重新评估。',
    'The risk-tolerance assessment expired on {validUntil}; assess again.',
  ),
  'SUITABILITY.MEANS_UNKNOWN': t(
    '须了解客户家庭收入才能判断缴费能力。',
    "The customer's household income must be known to judge affordability.",
  ),
  'SUITABILITY.ASSESSMENT_DAILY_LIMIT': t(
    '每天最多进行{max}次风险评估，请明天再试。',
    'At most {max} risk assessments a day; try again tomorrow.',
  ),
  'SUITABILITY.ASSESSMENT_YEARLY_LIMIT': t(
    '12个月内最多进行{max}次风险评估。',
    'At most {max} risk assessments in 12 months.',
  ),
  'CUSTOMER.ASSESSMENT_LIMIT': t(
    '{limit, select, daily {每天最多进行{max}次风险评估，请明天再试。} other {12个月内最多进行{max}次风险评估。}}',
    '{limit, select, daily {At most {max} risk assessments a day; try again tomorrow.} other {At most {max} risk assessments in 12 months.}}',
  ),
  'RISK.ANSWER': t(
    '请选择0至{maxIndex}之间的选项序号。',
    'Answer with an option index from 0 to {maxIndex}.',
  ),
  'RISK.UNKNOWN_QUESTION': t('问卷中没有这道题。', 'No such question.'),
  'AFFORDABILITY.SINGLE_PREMIUM': t(
    '趸交保费超过家庭年收入的4倍。',
    'The single premium is more than 4 times the household income.',
  ),
  'AFFORDABILITY.ANNUAL_PREMIUM': t(
    '年缴保费超过家庭年收入的20%。',
    'The annual premium is more than 20% of the household income.',
  ),
  'AFFORDABILITY.AGE_PLUS_TERM': t(
    '缴费年期（{paymentTermYears}年）与年龄（{age}岁）之和达到60。',
    'Payment years ({paymentTermYears}) plus age ({age}) reach 60.',
  ),
  'SUITABILITY.DUPLICATE_COVER': t(
    '被保险人已有{count}张同类有效保单。',
    'The insured already has {count} similar {count, plural, one {policy} other {policies}} in force.',
  ),
  'SUITABILITY.OVER_INSURED': t(
    '已有及新增保额（{totalYuan, number, ::currency/CNY}）超过年收入的{multiple}倍。',
    'Existing and new cover ({totalYuan, number, ::currency/CNY}) exceed {multiple} times the annual income.',
  ),
  'SALES.ADVISE_STOP': t(
    '应建议客户停止投保；客户签署确认书后方可继续。',
    'Advise the customer to stop; continue only with their signed declaration.',
  ),
  'SALES.SIGNED_BY_SALESPERSON': t(
    '投保单须由投保人本人电子签名，不能由销售人员代签。',
    'The application must carry the policyholder’s own e-signature, not the salesperson’s.',
  ),
  'SALES.SIGNED_BY_OTHER': t(
    '投保单须由投保人本人电子签名。',
    'The application must carry the policyholder’s own e-signature.',
  ),
  'OFFER.SIGNED_BY_OTHER': t(
    '承保要约须由投保人本人电子签名确认。',
    "The offer must carry the policyholder's own e-signature.",
  ),
  'SALES.HEALTH_UNANSWERED': t('健康告知问题{questionId}未回答。', 'Question {questionId} is unanswered.'),
  'SALES.HEALTH_DETAILS': t(
    '问题{questionId}回答“是”时须说明详情。',
    'A "yes" to {questionId} needs details.',
  ),
  'SALES.HEALTH_UNKNOWN_QUESTION': t(
    '{questionId}不是本产品的健康告知问题。',
    '{questionId} is not a question of this product.',
  ),
  'SALES.SALESPERSON_NOT_AUTHORISED': t(
    '该销售人员无权销售本产品。',
    'The salesperson may not sell this product.',
  ),
  'SALES.SALESPERSON_NOT_QUOTED': t(
    '销售人员不是出具报价的人员。',
    'The salesperson is not the one who quoted.',
  ),
  'SALES.APPLICATION_REFUSED': t('投保申请不能受理。', 'The application cannot be accepted.'),
  'SALES.SUITABILITY_MISMATCH': t('该产品不适合此客户。', 'The product is not suitable for this customer.'),
  'SALESPERSON.GRADE_TOO_LOW': t(
    '{grade}级销售人员最高可销售{maxGrade}级产品，本产品为{productGrade}级。',
    'Grade {grade} may sell up to {maxGrade}, not {productGrade}.',
  ),
  'SALESPERSON.INACTIVE': t(
    '销售人员{salespersonId}状态为{status, select, departed {已离职} suspended {暂停执业} other {{status}}}。',
    'Salesperson {salespersonId} is {status}.',
  ),
  'SALESPERSON.UNDERTRAINED': t(
    '{lastYear}年培训{hoursLastYear}小时，{thisYear}年至今{hoursThisYear}小时；每年须达到{required}小时。',
    '{hoursLastYear} training hours in {lastYear} and {hoursThisYear} so far in {thisYear}; {required} in a year are required.',
  ),
  'SALESPERSON.UNGRADED': t('销售人员尚未评定销售资质等级。', 'The salesperson has no sales grade.'),
  'SALESPERSON.UNKNOWN': t('没有销售人员{salespersonId}。', 'No salesperson {salespersonId}.'),
  'SALESPERSON.UNLICENSED': t(
    '销售人员今天没有有效的执业登记。',
    'The salesperson has no licence valid today.',
  ),
  'SALES.DUAL_RECORDING_MISSING': t(
    '本次销售须录音录像（{elderly, select, yes {60岁以上客户投保一年期以上人身险；} other {}}{unitLinked, select, yes {投资连结产品；} other {}}{telesales, select, yes {电话销售；} other {}}{productRequires, select, yes {产品要求双录；} other {}}）；请上传双录文件。',
    'This sale must be recorded ({elderly, select, yes {buyer aged 60 or over on life cover over one year; } other {}}{unitLinked, select, yes {unit-linked product; } other {}}{telesales, select, yes {telesales; } other {}}{productRequires, select, yes {the product requires it; } other {}}); attach the recording.',
  ),
  'SALES.DUAL_RECORDING_INCOMPLETE': t(
    '双录文件缺少以下环节：{missing}。',
    'The recording does not show: {missing}.',
  ),
  'SALES.DUAL_RECORDING_HASH': t(
    'sha256须为64位小写十六进制字符。',
    'sha256 must be 64 lowercase hex characters.',
  ),
  'PRODUCT.DUAL_RECORDING': t('投资连结保险的销售一律录音录像。', 'Unit-linked sales are always recorded.'),
  // ------------------------------------------------------------------ personal information
  'PIPL.MINIMUM_NECESSARY': t(
    '“{purpose}”这一目的不需要该信息；只收集目的所必需的信息。',
    'Not needed for {purpose}.',
  ),
  'CUSTOMER.FIELD_NOT_NEEDED': t(
    `${PURPOSE_ZH}这一目的不需要{fields}；只收集目的所必需的信息。`,
    'The purpose "{purpose}" does not need {fields}; collect only what the purpose needs.',
  ),
  'PIPL.SEPARATE_CONSENT': t(
    '处理敏感个人信息须取得个人的单独同意。',
    'Sensitive personal information needs the person’s separate consent.',
  ),
  'CUSTOMER.CONSENT_REQUIRED': t(
    `此操作须取得客户对${PURPOSE_ZH}的单独同意。`,
    "This needs the customer's separate consent for {purpose}.",
  ),
  'CONSENT.ALREADY_GRANTED': t('该目的已有有效的授权同意。', 'An active consent for this purpose exists.'),
  'CONSENT.ALREADY_WITHDRAWN': t('该授权同意已撤回。', 'This consent was already withdrawn.'),
  'CUSTOMER.PROCESSING_RESTRICTED': t(
    '客户{customerId}已申请删除个人信息；其记录仅按法律要求保存{until, select, running {（保单有效期间及终止后的法定期间）} other {至{until}}}，不再处理。',
    'Customer {customerId} asked for erasure; their records are kept only as the law requires{until, select, running { while a policy runs and for the periods after it ends} other {, until {until}}}, and are not processed.',
  ),
  'CUSTOMER.ERASED': t(
    '客户{customerId}的个人信息已应其要求删除。',
    'Customer {customerId} was erased at their request.',
  ),
  'CUSTOMER.UNMASK_FORBIDDEN': t(
    '{reason, select, role {查看明文须具有以下角色之一：{roles}。} other {“{purpose}”这一目的只能查看其所需的敏感字段，不能查看{fields}。}}',
    '{reason, select, role {Unmasking needs one of the roles {roles}.} other {Only sensitive fields the purpose "{purpose}" needs can be unmasked, not {fields}.}}',
  ),
  'CUSTOMER.NOT_YOURS': t('客户只能操作本人的记录。', 'A customer may act only on their own records.'),
  'POLICY.NOT_YOURS': t('客户只能操作本人的保单。', 'A customer may act only on their own policies.'),
  'CLAIM.NOT_YOURS': t('客户只能查看本人的理赔案件。', 'A customer may see only their own claims.'),
  // ------------------------------------------------------------------ identity and AML
  'IDENTITY.BIRTH_DATE_MISMATCH': t(
    '申报的出生日期与记录不符。',
    'The declared birth date differs from the record.',
  ),
  'IDENTITY.CODE_ATTEMPTS': t('验证码错误已达{max}次。', 'Wrong code {max} times.'),
  'IDENTITY.CODE_EXPIRED': t('验证码已过期。', 'The one-time code expired.'),
  'IDENTITY.CODE_MISMATCH': t('验证码不正确。', 'The code does not match.'),
  'IDENTITY.ID_NUMBER_MISMATCH': t(
    '申报的证件号码与记录不符。',
    'The declared ID number differs from the record.',
  ),
  'IDENTITY.NAME_MISMATCH': t('申报的姓名与记录不符。', 'The declared name differs from the record.'),
  'IDENTITY.NO_CONTACT': t(
    '档案中没有可接收验证码的手机号码。',
    'No mobile number on file to send a code to.',
  ),
  'IDENTITY.VERIFICATION_CLOSED': t(
    '本次核验已{status, select, verified {通过} failed {失败} expired {过期} other {结束}}；请重新发起核验。',
    'This verification is already {status}; start a new one.',
  ),
  'CUSTOMER.OTP_MISMATCH': t('验证码不正确。', 'The one-time code does not match.'),
  'SALES.PAYER_RELATIONSHIP': t(
    '{self, select, yes {投保人本人缴费：缴费人关系应为“本人”。} other {缴费人不是投保人：请说明其与投保人的关系。}}',
    '{self, select, yes {The policyholder pays: the payer relationship is self.} other {The payer is not the policyholder; name how they stand to the policyholder.}}',
  ),
  'SALES.PAYER_UNKNOWN': t(
    '缴费人不是销售系统已知的客户；请先登记。',
    'The payer is not a customer known to sales; register them first.',
  ),
  'PREMIUM.PAYER_MISMATCH': t(
    '保费须由投保单载明的缴费人支付。',
    'The premium must come from the payer named in the application.',
  ),
  'UW.IDENTITY_UNVERIFIED': t(
    '订立合同前未完成身份核实。',
    'The identity was not confirmed before the contract.',
  ),
  'RETENTION.AML_IDENTITY_RECORDS': t(
    '客户身份资料自业务关系结束后保存{years}年。',
    'Identity records are kept {years} years after the business relationship ends.',
  ),
  // ------------------------------------------------------------------ complaints
  'COMPLAINT.APPROVAL_REQUIRED': t(
    '再次延期须经管理人员批准。',
    "A further extension needs a manager's approval.",
  ),
  'COMPLAINT.DEADLINE_PASSED': t('处理期限{dueOn}已过。', 'The deadline of {dueOn} has already passed.'),
  'COMPLAINT.NO_MORE_EXTENSIONS': t('投诉处理最多延期两次。', 'A complaint can be extended twice at most.'),
  'TICKET.EXTENSION_REFUSED': t(
    '{why, select, deadline_passed {处理期限{dueOn}已过，不能延期。} no_more_extensions {投诉处理最多延期两次。} other {再次延期须经管理人员批准。}}',
    "{why, select, deadline_passed {The deadline of {dueOn} has already passed.} no_more_extensions {A complaint can be extended twice at most.} other {A further extension needs a manager's approval.}}",
  ),
  // ------------------------------------------------------------------ standards
  'ID.AREA': t('地址码{area}不对应任何省份。', 'Area code {area} names no province.'),
  'ID.BIRTH_DATE': t('{digits}不是有效的出生日期。', '{digits} is not a real birth date.'),
  'ID.BIRTH_DATE_FUTURE': t('出生日期{birthDate}晚于今天。', 'Birth date {birthDate} is in the future.'),
  'ID.BIRTH_DATE_MISMATCH': t(
    '申报的出生日期为{declared}，但身份证号码中为{encoded}。',
    'Declared {declared} but the ID number encodes {encoded}.',
  ),
  'ID.CHECKSUM': t('校验码与前17位不符。', 'The check character does not match the first 17 characters.'),
  'ID.FORMAT': t(
    '居民身份证号码为17位数字加1位数字或X。',
    'A resident ID number is 17 digits followed by a digit or X.',
  ),
  'ID.GENDER_MISMATCH': t(
    '申报的性别为{declared, select, male {男} female {女} other {{declared}}}，但身份证号码顺序码对应{encoded, select, male {男} female {女} other {{encoded}}}。',
    "Declared {declared} but the ID number's sequence encodes {encoded}.",
  ),
  'ID.LEGACY_15_DIGIT': t(
    '15位身份证号码为第一代身份证，已停止使用；请提供现行身份证上的18位号码。',
    'A 15-digit resident ID number is from a first-generation card, no longer valid; give the 18-character number on the current card.',
  ),
  'CUSTOMER.ID_CHECKSUM': t('身份证号码校验码不正确。', 'The resident ID number’s check character is wrong.'),
  'ID.PASSPORT_FORMAT': t('护照号码为5至20位字母或数字。', 'A passport number is 5-20 letters or digits.'),
  'USCC.AREA': t('第3至8位须为数字行政区划码。', 'Characters 3-8 must be a numeric area code.'),
  'USCC.CHECKSUM': t('校验码与前17位不符。', 'The check character does not match the first 17 characters.'),
  'USCC.FORMAT': t(
    '统一社会信用代码为18位，由0-9及除I、O、S、V、Z外的A-Y组成。',
    'A unified social credit code is 18 characters of 0-9 and A-Y without I, O, S, V, Z.',
  ),
  'CONTACT.MOBILE': t(
    '大陆手机号码为11位，以13-19开头。',
    'A mainland mobile number is 11 digits starting with 13-19.',
  ),
  // ------------------------------------------------------------------ the product's terms
  'CLAIM.NOT_COVERED': t(
    '保单不含{claimType, select, death {身故} critical_illness {重大疾病} hospitalisation {住院医疗} accident_disability {意外伤残} outpatient {门诊医疗} other {{claimType}}}保障。',
    'The policy has no coverage for {claimType}.',
  ),
  'CLAIM.WAITING_PERIOD': t(
    '出险日在{days}天等待期内（至{until}）。',
    'The event falls inside the {days}-day waiting period (until {until}).',
  ),
  'CLAIM.EXCLUSION': t(
    '事故属于合同约定的责任免除情形。',
    'The event falls under an exclusion of the contract.',
  ),
  'CLAIM.AMOUNT': t(
    '金额须在¥0.01至{maxYuan, number, ::currency/CNY}之间。',
    'Approve between CN¥0.01 and {maxYuan, number, ::currency/CNY}.',
  ),
  'CLAIM.REFUSED': t('理赔申请不能受理。', 'The claim cannot be taken.'),
  'ENDORSEMENT.BACKDATED': t('批改不能追溯生效。', 'An endorsement cannot take effect in the past.'),
  'ENDORSEMENT.NOT_ANNIVERSARY': t(
    '缴费方式只能在保单周年日、当年保费缴清时变更。',
    'The payment mode changes at a policy anniversary, when the year is fully paid.',
  ),
  'ENDORSEMENT.PAYMENT_MODE': t(
    '{mode, select, single_switch {趸交不能与期交相互变更。} other {本产品不提供“{mode}”缴费方式。}}',
    '{mode, select, single_switch {A single premium cannot be changed to or from instalments.} other {The product does not offer {mode} payment.}}',
  ),
  'ENDORSEMENT.SUM_INSURED': t(
    '新保额须低于{currentYuan, number, ::currency/CNY}且不低于{minYuan, number, ::currency/CNY}。',
    'The new sum insured must be below {currentYuan, number, ::currency/CNY} and at least {minYuan, number, ::currency/CNY}.',
  ),
  'LOAN.LIMIT': t(
    '最多可借{maxYuan, number, ::currency/CNY}：现金价值（{cashValueYuan, number, ::currency/CNY}）的{percent}%减去未还的{owedYuan, number, ::currency/CNY}。',
    'At most {maxYuan, number, ::currency/CNY} may be borrowed: {percent}% of the cash value ({cashValueYuan, number, ::currency/CNY}) less {owedYuan, number, ::currency/CNY} owed.',
  ),
  'LOAN.NONE': t('保单没有未还的贷款。', 'The policy has no loan outstanding.'),
  'LOAN.NOT_OFFERED': t('产品{productCode}不提供保单贷款。', 'Product {productCode} offers no policy loans.'),
  'LOAN.OVERPAID': t(
    '欠款为{owedYuan, number, ::currency/CNY}；还款不能超过此数。',
    '{owedYuan, number, ::currency/CNY} is owed; pay at most that.',
  ),
  'OFFER.RATING_AGE_CHANGED': t(
    '保费按{age}岁厘定，{until}前签发有效；被保险人在{issueDate}已满下一岁：请重新报价投保。',
    'The premium was rated at age {age}, valid for issue until {until}; the insured is older on {issueDate}: quote and apply again.',
  ),
  'QUOTE.RATING_AGE_CHANGED': t(
    '报价按{quotedAge}岁厘定；被保险人在生效日{effectiveDate}为{age}岁（生日{birthday}）：请按新年龄重新报价。',
    'The quote was rated at age {quotedAge}; the insured is {age} on {effectiveDate} (birthday {birthday}); quote again at the new age.',
  ),
  'QUOTE.EXPIRED': t(
    '报价已于{validUntil}失效；请重新报价。',
    'The quote expired on {validUntil}; quote again.',
  ),
  'SALES.QUOTE_EXPIRED': t('报价已失效；请重新报价。', 'The quote has expired; quote again.'),
  'SALES.QUOTE_ALREADY_USED': t('该报价已生成投保单。', 'An application was already made from this quote.'),
  'SALES.SUM_INSURED_RANGE': t('保额超出产品允许的范围。', 'The sum insured is outside the product’s range.'),
  'SALES.PRODUCT_TERMS': t(
    '本产品不向该客户提供这些条件。',
    'The product does not offer these terms to this customer.',
  ),
  'SALES.NOT_RATED': t('该条件没有费率。', 'These terms are not rated.'),
  'PREMIUM.AMOUNT_MISMATCH': t(
    '应缴保费为{expectedYuan, number, ::currency/CNY}，实缴{paidYuan, number, ::currency/CNY}。',
    'The premium due is {expectedYuan, number, ::currency/CNY}, not {paidYuan, number, ::currency/CNY}.',
  ),
  'PREMIUM.ALREADY_PAID': t('首期保费已缴纳。', 'The first premium is already paid.'),
  'PREMIUM.NOTHING_DUE': t(
    `保单{policyNumber}目前没有应缴保费（${POLICY_STATUS_ZH}）。`,
    'Policy {policyNumber} has no premium due ({status}).',
  ),
  'PRODUCT.CASH_VALUES_MISSING': t(
    '保障期超过一年的产品须有现金价值表。',
    'Cover over one year needs a cash-value table.',
  ),
  'PRODUCT.COVERAGE_TERM': t('本产品没有{years}年期保障。', 'No {years}-year cover.'),
  'PRODUCT.EFFECTIVE_DATE': t('产品版本不能追溯生效。', 'A version cannot take effect in the past.'),
  'PRODUCT.ENTRY_AGE': t(
    '{age, select, range {最低投保年龄高于最高投保年龄。} other {投保年龄{age}岁不在{min}至{max}岁之间。}}',
    '{age, select, range {The minimum entry age is above the maximum.} other {Entry age {age} is outside {min}-{max}.}}',
  ),
  'PRODUCT.INVALID': t(
    '{what, select, rate_table {费率表} cash_value_table {现金价值表} other {产品}}不符合要求。',
    'The {what, select, rate_table {rate table} cash_value_table {cash-value table} other {product}} is not valid.',
  ),
  'PRODUCT.MODAL_FACTOR': t('缴费方式“{mode}”没有换算系数。', 'Payment mode {mode} has no modal factor.'),
  'PRODUCT.NOT_ON_SALE': t(
    '产品{productCode}在{on}没有有效版本。',
    'Product {productCode} has no version in force on {on}.',
  ),
  'PRODUCT.OCCUPATION_CLASS': t(
    '不接受职业类别{occupationClass}。',
    'Occupation class {occupationClass} is not accepted.',
  ),
  'PRODUCT.OCCUPATION_LOADING': t(
    '职业类别{occupationClass}可承保但没有加费标准。',
    'Occupation class {occupationClass} is accepted but has no loading.',
  ),
  'PRODUCT.PAYMENT_MODE': t('不提供“{mode}”缴费方式。', 'Payment mode {mode} is not offered.'),
  'PRODUCT.PAYMENT_TERM': t(
    '{terms, select, none {没有{years}年期缴费。} other {缴费年期{terms}超过所有保障期。}}',
    '{terms, select, none {No {years}-year payment.} other {Payment terms {terms} exceed every coverage term.}}',
  ),
  'PRODUCT.RATES_MISSING': t('请先上传费率表。', 'Upload the rate table first.'),
  'PRODUCT.SINGLE_PAYMENT': t('趸交须为1年缴费期。', 'Single payment needs a 1-year payment term.'),
  'PRODUCT.SUM_INSURED': t(
    '保额须在{minYuan, number, ::currency/CNY}至{maxYuan, number, ::currency/CNY}之间。',
    'Sum insured must be between {minYuan, number, ::currency/CNY} and {maxYuan, number, ::currency/CNY}.',
  ),
  'RATING.NO_RATE': t(
    '投保年龄{age}岁、{gender, select, male {男性} female {女性} other {{gender}}}、{paymentTermYears}年缴费没有费率。',
    'No rate for entry age {age}, {gender}, {paymentTermYears}-year payment.',
  ),
  'RATING.NO_TABLE': t('没有费率表。', 'No rate table.'),
  'RATING.OCCUPATION_CLASS': t(
    '职业类别{occupationClass}没有费率。',
    'Occupation class {occupationClass} is not rated.',
  ),
  'RATING.PAYMENT_MODE': t('不提供“{mode}”缴费方式。', 'Payment mode {mode} is not offered.'),
  'RATING.PREMIUM_TOO_LOW': t(
    '该保费不足以购买一个保额单位。',
    'The premium buys less than one sum-insured step.',
  ),
  'RATING.SINGLE_PREMIUM_TERM': t(
    '趸交保费按1年缴费的费率计算，而不是{paymentTermYears}年缴费。',
    'A single premium is rated on the single-pay row (1 payment year), not a {paymentTermYears}-year payment term.',
  ),
  'OFFER.PRODUCT_UNKNOWN': t(
    '尚未收到产品{productCode}第{version}版。',
    'Product {productCode} v{version} has not been received.',
  ),
  // ------------------------------------------------------------------ the insurer's own controls
  'CLAIM.AUTHORITY': t(
    '核赔{amountYuan, number, ::currency/CNY}须具有{needed, select, handler {理赔员} manager {理赔经理} director {理赔总监} other {{needed}}}权限。',
    'Approving {amountYuan, number, ::currency/CNY} needs {needed} authority.',
  ),
  'CLAIM.FOUR_EYES': t(
    '核赔人不能是理算该案的人员。',
    'The approver must not be the person who assessed the claim.',
  ),
  'UW.BMI': t(
    '{outcome, select, decline {BMI {bmi}高于35。} other {BMI {bmi}不在17至32之间。}}',
    '{outcome, select, decline {BMI {bmi} is above 35.} other {BMI {bmi} is outside 17-32.}}',
  ),
  'UW.BMI_LOADING': t('BMI {bmi}高于28：加费25%。', 'BMI {bmi} is above 28: +25% premium.'),
  'UW.BMI_MISSING': t('本保障须提供身高和体重。', 'Height and weight are needed for this cover.'),
  'UW.CANCER': t(
    '有恶性肿瘤病史，本保障不予承保。',
    'A history of malignant tumour is not insurable on this cover.',
  ),
  'UW.DIABETES': t(
    '糖尿病须由核保人审阅病历。',
    'Diabetes needs an underwriter to review the medical records.',
  ),
  'UW.ENTRY_AGE': t('投保年龄{age}岁不在{min}至{max}岁之间。', 'Entry age {age} is outside {min}-{max}.'),
  'UW.FINANCIAL': t(
    '保额超过申报收入的{multiple}倍。',
    'Sum insured is above {multiple} times the declared income.',
  ),
  'UW.HAZARDOUS_OCCUPATION': t(
    '职业类别{occupationClass}须人工审核。',
    'Occupation class {occupationClass} needs review.',
  ),
  'UW.HEART': t('冠心病本保障不予承保。', 'Coronary heart disease is not insurable on this cover.'),
  'UW.HEART_EXCLUDED': t('心脏疾病除外承保。', 'Heart disease is excluded.'),
  'UW.HYPERTENSION_EXCLUDED': t('高血压除外承保。', 'Hypertension is excluded.'),
  'UW.HYPERTENSION_LOADING': t('高血压治疗中：加费50%。', 'Treated hypertension: +50% premium.'),
  'UW.LARGE_SUM': t(
    '保额超过200万元须提供体检资料。',
    'Sums insured above 2 million yuan need medical evidence.',
  ),
  'UW.MEDICAL_HISTORY': t(
    '告知了“{condition}”：由核保人审阅详情。',
    'Declared {condition}: an underwriter reviews the details.',
  ),
  'UW.OCCUPATION': t(
    '职业类别{occupationClass}本产品不予承保。',
    'Occupation class {occupationClass} is not insurable on this product.',
  ),
  'UW.PRODUCT_UNKNOWN': t(
    '尚未收到产品{productCode}第{version}版。',
    'Product {productCode} v{version} has not been received.',
  ),
  'UW.REVIEWED': t('经人工核保审核。', 'Reviewed by an underwriter.'),
  'UW.UNKNOWN_CONDITION': t(
    '告知的“{condition}”没有自动核保规则。',
    'Declared condition {condition} has no automatic rule.',
  ),
  'UNDERWRITING.ALREADY_DECIDED': t(
    '投保单{applicationId}已有核保结论，不可更改。',
    'Application {applicationId} is already decided; the decision is final.',
  ),
  'UNDERWRITING.ASSIGNED_TO_OTHER': t('该案件已分派给{assignee}。', 'The case is assigned to {assignee}.'),
  // ------------------------------------------------------------------ compliance-svc's monitored rules
  SALE_ABOVE_RISK_LEVEL: t(
    '销售的产品风险等级高于客户风险承受等级。',
    'A product sold above the customer’s risk level.',
  ),
  DUAL_RECORDING_MISSING: t('应双录的销售没有录音录像。', 'A sale that must be recorded has no recording.'),
  SALESPERSON_NOT_QUALIFIED: t('销售人员不具备销售资质。', 'The salesperson was not qualified for the sale.'),
  RETURN_VISIT_OVERDUE: t('回访逾期未完成。', 'The return visit is overdue.'),
  DEPARTURE_NOTICE_LATE: t(
    '销售人员离职后未及时通知客户。',
    'Customers were not told in time that their salesperson left.',
  ),
  CLAIM_DEADLINE: t(
    '理赔未在法定期限内核定或赔付。',
    'A claim was not decided or paid within its statutory deadline.',
  ),
  SURRENDER_REFUND_LATE: t('退保金未在期限内支付。', 'A surrender refund was not paid in time.'),
  COMPLAINT_DEADLINE: t('投诉未在期限内处理完毕。', 'A complaint was not answered by its deadline.'),
  AML_LARGE_VALUE: t('大额交易须报告。', 'A large-value transaction to report.'),
  AML_QUICK_WITHDRAWAL: t(
    '投保后短期内退保或撤单。',
    'A policy surrendered or withdrawn soon after purchase.',
  ),
  AML_THIRD_PARTY_PAYER: t('由无关第三方缴纳保费。', 'A premium paid by an unrelated third party.'),
  AML_BULK_SURRENDER: t('短期内集中退保。', 'Several surrenders in a short time.'),
  AML_STRUCTURING: t('拆分交易以规避大额报告。', 'Payments split to stay under the reporting threshold.'),
  AML_IDENTITY_THEN_PURCHASE: t('身份核验失败后仍投保。', 'A purchase after a failed identity check.'),
  AML_TRANSFER_UNVERIFIED: t(
    '保单变更给身份未经核验的新投保人。',
    'A policy passed to a new policyholder whose identity has not been verified.',
  ),
  AML_PREMIUM_OVER_INCOME: t('保费与申报收入明显不符。', 'Premiums far above the declared income.'),
  FREQUENT_CHANGES: t('短期内频繁变更关键信息。', 'Frequent changes to key details in a short time.'),
  // ------------------------------------------------------------------ how the platform works
  'AUTH.ROLE_FORBIDDEN': t(
    '此操作须具有以下角色之一：{roles}。',
    'This operation needs one of the roles: {roles}.',
  ),
  'AUTH.TOKEN_INVALID': t('访问令牌无效：{reason}。', 'The bearer token is not acceptable: {reason}.'),
  'REQUEST.BAD_URL': t('URL无法解码。', 'The URL cannot be decoded.'),
  'REQUEST.HEADERS_TOO_LARGE': t(
    '请求头超过服务器允许的大小。',
    'The request headers are larger than the server accepts.',
  ),
  'REQUEST.INVALID': t('请求的格式不符合要求。', 'The request does not match the expected shape.'),
  'REQUEST.MALFORMED': t('请求不是有效的HTTP请求。', 'The request is not valid HTTP.'),
  'REQUEST.NUL_CHARACTER': t(
    '{in, select, name {字段名} other {值}}不能包含NUL字符。',
    '{in, select, name {A field name} other {The value}} must not contain a NUL character.',
  ),
  'REQUEST.NOT_ROUTABLE': t('请求无法路由。', 'The request cannot be routed.'),
  'REQUEST.RATE_LIMITED': t(
    '此类请求过多；请{seconds}秒后重试。',
    'Too many requests of this kind; try again in {seconds} s.',
  ),
  'REQUEST.TIMEOUT': t('请求未能及时完成。', 'The request was not completed in time.'),
  'REQUEST.URI_TOO_LONG': t(
    '路径参数超过服务器允许的长度。',
    'A path parameter is longer than the server accepts.',
  ),
  'REQUEST.BODY': t('请求体无法读取：{reason}。', 'The request body cannot be read: {reason}.'),
  'REQUEST.CHANGE_NOTHING': t('请至少指定一个要修改的字段。', 'Name at least one field to change.'),
  'REQUEST.LOADING_PERCENT': t(
    '加费承保须填写加费比例（loadingPercent）。',
    'A loading decision needs loadingPercent.',
  ),
  'REQUEST.EXCLUSIONS': t(
    '除外承保须填写除外责任（exclusions）。',
    'An exclusion decision needs exclusions.',
  ),
  'REQUEST.CNY_CURRENCY': t('人民币无须填写币种。', 'Omit currency for CNY.'),
  'REQUEST.CURRENCY_PAIR': t(
    'currency与currencyAmountMinor须同时填写。',
    'Currency and currencyAmountMinor go together.',
  ),
  'REQUEST.PERIOD': t('起始日期不能晚于截止日期。', 'From must not be after to.'),
  'REQUEST.PERIOD_TOO_LONG': t('序列最长覆盖366天。', 'A series covers at most 366 days.'),
  'REQUEST.SUM_OR_PREMIUM': t(
    '请填写保额（sumInsuredFen）或保费（premiumFen）中的一项。',
    'Give either sumInsuredFen or premiumFen.',
  ),
  'REQUEST.INSURED_RELATIONSHIP': t(
    '请说明被保险人与投保人的关系。',
    'Name how the insured stands to the policyholder.',
  ),
  'IDEMPOTENCY.KEY_REUSED': t(
    '该幂等键（Idempotency-Key）已用于另一个请求；新请求请使用新键。',
    'This Idempotency-Key was used for a different request; use a new key for a new request.',
  ),
  'DATABASE.UNAVAILABLE': t(
    '数据库暂时无法访问。请{seconds}秒后重试（如接口支持，请使用相同的幂等键）。',
    'The database cannot be reached just now. Retry in {seconds} seconds (with the same Idempotency-Key where the endpoint takes one).',
  ),
  'PROJECTION.REBUILD_RUNNING': t(
    '第{generation}代数据仍在重建中。',
    'Generation {generation} is still being rebuilt.',
  ),
  'CUSTOMER.VERSION_CONFLICT': t(
    '客户记录当前为第{current}版，不是第{expected}版；请重新读取后再修改。',
    'The customer is at version {current}, not {expected}; read it again and reapply the change.',
  ),
  'CUSTOMER.NOT_RESTRICTED': t(
    '客户{customerId}未被限制处理：请通过常规接口和目的读取。',
    'Customer {customerId} is not restricted: read them through the usual routes and purposes.',
  ),
  'CUSTOMER.ALREADY_REGISTERED': t(
    '该证件号码的客户已登记。',
    'A customer with this ID number is already registered.',
  ),
  'CUSTOMER.DATA_INVALID': t('客户资料不符合规则。', 'The customer data breaks a data rule.'),
  'PROFILE.BANK_ACCOUNT': t('银行账号为12至30位数字。', 'A bank account number is 12-30 digits.'),
  'PROFILE.BIRTH_DATE_FUTURE': t('出生日期晚于今天。', 'Birth date is in the future.'),
  'PROFILE.BIRTH_DATE_RANGE': t('出生日期早于120年前。', 'Birth date is over 120 years ago.'),
  'PROFILE.HOUSEHOLD_INCOME': t(
    '家庭收入不能低于客户本人收入。',
    "Household income cannot be below the customer's own income.",
  ),
  'CASE.ALERT_TAKEN': t('以下预警已归入其他案件：{alertIds}。', 'Alerts already in a case: {alertIds}.'),
  'CASE.WRONG_STATE': t(
    `案件{caseId}当前状态为${CASE_STATUS_ZH}，不能这样变更。`,
    'Case {caseId} is {status}; it cannot be changed that way.',
  ),
  'CLAIM.WRONG_STATE': t(
    `理赔案件{claimId}当前状态为${CLAIM_STATUS_ZH}，不能${CLAIM_ACTION_ZH}。`,
    'Claim {claimId} is {status}; it cannot be {action}.',
  ),
  'POLICY.WRONG_STATE': t(
    `保单{policyNumber}当前状态为${POLICY_STATUS_ZH}，不能${POLICY_ACTION_ZH}。`,
    'Policy {policyNumber} is {status}; it cannot be {action}.',
  ),
  'PRODUCT.WRONG_STATE': t(
    '{productCode}第{version}版已发布；如需修改请创建新版本。',
    '{productCode} v{version} is published; create a new version to change it.',
  ),
  'SALESPERSON.WRONG_STATE': t(
    '{state, select, notice_sent {该离职通知已发送。} other {销售人员{salespersonId}已离职。}}',
    '{state, select, notice_sent {This notice was already sent.} other {Salesperson {salespersonId} has departed.}}',
  ),
  'TICKET.WRONG_STATE': t(
    `{state, select, not_complaint {只有投诉工单有可延长的处理期限。} other {工单{ticketId}已${TICKET_STATUS_ZH}。}}`,
    '{state, select, not_complaint {Only complaints have a deadline to extend.} other {Ticket {ticketId} is already {status}.}}',
  ),
  'OFFER.ALREADY_CONFIRMED': t('承保要约已确认。', 'The offer is already confirmed.'),
  'OFFER.NOT_OPEN': t(
    '投保单{applicationId}没有待确认的承保要约（{status}）。',
    'There is no open offer for application {applicationId} ({status}).',
  ),
  'RETURN_VISIT.COMPLETED': t('该回访已完成。', 'This return visit was already completed.'),
  'STAFF.ALREADY_EXISTS': t('员工{staffId}已存在。', 'Staff member {staffId} already exists.'),
  'SURVEY.ALREADY_ANSWERED': t('该调查已填写。', 'This survey was already answered.'),
  'IMPROVEMENT.DUE_PAST': t('完成日期早于今天（{today}）。', 'The due date is before today ({today}).'),
  'IMPROVEMENT.INVALID': t(
    '改进措施无法按所给内容记录。',
    'The improvement action cannot be recorded as given.',
  ),
  'IMPROVEMENT.KPI_RANGE': t(
    '{kpi}的取值为{min}至{max}{integer, select, yes {之间的整数} other {}}。',
    '{kpi} takes {integer, select, yes {whole numbers } other {}}from {min} to {max}.',
  ),
  'RULE.EFFECTIVE_DATE': t(
    '新版本须晚于{latestFrom}（第{latestVersion}版的生效日）生效。',
    'A new version must start after {latestFrom}, when version {latestVersion} started.',
  ),
  'ENDORSEMENT.POLICYHOLDER_UNKNOWN': t(
    '合同系统中没有新投保人（或其出生日期）：请先在客户服务中登记，或等待其事件到达。',
    'contract-svc does not know the new policyholder (or their birth date): register them in customer-svc first (or wait for its event).',
  ),
  'ENDORSEMENT.POLICYHOLDER_UNVERIFIED': t(
    '新投保人的身份尚未核验（或核验未通过，或身份信息变更后未再核验）：请先在客户服务中完成身份核验。',
    'The new policyholder’s identity is not verified (never, not passed, or not since it changed): verify it in customer-svc first.',
  ),
  'SALES.CUSTOMER_UNKNOWN': t(
    '销售系统中没有该客户（或其出生日期）：请先在客户服务中登记，或等待其事件到达。',
    'The customer is not known to sales: register them in customer-svc first (or wait for its event).',
  ),
  'SALES.CUSTOMER_FACTS_MISSING': t(
    '客户资料缺少报价所需的信息。',
    'Rating needs facts the customer record lacks.',
  ),
  'SALES.CUSTOMER_FACT_MISSING': t('缺少{fact}，请补充收集。', '{fact} is unknown; collect it.'),
  'SALES.INSURED_NOT_QUOTED': t(
    '被保险人不是报价对应的人。',
    'The insured is not the person the quote was rated for.',
  ),
  'SALES.POLICYHOLDER_NOT_QUOTED': t(
    '投保人不是报价对应的客户。',
    'The policyholder is not the customer the quote was made to.',
  ),
  'SALES.PARTIES': t('投保人不能这样为该人投保。', 'The policyholder may not insure this person so.'),
  'TABLE.AGES_NOT_CONTIGUOUS': t(
    '{gender, select, male {男性} female {女性} other {{gender}}}、{term}年缴费：缺少投保年龄{ages}的行。',
    '{gender}, {term}-year payment: no row for entry age {ages}.',
  ),
  'TABLE.CELL': t(
    '{problem, select, cells {应有{expected}个单元格，实有{got}个。} whole {“{value}”不是整数。} rate {“{value}”不是正整数（分）。} gender {“{value}”不是male或female。} cash_value {现金价值须为非负整数分。} other {“{value}”不是有效值。}}',
    '{problem, select, cells {Expected {expected} cells, got {got}.} whole {"{value}" is not a whole number.} rate {"{value}" is not a positive whole number of fen.} gender {"{value}" is not male or female.} cash_value {A cash value is a non-negative whole number of fen.} other {"{value}" is not valid.}}',
  ),
  'TABLE.DUPLICATE': t(
    '{key}出现两次（第{first}行和第{second}行）。',
    '{key} appears twice (rows {first} and {second}).',
  ),
  'TABLE.HEADER': t('表头须为{header}。', 'The header must be {header}.'),
  'TABLE.OUT_OF_RANGE': t(
    '{what, select, term {产品没有{value}年缴费期。} other {投保年龄{value}岁不在{min}至{max}岁之间。}}',
    '{what, select, term {The product has no {value}-year payment term.} other {Entry age {value} is outside {min}-{max}.}}',
  ),
  'TABLE.YEARS': t('应有{expected}个保单年度，实有{got}个。', 'Expected {expected} policy years, got {got}.'),
  ...Object.fromEntries(Object.entries(RESOURCE_ZH).map(([resource, zh]) => notFound(resource, zh))),
  'COMMAND.FAILED': t('命令处理失败：{reason}', 'The command failed: {reason}'),
  'COMMAND.UNSUPPORTED': t('此处没有处理{type}的程序。', 'No handler for {type} here.'),
  'CONTRACT.SCHEMA_VIOLATION': t(
    '消息不符合其契约的模式。',
    'The message does not match its contract’s schema.',
  ),
  'CONTRACT.UNKNOWN_TYPE': t('未知的{kind} {type}@{version}。', 'Unknown {kind} {type}@{version}.'),
};

/**
 * The registry's sources as a Chinese text cites them. The English spelling stays the stable `source` of a rule
 * (integrators match on it); a Chinese text cites the Chinese one.
 */
export const SOURCE_TEXTS: Readonly<Record<string, string>> = {
  'NFRA Order 2025 No. 7 (金融机构产品适当性管理办法)':
    '《金融机构产品适当性管理办法》（国家金融监督管理总局令2025年第7号）',
  'NFRA Order 2025 No. 7': '《金融机构产品适当性管理办法》（国家金融监督管理总局令2025年第7号）',
  'NFRA Order 2023 No. 2 (保险销售行为管理办法)':
    '《保险销售行为管理办法》（国家金融监督管理总局令2023年第2号）',
  'NFRA Order 2023 No. 2': '《保险销售行为管理办法》（国家金融监督管理总局令2023年第2号）',
  'CBIRC 2019 No. 179 (商业银行代理保险业务管理办法), signed declaration thresholds':
    '《商业银行代理保险业务管理办法》（银保监办发〔2019〕179号）',
  'CIRC 2017 No. 54 (保险销售行为可回溯管理暂行办法)':
    '《保险销售行为可回溯管理暂行办法》（保监发〔2017〕54号）',
  'CIRC 2017 No. 54': '《保险销售行为可回溯管理暂行办法》（保监发〔2017〕54号）',
  'Insurance Law Art. 40': '《中华人民共和国保险法》第四十条',
  'Insurance Law Art. 31 (insurable interest; otherwise by the insured’s consent)':
    '《中华人民共和国保险法》第三十一条',
  'the pledge registered with the insurer (保单质押): the policy’s value is not taken out from under it until the pledgee releases it':
    '保单质押登记',
  'Insurance Law Art. 34 (a policy paying on death is transferred or pledged only with the insured’s written consent)':
    '《中华人民共和国保险法》第三十四条',
  'Insurance Law Art. 34 (the insured’s consent to death cover and its sum)':
    '《中华人民共和国保险法》第三十四条',
  'Insurance Law Art. 33 (no death cover on a person without civil capacity, save by a parent)':
    '《中华人民共和国保险法》第三十三条',
  'Insurance Law Art. 33; CIRC 保监发〔2015〕90号 (minors’ death benefit caps)':
    '《中华人民共和国保险法》第三十三条；《关于父母为其未成年子女投保以死亡为给付保险金条件人身保险有关问题的通知》（保监发〔2015〕90号）',
  'Civil Code Arts. 17-20 (civil capacity by age)': '《中华人民共和国民法典》第十七条至第二十条',
  'Insurance Law Art. 39 (a policyholder’s choice of beneficiary needs the insured’s consent)':
    '《中华人民共和国保险法》第三十九条',
  'Insurance Law Art. 39 (an employer names only the insured or their close relatives)':
    '《中华人民共和国保险法》第三十九条',
  'Insurance Law Arts. 39, 41 (a policyholder changing the beneficiary needs the insured’s consent)':
    '《中华人民共和国保险法》第三十九条、第四十一条',
  'cooling-off of at least 15 days for personal life and health cover over one year (犹豫期)':
    '《人身保险新型产品信息披露管理办法》及监管规定（一年期以上人身保险犹豫期不少于15日）',
  'Insurance Law Art. 12 (personal insurance covers a natural person’s life and body)':
    '《中华人民共和国保险法》第十二条',
  'Insurance Law Art. 16': '《中华人民共和国保险法》第十六条',
  'Insurance Law Art. 36': '《中华人民共和国保险法》第三十六条',
  'Insurance Law Art. 37': '《中华人民共和国保险法》第三十七条',
  'Insurance Law Art. 47': '《中华人民共和国保险法》第四十七条',
  'Insurance Law Art. 24': '《中华人民共和国保险法》第二十四条',
  'Insurance Law Art. 26': '《中华人民共和国保险法》第二十六条',
  'Insurance Law Art. 44': '《中华人民共和国保险法》第四十四条',
  'Insurance Law Art. 14 (the insurer is liable for insured events while cover runs)':
    '《中华人民共和国保险法》第十四条',
  'Insurance Law Art. 22 (the proof and documents a claim needs)': '《中华人民共和国保险法》第二十二条',
  'Insurance Law Art. 87': '《中华人民共和国保险法》第八十七条',
  'Insurance Law Arts. 23-25': '《中华人民共和国保险法》第二十三条至第二十五条',
  'PBoC Order 2022 No. 1 (customer due diligence and identity records)':
    '《金融机构客户尽职调查和客户身份资料及交易记录保存管理办法》（中国人民银行令2022年第1号）',
  'PBoC Order 2016 No. 3 (large-value and suspicious transaction reports)':
    '《金融机构大额交易和可疑交易报告管理办法》（中国人民银行令2016年第3号）',
  'PBoC Order 2016 No. 3': '《金融机构大额交易和可疑交易报告管理办法》（中国人民银行令2016年第3号）',
  'PBoC Order 2016 No. 3, insurance red flags':
    '《金融机构大额交易和可疑交易报告管理办法》（中国人民银行令2016年第3号）保险业可疑交易特征',
  'Anti-Money Laundering Law (2024 revision) and PBoC customer identification and record-keeping measures (Order 2022 No. 1)':
    '《中华人民共和国反洗钱法》（2024年修订）及《金融机构客户尽职调查和客户身份资料及交易记录保存管理办法》（中国人民银行令2022年第1号）',
  'CBIRC Order 2020 No. 3 (银行保险机构消费投诉处理管理办法)':
    '《银行保险机构消费投诉处理管理办法》（中国银保监会令2020年第3号）',
  'CBIRC Order 2020 No. 3': '《银行保险机构消费投诉处理管理办法》（中国银保监会令2020年第3号）',
  'Personal Information Protection Law Art. 6': '《中华人民共和国个人信息保护法》第六条',
  'Personal Information Protection Law Arts. 28-29': '《中华人民共和国个人信息保护法》第二十八条、第二十九条',
  'Personal Information Protection Law Art. 15': '《中华人民共和国个人信息保护法》第十五条',
  'PIPL Art. 47': '《中华人民共和国个人信息保护法》第四十七条',
  'Personal Information Protection Law Art. 51': '《中华人民共和国个人信息保护法》第五十一条',
  'GB 11643-1999': 'GB 11643-1999《公民身份号码》',
  'GB 32100-2015 (unified social credit code)': 'GB 32100-2015《法人和其他组织统一社会信用代码编码规则》',
  'ICAO Doc 9303 (machine readable travel documents)': '国际民航组织Doc 9303《机读旅行证件》',
  'mainland mobile numbering: 11 digits, 1[3-9] then 9 digits':
    '中国大陆移动电话号码编号规则（11位，以13-19开头）',
  'the product’s filed terms (条款) and rate tables': '产品备案的保险条款和费率表',
  'underwriting guidelines': '核保指引',
  'claims approval authority and four-eyes control (internal control)': '理赔审批权限及双人复核（内部控制）',
  'platform API contract (RFC 9457 problem details)': '平台接口约定（RFC 9457 问题详情）',
  'platform messaging contract (AsyncAPI, libs/contracts)': '平台消息契约（AsyncAPI，libs/contracts）',
  'platform authentication (RFC 6750 bearer tokens, RFC 7519 JWT)':
    '平台身份认证（RFC 6750 持有者令牌，RFC 7519 JWT）',
};
