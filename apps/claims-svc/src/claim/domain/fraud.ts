import { addDays, type CalendarDate } from '@insurer/platform-time';

export interface FraudInput {
  readonly effectiveDate: CalendarDate;
  readonly eventDate: CalendarDate;
  /** Event dates of the insured's other claims. */
  readonly otherClaimDates: readonly CalendarDate[];
  readonly amountClaimedFen: number;
  readonly limitFen: number;
  readonly payeeIsInsuredOrBeneficiary: boolean;
  /** How many of this claim's documents were already submitted with another claim (same SHA-256). */
  readonly reusedDocuments: number;
}

export interface FraudSignal {
  readonly rule: string;
  readonly points: number;
  readonly explanation: string;
}

export const INVESTIGATION_THRESHOLD = 50;

/**
 * An explainable fraud and risk score (0-100): each rule that fires adds points with a sentence saying why; at 50 or
 * more the claim goes to investigation before any decision.
 */
export function fraudScore(input: FraudInput): { score: number; signals: FraudSignal[]; referred: boolean } {
  const signals: FraudSignal[] = [];
  if (input.eventDate < addDays(input.effectiveDate, 90)) {
    signals.push({
      rule: 'EARLY_CLAIM',
      points: 30,
      explanation: 'the event happened within 90 days of the start of cover',
    });
  }
  const recent = input.otherClaimDates.filter(
    (d) => d >= addDays(input.eventDate, -180) && d <= addDays(input.eventDate, 180),
  );
  if (recent.length >= 2) {
    signals.push({
      rule: 'FREQUENT_CLAIMS',
      points: 25,
      explanation: `${recent.length} other claims within 180 days`,
    });
  }
  if (input.limitFen > 0 && input.amountClaimedFen * 10 >= input.limitFen * 9) {
    signals.push({
      rule: 'NEAR_LIMIT',
      points: 20,
      explanation: 'the amount claimed is at least 90% of the limit',
    });
  }
  if (!input.payeeIsInsuredOrBeneficiary) {
    signals.push({
      rule: 'THIRD_PARTY_PAYEE',
      points: 25,
      explanation: 'the payee is neither the insured nor a beneficiary',
    });
  }
  if (input.reusedDocuments > 0) {
    signals.push({
      rule: 'REUSED_DOCUMENTS',
      points: 40,
      explanation: `${input.reusedDocuments} document(s) were already used in another claim`,
    });
  }
  const score = Math.min(
    100,
    signals.reduce((sum, s) => sum + s.points, 0),
  );
  return { score, signals, referred: score >= INVESTIGATION_THRESHOLD };
}
