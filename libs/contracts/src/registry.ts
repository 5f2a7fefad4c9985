import type { z } from 'zod';
import * as claims from './claims/claims.events.v1';
import * as commands from './commands/commands.v1';
import * as compliance from './compliance/compliance.events.v1';
import * as contract from './contract/contract.events.v1';
import * as customer from './customer/customer.events.v1';
import { registryKey, type CommandDefinition, type EventDefinition } from './define';
import * as sales from './sales/sales.events.v1';

function pick<T>(module: Record<string, unknown>, kind: 'event' | 'command'): T[] {
  return Object.values(module).filter(
    (value): value is T =>
      typeof value === 'object' && value !== null && (value as { kind?: string }).kind === kind,
  );
}

/** Every event definition, every version. */
export const EVENT_DEFINITIONS = [
  customer.CustomerRegisteredV1,
  customer.CustomerProfileUpdatedV1,
  customer.IdentityVerifiedV1,
  customer.IdentityRejectedV1,
  customer.ConsentGrantedV1,
  customer.ConsentWithdrawnV1,
  customer.ConsentGrantedV2,
  customer.ConsentWithdrawnV2,
  customer.CustomerErasedV1,
  customer.CustomerProcessingRestrictedV1,
  customer.RiskToleranceAssessedV1,
  customer.PersonalDataAccessedV1,
  customer.ComplaintOpenedV1,
  customer.ComplaintDeadlineExtendedV1,
  customer.ComplaintResolvedV1,
  customer.ComplaintDeadlineBreachedV1,
  customer.SurveySentV1,
  customer.SurveyAnsweredV1,
  commands.CustomerCommandRejectedV1,
  sales.ProductPublishedV1,
  sales.SalespersonRegisteredV1,
  sales.SalespersonDepartedV1,
  sales.DepartureNoticeSentV1,
  sales.SuitabilityAssessedV1,
  sales.QuoteIssuedV1,
  sales.ApplicationSubmittedV1,
  sales.ReturnVisitScheduledV1,
  sales.ReturnVisitCompletedV1,
  sales.ReturnVisitOverdueV1,
  commands.SalesCommandRejectedV1,
  contract.UnderwritingDecidedV1,
  contract.PolicyIssuedV1,
  contract.PolicyEndorsedV1,
  contract.PolicyholderChangedV1,
  contract.PolicyPledgedV1,
  contract.PolicyPledgeReleasedV1,
  contract.PolicyWithdrawnV1,
  contract.PolicySurrenderedV1,
  contract.PolicyLoanGrantedV1,
  contract.PolicyLoanRepaidV1,
  contract.PolicyLoanNoticeSentV1,
  contract.SurvivalBenefitPaidV1,
  contract.SurrenderRefundPaidV1,
  contract.SurrenderRefundOverdueV1,
  contract.PolicyLapsedV1,
  contract.PolicyReinstatedV1,
  contract.PolicyTerminatedV1,
  contract.PremiumPaidV1,
  contract.PremiumOverdueV1,
  contract.PremiumDemandNoticeSentV1,
  contract.DocumentIntegrityFailedV1,
  claims.ClaimReportedV1,
  claims.ClaimDocumentsRequestedV1,
  claims.ClaimDocumentsCompletedV1,
  claims.ClaimAssessedV1,
  claims.ClaimApprovedV1,
  claims.ClaimRejectedV1,
  claims.ClaimPaidV1,
  claims.ClaimReopenedV1,
  claims.ClaimDeadlineBreachedV1,
  claims.ClaimDeadlineWarningV1,
  claims.RejectionNoticeSentV1,
  commands.ClaimsCommandRejectedV1,
  compliance.ComplianceAlertRaisedV1,
  compliance.ComplianceCaseClosedV1,
] as const;

export const COMMAND_DEFINITIONS = [
  commands.RegisterCustomerV1,
  commands.UpdateCustomerV1,
  commands.SubmitApplicationV1,
  commands.ReportClaimV1,
  commands.SubmitClaimDocumentsV1,
] as const;

type AnyEventDef = (typeof EVENT_DEFINITIONS)[number];
type AnyCommandDef = (typeof COMMAND_DEFINITIONS)[number];

export type EventType = AnyEventDef['type'];
export type CommandType = AnyCommandDef['type'];
/** The payload of the current version of an event type: what `publish` accepts and handlers receive. */
export type EventPayload<T extends EventType> = z.output<Extract<AnyEventDef, { type: T }>['payload']>;
export type CommandPayload<T extends CommandType> = z.output<Extract<AnyCommandDef, { type: T }>['payload']>;

const eventsByKey = new Map<string, EventDefinition>(EVENT_DEFINITIONS.map((d) => [registryKey(d), d]));
const commandsByKey = new Map<string, CommandDefinition>(COMMAND_DEFINITIONS.map((d) => [registryKey(d), d]));
const latestEvent = new Map<string, EventDefinition>();
for (const def of EVENT_DEFINITIONS) {
  if ((latestEvent.get(def.type)?.version ?? 0) < def.version) latestEvent.set(def.type, def);
}

export function findEvent(type: string, version: number): EventDefinition | undefined {
  return eventsByKey.get(`${type}@${version}`);
}

export function latestEventDefinition(type: string): EventDefinition | undefined {
  return latestEvent.get(type);
}

export function findCommand(type: string, version: number): CommandDefinition | undefined {
  return commandsByKey.get(`${type}@${version}`);
}

// Every definition exported by a module must be listed above: a forgotten one would be unpublishable.
const exported = [customer, sales, contract, claims, compliance, commands].flatMap((m) => [
  ...pick<EventDefinition>(m, 'event'),
  ...pick<CommandDefinition>(m, 'command'),
]);
const listed = new Set<unknown>([...EVENT_DEFINITIONS, ...COMMAND_DEFINITIONS]);
const unlisted = exported.filter((d) => !listed.has(d)).map(registryKey);
if (unlisted.length > 0)
  throw new Error(`contracts: definitions missing from the registry: ${unlisted.join(', ')}`);
