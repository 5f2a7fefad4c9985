import { ruleOf } from '@insurer/contracts';
import type { CalendarDate } from '@insurer/platform-time';
import type { ChangeConsent } from './beneficiary-change';
import { PolicyPledgedError, PolicyRuleError } from './policy.errors';

/**
 * A policy pledged as security for a loan from a third party (保单质押, usually a bank), registered with the insurer.
 * A policy paying on death is pledged only with the insured's written consent (Insurance Law Art. 34 para. 2), and
 * while the pledge stands the policyholder may not take the cash value out from under it: no surrender, cooling-off
 * withdrawal, policy loan or new policyholder until the pledgee releases it (staff record the release). No I/O.
 */
export interface PolicyPledge {
  /** Who holds the pledge (the lender). */
  readonly pledgee: string;
  /** The pledge's reference with the pledgee (the loan or pledge contract's number). */
  readonly reference: string;
  readonly pledgedOn: CalendarDate;
}

/** What the policyholder may not do while the policy is pledged. */
export type PledgeBlocked = 'surrendered' | 'withdrawn' | 'lent' | 'transferred' | 'pledged';

/** Refuses the action while a pledge stands. */
export function assertNotPledged(
  policy: { readonly pledge: PolicyPledge | null },
  action: PledgeBlocked,
): void {
  if (policy.pledge) throw new PolicyPledgedError(policy.pledge.pledgee, action);
}

/** A new pledge: none standing, and the insured's written consent where the policy pays on death. */
export function checkPledge(
  policy: { readonly pledge: PolicyPledge | null },
  insuredConsent: ChangeConsent | null,
  paysOnDeath: boolean,
): void {
  assertNotPledged(policy, 'pledged');
  if (paysOnDeath && !insuredConsent)
    throw new PolicyRuleError(
      'ENDORSEMENT.PLEDGE_CONSENT',
      'a policy paying on the insured’s death is pledged only with the insured’s written consent',
      { source: ruleOf('ENDORSEMENT.PLEDGE_CONSENT').source, pointer: '/insuredConsent' },
    );
}

/** A release names the pledge it ends. */
export function checkRelease(policy: { readonly pledge: PolicyPledge | null }, reference: string): void {
  if (policy.pledge?.reference !== reference)
    throw new PolicyRuleError('ENDORSEMENT.NOT_PLEDGED', `the policy is not pledged under ${reference}`, {
      params: { reference },
      pointer: '/reference',
    });
}
