import { z } from 'zod';
import { defineEvent } from '../define';
import { Id, Instant } from '../primitives';
import { Topics } from '../topics';

const topic = Topics.COMPLIANCE_EVENTS;

const TextValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
/** A text's code (a key of `ALERT_TEXTS`) and its values; a list's items fill its `{parts}`. */
export const AlertMessage = z.object({
  code: z.string().min(1),
  values: TextValues,
  parts: z.array(z.object({ code: z.string().min(1), values: TextValues })).optional(),
});
export type AlertMessage = z.infer<typeof AlertMessage>;

export const ComplianceAlertRaisedV1 = defineEvent({
  type: 'compliance.alert-raised',
  version: 1,
  topic,
  description: 'A rule version found a breach or a reportable transaction.',
  payload: z.object({
    alertId: Id,
    ruleId: z.string().min(1),
    ruleVersion: z.number().int().positive(),
    /** The legal source the rule version cites, e.g. `Insurance Law Art. 47` (added in 1.x). */
    source: z.string().min(1).optional(),
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    subject: z.object({
      kind: z.enum(['customer', 'salesperson', 'policy', 'claim', 'ticket']),
      id: z.string().min(1),
    }),
    summary: z.string().min(1),
    /**
     * What the alert found, as a text of `ALERT_TEXTS` and its values (added in 1.11), so a consumer words it in its
     * reader's language; `summary` is its English text. A code the consumer does not know: show the summary.
     */
    message: AlertMessage.optional(),
    evidenceEventIds: z.array(Id).min(1),
    raisedAt: Instant,
  }),
});

export const ComplianceCaseClosedV1 = defineEvent({
  type: 'compliance.case-closed',
  version: 1,
  topic,
  description: 'A compliance case was closed with a resolution.',
  payload: z.object({
    caseId: Id,
    alertIds: z.array(Id).min(1),
    resolution: z.enum(['no_breach', 'remediated', 'reported_to_regulator', 'disciplinary']),
    closedBy: z.string().min(1),
    closedAt: Instant,
  }),
});
