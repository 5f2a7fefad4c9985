import { ENDED_POLICY_STATUSES, recordsRetentionYears, ruleOf } from '@insurer/contracts';
import { addYears, type CalendarDate } from '@insurer/platform-time';

/** A policy the customer holds or is insured by, as customer-svc's replica knows it. */
export interface RetainedPolicy {
  readonly policyId: string;
  readonly status: string;
  readonly effectiveDate: CalendarDate;
  readonly expiryDate: CalendarDate;
  /** The day the contract ended (withdrawn, surrendered, terminated); null while it runs. */
  readonly endedOn: CalendarDate | null;
}

/** One law that keeps the customer's records, and until when; `until` null: while a policy runs, and after it. */
export interface RetentionGround {
  readonly rule: 'RETENTION.INSURANCE_RECORDS' | 'RETENTION.AML_IDENTITY_RECORDS';
  readonly source: string;
  readonly record: string;
  readonly policyId?: string;
  readonly until: CalendarDate | null;
}

export interface Retention {
  /** The day the last period ends, when the data is shredded; null while a policy runs (not known yet). */
  readonly until: CalendarDate | null;
  readonly grounds: readonly RetentionGround[];
}

export const INSURANCE_RECORDS_SOURCE = ruleOf('RETENTION.INSURANCE_RECORDS').source;
export const AML_RECORDS_SOURCE = ruleOf('RETENTION.AML_IDENTITY_RECORDS').source;

const ENDED: readonly string[] = ENDED_POLICY_STATUSES;

/**
 * What the law makes the insurer keep about a customer, and until when. Insurance Law Art. 87: a contract's records
 * for 5 years after it ends when its term is at most one year, 10 years when longer. AML record keeping: identity
 * records for `amlYears` (a setting, default 10) after the business relationship ends, i.e. after the last policy
 * ends. A policy still running keeps everything with no end date yet. No policy at all: nothing to keep.
 */
export function retentionOf(policies: readonly RetainedPolicy[], amlYears: number): Retention {
  const grounds: RetentionGround[] = policies.map((p) => {
    const ended = ENDED.includes(p.status) ? (p.endedOn ?? p.expiryDate) : null;
    const years = recordsRetentionYears(p.effectiveDate, p.expiryDate);
    return {
      rule: 'RETENTION.INSURANCE_RECORDS',
      source: INSURANCE_RECORDS_SOURCE,
      record: `policy records, ${years} years after the contract ends`,
      policyId: p.policyId,
      until: ended === null ? null : addYears(ended, years),
    };
  });
  if (policies.length > 0) {
    const running = policies.some((p) => !ENDED.includes(p.status));
    const relationshipEnded = running
      ? null
      : policies.map((p) => p.endedOn ?? p.expiryDate).reduce((a, b) => (a > b ? a : b));
    grounds.push({
      rule: 'RETENTION.AML_IDENTITY_RECORDS',
      source: AML_RECORDS_SOURCE,
      record: `identity records, ${amlYears} years after the business relationship ends`,
      until: relationshipEnded === null ? null : addYears(relationshipEnded, amlYears),
    });
  }
  const open = grounds.some((g) => g.until === null);
  const until = open
    ? null
    : grounds.reduce<CalendarDate | null>(
        (a, g) => (a === null || (g.until as string) > a ? g.until : a),
        null,
      );
  return { until, grounds };
}

/**
 * Whether the data can be shredded on `today`: nothing to keep, or the day the last period ends has come (a period
 * of N years after day D ends on D's Nth anniversary; the sweep shreds on that day).
 */
export function retentionOver(retention: Retention, today: CalendarDate): boolean {
  if (retention.grounds.length === 0) return true;
  return retention.until !== null && today >= retention.until;
}
