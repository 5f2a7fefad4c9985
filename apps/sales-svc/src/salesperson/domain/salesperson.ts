import type { EventPayload } from '@insurer/contracts';
import { addDays, shanghaiDate, type CalendarDate } from '@insurer/platform-time';
import { MAX_PRODUCT_GRADE, type SalespersonGrade, type SalespersonStanding } from './sales-authority';
import { SalespersonStateError } from './salesperson.errors';

/**
 * The salesperson (manual 2.1): registered with grade and licence, training hours per calendar year, and a departure
 * whose customers must be told within 30 days. Every change announces the salesperson's standing. No I/O.
 */

export interface SalespersonState {
  readonly salespersonId: string;
  readonly name: string;
  readonly grade: SalespersonGrade | null;
  readonly licenceNumber: string | null;
  readonly licenceValidUntil: string | null;
  readonly trainingHoursByYear: Record<string, number>;
  readonly status: 'active' | 'suspended' | 'departed';
  readonly departedOn: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface SalespersonInput {
  readonly salespersonId: string;
  readonly name: string;
  readonly grade: SalespersonGrade | null;
  readonly licenceNumber: string | null;
  readonly licenceValidUntil: string | null;
  readonly status?: 'active' | 'suspended';
}

/** Customers must hear within 30 days that the salesperson of a policy over one year has left (NFRA Order 2023 No. 2). */
export const DEPARTURE_NOTICE_DAYS = 30;

/** The salesperson as the authority rule sees them: service starts on registration. */
export function standing(person: SalespersonState): SalespersonStanding {
  return {
    salespersonId: person.salespersonId,
    grade: person.grade,
    licenceNumber: person.licenceNumber,
    licenceValidUntil: person.licenceValidUntil,
    training: { hoursByYear: person.trainingHoursByYear, serviceStartedOn: shanghaiDate(person.createdAt) },
    status: person.status,
  };
}

/** The standing announced after every change, for compliance and the other services. */
export function registered(
  person: SalespersonState,
  now: Date,
): EventPayload<'sales.salesperson-registered'> {
  const s = standing(person);
  return {
    salespersonId: person.salespersonId,
    grade: person.grade,
    maxProductGrade: person.grade ? MAX_PRODUCT_GRADE[person.grade] : null,
    licenceNumber: person.licenceNumber,
    licenceValidUntil: person.licenceValidUntil,
    trainingHoursThisYear: s.training.hoursByYear[shanghaiDate(now).slice(0, 4)] ?? 0,
    trainingHoursByYear: s.training.hoursByYear,
    serviceStartedOn: s.training.serviceStartedOn,
    status: person.status,
    registeredAt: now.toISOString(),
  };
}

/** Registration, or an update of grade, licence and status; a departed salesperson stays departed. */
export function register(
  existing: SalespersonState | null,
  input: SalespersonInput,
  now: Date,
): SalespersonState {
  if (existing?.status === 'departed')
    throw new SalespersonStateError(`${input.salespersonId} has departed`, {
      salespersonId: input.salespersonId,
      state: 'departed',
    });
  return {
    salespersonId: input.salespersonId,
    trainingHoursByYear: existing?.trainingHoursByYear ?? {},
    departedOn: existing?.departedOn ?? null,
    createdAt: existing?.createdAt ?? now,
    name: input.name,
    grade: input.grade,
    licenceNumber: input.licenceNumber,
    licenceValidUntil: input.licenceValidUntil,
    status: input.status ?? existing?.status ?? 'active',
    updatedAt: now,
  };
}

/** Hours count in the calendar year they were completed in; the year before still decides this year's authority. */
export function recordTraining(
  person: SalespersonState,
  hours: number,
  completedOn: CalendarDate,
  now: Date,
): SalespersonState {
  const year = completedOn.slice(0, 4);
  const before = person.trainingHoursByYear[year] ?? 0;
  return {
    ...person,
    trainingHoursByYear: { ...person.trainingHoursByYear, [year]: Math.round((before + hours) * 10) / 10 },
    updatedAt: now,
  };
}

export interface AffectedPolicy {
  readonly policyId: string;
  readonly policyholderId: string;
}

/** The departure: every customer of a running policy over one year is owed a notice within 30 days. */
export function depart(
  person: SalespersonState,
  departedOn: CalendarDate,
  affected: readonly AffectedPolicy[],
  now: Date,
): { state: SalespersonState; noticeDueOn: CalendarDate; event: EventPayload<'sales.salesperson-departed'> } {
  if (person.status === 'departed')
    throw new SalespersonStateError(`${person.salespersonId} already departed`, {
      salespersonId: person.salespersonId,
      state: 'departed',
    });
  const noticeDueOn = addDays(departedOn, DEPARTURE_NOTICE_DAYS);
  return {
    state: { ...person, status: 'departed', departedOn, updatedAt: now },
    noticeDueOn,
    event: {
      salespersonId: person.salespersonId,
      departedOn,
      noticeDueOn,
      affected: affected.map((p) => ({ customerId: p.policyholderId, policyId: p.policyId })),
    },
  };
}

/** A departure notice is sent once. */
export function assertNoticeUnsent(notice: { sentAt: Date | null }): void {
  if (notice.sentAt)
    throw new SalespersonStateError('this notice was already sent', { state: 'notice_sent' });
}
