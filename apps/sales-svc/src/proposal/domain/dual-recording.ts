import { addYears, type CalendarDate } from '@insurer/platform-time';
import { SOURCES, type Reason } from '../../regulation/domain/sources';

/** The key elements a recording of the sale must show; unit-linked sales also disclose investment risk. */
export const KEY_ELEMENTS = [
  'identity_confirmed',
  'product_terms_explained',
  'exclusions_explained',
  'cooling_off_explained',
  'customer_confirmed_voluntary',
] as const;
export const INVESTMENT_ELEMENT = 'investment_risk_explained';

export interface DualRecordingSale {
  readonly productType: string;
  readonly isLife: boolean;
  readonly productRequiresRecording: boolean;
  readonly buyerAge: number;
  readonly coverageTermYears: number;
  readonly channel: string;
}

export interface Recording {
  readonly reference: string;
  readonly sha256: string;
  readonly durationSeconds: number;
  readonly checklist: readonly string[];
}

/**
 * Why this sale must be recorded (双录), or an empty list: buyers aged 60+ on life cover over one year, every
 * unit-linked or investment product, every telesale, and products that require it themselves.
 */
export function recordingRequiredBecause(sale: DualRecordingSale): string[] {
  return recordingGrounds(sale).map((ground) => GROUND_TEXT[ground]);
}

const GROUND_TEXT = {
  elderly: 'buyer aged 60 or over on life cover over one year',
  unitLinked: 'unit-linked product',
  telesales: 'telesales',
  productRequires: 'the product requires it',
} as const;

/** Why a sale must be recorded, as the flags the refusal's texts read. */
function recordingGrounds(sale: DualRecordingSale): (keyof typeof GROUND_TEXT)[] {
  const grounds: (keyof typeof GROUND_TEXT)[] = [];
  if (sale.buyerAge >= 60 && sale.isLife && sale.coverageTermYears > 1) grounds.push('elderly');
  if (sale.productType === 'unit_linked') grounds.push('unitLinked');
  if (sale.channel === 'telesales') grounds.push('telesales');
  if (sale.productRequiresRecording) grounds.push('productRequires');
  return grounds;
}

/** Checks the recording an application carries against what the sale needs. */
export function checkRecording(sale: DualRecordingSale, recording: Recording | null | undefined): Reason[] {
  const because = recordingRequiredBecause(sale);
  if (because.length === 0) return [];
  if (!recording) {
    return [
      {
        code: 'SALES.DUAL_RECORDING_MISSING',
        message: `this sale must be recorded (${because.join('; ')}); attach the recording`,
        params: Object.fromEntries(
          Object.keys(GROUND_TEXT).map((g) => [
            g,
            recordingGrounds(sale).includes(g as never) ? 'yes' : 'no',
          ]),
        ),
        source: SOURCES.dualRecording,
        pointer: '/dualRecording',
      },
    ];
  }
  const required: string[] = [
    ...KEY_ELEMENTS,
    ...(sale.productType === 'unit_linked' ? [INVESTMENT_ELEMENT] : []),
  ];
  const missing = required.filter((element) => !recording.checklist.includes(element));
  const reasons: Reason[] = [];
  if (missing.length) {
    reasons.push({
      code: 'SALES.DUAL_RECORDING_INCOMPLETE',
      message: `the recording does not show: ${missing.join(', ')}`,
      params: { missing: missing.join(', ') },
      source: SOURCES.dualRecording,
      pointer: '/dualRecording/checklist',
    });
  }
  if (!/^[0-9a-f]{64}$/.test(recording.sha256)) {
    reasons.push({
      code: 'SALES.DUAL_RECORDING_HASH',
      message: 'sha256 must be 64 lowercase hex characters',
      pointer: '/dualRecording/sha256',
    });
  }
  return reasons;
}

/** Recordings are kept 5 years for cover up to one year and 10 years for longer cover (plus 2 after any dispute). */
export function recordingRetentionYears(coverageTermYears: number): number {
  return coverageTermYears <= 1 ? 5 : 10;
}

/** How long a recording is kept after a dispute on its policy ends. */
export const RETENTION_AFTER_DISPUTE_YEARS = 2;

/**
 * A complaint or claim dispute on the policy keeps the recording until 2 years after the dispute ends, if that is
 * later than its own retention (CIRC 2017 No. 54: kept beyond the dispute). No recording, nothing to keep.
 */
export function retentionAfterDispute(
  retainedUntil: CalendarDate | null,
  disputeEndedOn: CalendarDate,
): CalendarDate | null {
  if (retainedUntil === null) return null;
  const afterDispute = addYears(disputeEndedOn, RETENTION_AFTER_DISPUTE_YEARS);
  return afterDispute > retainedUntil ? afterDispute : retainedUntil;
}
