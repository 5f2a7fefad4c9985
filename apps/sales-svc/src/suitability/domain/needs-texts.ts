import { localizedText as t, type Locale, type LocalizedText } from '@insurer/contracts';
import { formatText, type MessageValues } from '@insurer/platform-i18n';

/**
 * Why a product is recommended or left out, in Simplified Chinese and English (ICU MessageFormat): the agent reads
 * them to the customer, so they follow the reader's language. The analysis keeps a code and values; only these
 * words change. English amounts are plain yuan, Chinese ones currency.
 */
export const NEEDS_TEXTS = {
  entryAge: t('投保年龄须在{min}至{max}周岁之间', 'entry age {min}-{max}'),
  occupationNotAccepted: t(
    '不承保{occupationClass}类职业',
    'occupation class {occupationClass} not accepted',
  ),
  gradeAboveLevel: t('产品风险等级{grade}高于客户风险承受能力{level}', 'grade {grade} above level {level}'),
  noRiskAssessment: t('客户没有有效的风险承受能力评估', 'no valid risk assessment'),
  medicalDuplicate: t('已有有效的医疗保险（重复投保）', 'medical cover already in force (duplicate)'),
  protectionGap: t(
    '可弥补{gapYuan, number, ::currency/CNY}的保障缺口',
    'closes a protection gap of {gapYuan, number, ::group-off} yuan',
  ),
  dependants: t('有{count}位家属依靠其收入', '{count} dependant(s) rely on the income'),
  incomeReplacement: t(
    '罹患重大疾病时可替代约3年收入',
    'replaces about 3 years of income during a serious illness',
  ),
  hospitalCosts: t(
    '保障住院医疗费用；目前没有有效的医疗保险',
    'covers hospital costs; no medical cover in force',
  ),
  accidentCover: t('以较低保费保障意外身故和伤残', 'low-cost cover for accidental death and disability'),
  savingSuits: t('保障需求已满足，适合长期储蓄', 'protection needs met; suits long-term saving'),
  gapFirst: t('应先弥补保障缺口', 'protection gap should be closed first'),
} as const satisfies Record<string, LocalizedText>;

export type NeedsTextCode = keyof typeof NEEDS_TEXTS;

/** A reason of the analysis: a text's code and the values it is worded with. */
export interface NeedsReason {
  readonly code: NeedsTextCode;
  readonly values: MessageValues;
}

/** The reason in a language. */
export function needsText(reason: NeedsReason, locale: Locale): string {
  return formatText(`needs.${reason.code}`, NEEDS_TEXTS[reason.code][locale], locale, reason.values);
}
