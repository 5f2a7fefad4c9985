import { addDays, addYears, type CalendarDate } from '@insurer/platform-time';
import type { RefusalReason } from '@insurer/platform-errors';

export type ClaimType =
  'death' | 'critical_illness' | 'hospitalisation' | 'accident_disability' | 'outpatient';

/** A reason intake refuses a claim: its code, words, the values its texts take, its source and field. */
export type Refusal = RefusalReason;

export interface PolicyCover {
  readonly insuredId: string;
  readonly isLife: boolean;
  readonly effectiveDate: CalendarDate;
  readonly expiryDate: CalendarDate;
  /** The date cover stopped (withdrawal, surrender, termination), if it did. */
  readonly endedOn: CalendarDate | null;
  /** Suspension periods (lapse to reinstatement) when no cover ran. */
  readonly suspensions: readonly { from: CalendarDate; to: CalendarDate | null }[];
  readonly limitationYears: number;
}

export type CauseOfDeath = 'illness' | 'accident' | 'suicide' | 'undetermined';

export interface CoverageTerms {
  readonly code: string;
  readonly claimTypes: readonly string[];
  readonly waitingPeriodDays: number;
}

export interface ClaimReport {
  readonly insuredId: string;
  readonly claimType: ClaimType;
  readonly eventDate: CalendarDate;
  /** For a death claim, what the death certificate gives as its cause. */
  readonly causeOfDeath?: CauseOfDeath;
}

/** Cover last (re)started: the formation of the contract, or its latest reinstatement (the end of a suspension). */
export function coverStartedOn(policy: Pick<PolicyCover, 'effectiveDate' | 'suspensions'>): CalendarDate {
  return policy.suspensions.reduce<CalendarDate>(
    (latest, s) => (s.to !== null && s.to > latest ? s.to : latest),
    policy.effectiveDate,
  );
}

/**
 * Art. 44: no death benefit for suicide within 2 years of formation or of reinstatement (the policy refunds its
 * cash value instead, which contract-svc handles). The last excluded day is the day before the second anniversary.
 */
export function suicideExcluded(
  policy: Pick<PolicyCover, 'effectiveDate' | 'suspensions'>,
  report: Pick<ClaimReport, 'claimType' | 'eventDate' | 'causeOfDeath'>,
): Refusal | null {
  if (report.claimType !== 'death' || report.causeOfDeath !== 'suicide') return null;
  const from = coverStartedOn(policy);
  const until = addYears(from, 2);
  if (report.eventDate >= until) return null;
  return {
    code: 'CLAIM.SUICIDE_EXCLUSION',
    message: `suicide within 2 years of ${from === policy.effectiveDate ? 'formation' : 'reinstatement'} (${from}); the exclusion ran to ${addDays(until, -1)}`,
    params: {
      from: from === policy.effectiveDate ? 'formation' : 'reinstatement',
      fromDate: from,
      until: addDays(until, -1),
    },
    source: 'Insurance Law Art. 44',
    pointer: '/causeOfDeath',
  };
}

/** Was cover running on the event date? */
export function inForceOn(policy: PolicyCover, date: CalendarDate): boolean {
  if (date < policy.effectiveDate || date > policy.expiryDate) return false;
  if (policy.endedOn !== null && date >= policy.endedOn) return false;
  return !policy.suspensions.some((s) => date >= s.from && (s.to === null || date < s.to));
}

/**
 * The intake checks of a first notice of claim (manual 4.2). Each refusal names its rule: the policy must cover the
 * insured on the event date, a coverage must pay this kind of claim, the event must fall after the waiting period, and
 * the claim must come within the limitation period (Insurance Law Art. 26: 2 years non-life, 5 years life).
 */
export function checkIntake(
  policy: PolicyCover | null,
  coverages: readonly CoverageTerms[],
  report: ClaimReport,
  today: CalendarDate,
): { coverage: CoverageTerms | null; refusals: Refusal[] } {
  const refusals: Refusal[] = [];
  if (!policy) {
    return {
      coverage: null,
      refusals: [{ code: 'CLAIM.POLICY_UNKNOWN', message: 'no such policy', pointer: '/policyId' }],
    };
  }
  if (report.eventDate > today) {
    refusals.push({
      code: 'CLAIM.EVENT_IN_FUTURE',
      message: 'the event date is in the future',
      pointer: '/eventDate',
    });
  }
  if (report.insuredId !== policy.insuredId) {
    refusals.push({
      code: 'CLAIM.NOT_INSURED',
      message: 'the person is not the insured of this policy',
      pointer: '/insuredId',
    });
  }
  if (!inForceOn(policy, report.eventDate)) {
    refusals.push({
      code: 'CLAIM.POLICY_NOT_IN_FORCE',
      message: `the policy was not in force on ${report.eventDate}`,
      params: { eventDate: report.eventDate },
      pointer: '/eventDate',
    });
  }
  const coverage = coverages.find((c) => c.claimTypes.includes(report.claimType)) ?? null;
  if (!coverage) {
    refusals.push({
      code: 'CLAIM.NOT_COVERED',
      message: `the policy has no coverage for ${report.claimType}`,
      params: { claimType: report.claimType },
      pointer: '/claimType',
    });
  } else if (report.eventDate < addDays(policy.effectiveDate, coverage.waitingPeriodDays)) {
    refusals.push({
      code: 'CLAIM.WAITING_PERIOD',
      message: `the event falls inside the ${coverage.waitingPeriodDays}-day waiting period (until ${addDays(policy.effectiveDate, coverage.waitingPeriodDays - 1)})`,
      params: {
        days: coverage.waitingPeriodDays,
        until: addDays(policy.effectiveDate, coverage.waitingPeriodDays - 1),
      },
      pointer: '/eventDate',
    });
  }
  const suicide = suicideExcluded(policy, report);
  if (suicide) refusals.push(suicide);
  const years = policy.isLife ? 5 : 2;
  if (today > addYears(report.eventDate, years)) {
    refusals.push({
      code: 'CLAIM.TIME_BARRED',
      message: `claims expire ${years} years after the event`,
      params: { years },
      source: 'Insurance Law Art. 26',
      pointer: '/eventDate',
    });
  }
  return { coverage, refusals };
}

/** The documents each kind of claim needs. */
export const DOCUMENT_CHECKLIST: Readonly<Record<ClaimType, readonly string[]>> = {
  death: ['claim_form', 'death_certificate', 'household_deregistration', 'claimant_id', 'relationship_proof'],
  critical_illness: ['claim_form', 'diagnosis_report', 'pathology_report', 'medical_records', 'insured_id'],
  hospitalisation: ['claim_form', 'invoice', 'expense_list', 'discharge_summary', 'insured_id'],
  accident_disability: [
    'claim_form',
    'accident_report',
    'disability_assessment',
    'medical_records',
    'insured_id',
  ],
  outpatient: ['claim_form', 'invoice', 'prescription', 'insured_id'],
};

export function missingDocuments(claimType: ClaimType, submitted: readonly string[]): string[] {
  return DOCUMENT_CHECKLIST[claimType].filter((kind) => !submitted.includes(kind));
}
