import { recordsRetentionYears } from '@insurer/contracts';
import { addYears, shanghaiDate, type CalendarDate } from '@insurer/platform-time';

export interface PayeeRetentionInput {
  readonly status: string;
  readonly paidAt: Date | null;
  readonly decidedAt: Date | null;
  /** The policy's dates from the replica; `endedOn` null while it runs. */
  readonly policy: {
    effectiveDate: CalendarDate;
    expiryDate: CalendarDate;
    endedOn: CalendarDate | null;
  } | null;
}

/**
 * The day a claim's sealed payee data (name and bank account) may be shredded once the customer asked for erasure:
 * the later of the end of Insurance Law Art. 87's period (5 or 10 years after the contract ends, by its term) and of
 * the AML record-keeping period after the transaction (`amlYears` after the payment, or after the rejection for a
 * claim never paid). Null while the claim is open or the policy runs: the date is not known yet. A claim whose policy
 * the service never saw is kept (nothing tells when its contract ended).
 */
export function payeeRetainedUntil(claim: PayeeRetentionInput, amlYears: number): CalendarDate | null {
  if (!claim.policy || claim.policy.endedOn === null) return null;
  const closedAt =
    claim.status === 'paid' ? claim.paidAt : claim.status === 'rejected' ? claim.decidedAt : null;
  if (!closedAt) return null;
  const records = addYears(
    claim.policy.endedOn,
    recordsRetentionYears(claim.policy.effectiveDate, claim.policy.expiryDate),
  );
  const aml = addYears(shanghaiDate(closedAt), amlYears);
  return records > aml ? records : aml;
}
