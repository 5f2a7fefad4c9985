import { changesIdentity, type EventPayload, type EventType } from '@insurer/contracts';
import { shanghaiDate } from '@insurer/platform-time';
import {
  checkProfile,
  customerTypeOf,
  diffProfiles,
  type CustomerType,
  type PersonalProfile,
} from './customer-profile';
import { isFactField, shareableFacts } from './customer-facts';
import {
  CustomerDataInvalidError,
  CustomerVersionConflictError,
  FieldNotNeededForPurposeError,
  UnmaskNotAllowedError,
} from './customer.errors';
import {
  FIELD_CATALOGUE,
  SENSITIVE_FIELDS,
  fieldsOutsidePurpose,
  limitToPurposes,
  projectForPurpose,
  type ProfileField,
  type Purpose,
} from './field-catalogue';
import { MASKERS } from './masking';

/**
 * The customer aggregate (manual chapter 1): registration and corrections as versions of a profile collected for
 * declared purposes, and reads projected onto one purpose with sensitive fields masked. The profile arrives and leaves
 * in clear; sealing it is the repository's business. No I/O.
 */

export interface CustomerState {
  readonly customerId: string;
  readonly customerType: CustomerType;
  readonly status: 'active' | 'restricted' | 'erased';
  readonly version: number;
  readonly collectedFor: string[];
  readonly identityStatus: 'unverified' | 'verified' | 'rejected';
  readonly riskLevel: string | null;
  readonly riskValidUntil: string | null;
}

export type CustomerEvent = {
  [T in EventType]: { type: T; aggregateId: string; payload: EventPayload<T> };
}[EventType];

/** A version of the profile: what changed, why, for which purpose, by whom. */
export interface ProfileVersion {
  readonly version: number;
  readonly changes: Record<string, unknown>;
  readonly reason: string;
  readonly purpose: string;
  readonly actor: string;
  readonly at: Date;
}

export interface CustomerDecided {
  readonly state: CustomerState;
  readonly profile: PersonalProfile;
  readonly version: ProfileVersion;
  readonly events: CustomerEvent[];
  /** The identifying fields changed: the blind index is recomputed and identity must be verified again. */
  readonly identityChanged: boolean;
}

/** Roles that may see sensitive fields in clear, for a stated purpose (the customer may see their own). */
export const UNMASK_ROLES = [
  'underwriter',
  'claims_handler',
  'claims_manager',
  'compliance_officer',
  'admin',
] as const;

/** PIPL minimum necessary: a field the purpose does not need is refused, not stored. */
export function assertNeededForPurpose(purpose: Purpose, fields: readonly string[]): void {
  const outside = fieldsOutsidePurpose(purpose, fields);
  if (outside.length) throw new FieldNotNeededForPurposeError(purpose, outside);
}

export interface Registration {
  readonly customerId: string;
  readonly purpose: Purpose;
  readonly profile: PersonalProfile;
  readonly channel?: 'agent' | 'bank' | 'telesales' | 'online' | 'broker';
  readonly agentId?: string;
}

/**
 * The profile a registration will keep: only what the purpose needs, checked. (What the ID number proves, birth date
 * and gender, is kept only if the purpose needs it.) Its blind index is computed from it before anything is written.
 */
export function admissibleProfile(
  input: Pick<Registration, 'purpose' | 'profile'>,
  now: Date,
): PersonalProfile {
  assertNeededForPurpose(
    input.purpose,
    Object.keys(input.profile).filter((k) => input.profile[k as ProfileField] !== undefined),
  );
  const checked = checkProfile(input.profile, shanghaiDate(now));
  if (!checked.ok) throw new CustomerDataInvalidError(checked.violations);
  return limitToPurposes([input.purpose], checked.profile);
}

/** Registration: version 1 of the admissible profile, unverified, and the facts other services may replicate. */
export function register(
  input: Registration,
  profile: PersonalProfile,
  actor: string,
  now: Date,
): CustomerDecided {
  const customerType = customerTypeOf(profile.idType);
  return {
    state: {
      customerId: input.customerId,
      customerType,
      status: 'active',
      version: 1,
      collectedFor: [input.purpose],
      identityStatus: 'unverified',
      riskLevel: null,
      riskValidUntil: null,
    },
    profile,
    version: {
      version: 1,
      changes: diffProfiles({} as PersonalProfile, profile),
      reason: 'registration',
      purpose: input.purpose,
      actor,
      at: now,
    },
    events: [
      {
        type: 'customer.customer-registered',
        aggregateId: input.customerId,
        payload: {
          customerId: input.customerId,
          customerType,
          ...shareableFacts(profile),
          channel: input.channel,
          agentId: input.agentId,
          registeredAt: now.toISOString(),
        },
      },
    ],
    identityChanged: false,
  };
}

/** A correction: fields set to null are removed; absent fields are left as they are. */
export interface Correction {
  readonly expectedVersion: number;
  readonly purpose: Purpose;
  readonly reason: string;
  readonly changes: Partial<Record<ProfileField, unknown>>;
}

/**
 * A correction against the version the caller read (optimistic concurrency): the merged profile is checked again and
 * limited to every purpose it was collected for; nothing changed is no new version.
 */
export function correct(
  customer: CustomerState,
  before: PersonalProfile,
  input: Correction,
  actor: string,
  now: Date,
): CustomerDecided | null {
  if (customer.version !== input.expectedVersion)
    throw new CustomerVersionConflictError(input.expectedVersion, customer.version);
  const merged: Record<string, unknown> = { ...before };
  for (const [field, value] of Object.entries(input.changes)) {
    if (value === null) delete merged[field];
    else if (value !== undefined) merged[field] = value;
  }
  const checked = checkProfile(merged as unknown as PersonalProfile, shanghaiDate(now));
  if (!checked.ok) throw new CustomerDataInvalidError(checked.violations);
  const purposes = [...new Set([...customer.collectedFor, input.purpose])] as Purpose[];
  const after = limitToPurposes(purposes, checked.profile);
  const changes = diffProfiles(before, after);
  const changedFields = Object.keys(changes);
  if (changedFields.length === 0) return null;
  const identityChanged = changesIdentity(changedFields);
  const version = customer.version + 1;
  return {
    state: {
      ...customer,
      collectedFor: purposes,
      version,
      // A changed identity must be confirmed again before a contract.
      identityStatus: identityChanged ? 'unverified' : customer.identityStatus,
    },
    profile: after,
    version: { version, changes, reason: input.reason, purpose: input.purpose, actor, at: now },
    events: [
      {
        type: 'customer.profile-updated',
        aggregateId: customer.customerId,
        payload: {
          customerId: customer.customerId,
          profileVersion: version,
          changedFields,
          reason: input.reason,
          facts: shareableFacts(after, changedFields.filter(isFactField)),
          updatedAt: now.toISOString(),
        },
      },
    ],
    identityChanged,
  };
}

/** Only sensitive fields the purpose needs can be unmasked, by the customer or a role allowed to. */
export function assertMayUnmask(
  purpose: Purpose,
  unmask: readonly ProfileField[],
  who: { self: boolean; roles: readonly string[] },
): void {
  const invalid = unmask.filter(
    (f) => !SENSITIVE_FIELDS.includes(f) || !FIELD_CATALOGUE[purpose].includes(f),
  );
  if (invalid.length) {
    throw new UnmaskNotAllowedError(
      `only sensitive fields the purpose "${purpose}" needs can be unmasked, not ${invalid.join(', ')}`,
      { reason: 'fields', purpose, fields: invalid.join(', ') },
    );
  }
  if (unmask.length && !who.self && !who.roles.some((r) => (UNMASK_ROLES as readonly string[]).includes(r)))
    throw new UnmaskNotAllowedError(`unmasking needs one of the roles ${UNMASK_ROLES.join(', ')}`, {
      reason: 'role',
      roles: UNMASK_ROLES.join(', '),
    });
}

/** The fields one purpose needs, sensitive ones masked unless asked for; `revealed` are those shown in clear. */
export function projectForReader(
  profile: PersonalProfile,
  purpose: Purpose,
  unmask: readonly ProfileField[],
): { profile: Record<string, unknown>; masked: ProfileField[]; revealed: ProfileField[] } {
  const projected = projectForPurpose(purpose, profile) as Record<string, unknown>;
  const masked: ProfileField[] = [];
  for (const field of SENSITIVE_FIELDS) {
    const value = projected[field];
    if (typeof value === 'string' && !unmask.includes(field)) {
      projected[field] = MASKERS[field](value);
      masked.push(field);
    }
  }
  return { profile: projected, masked, revealed: unmask.filter((f) => projected[f] !== undefined) };
}

/** A version's changes as shown in the history: sensitive values masked on both sides. */
export function maskChanges(changes: Record<string, { from: unknown; to: unknown }>) {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, change] of Object.entries(changes)) {
    const mask = MASKERS[field];
    out[field] = mask
      ? {
          from: typeof change.from === 'string' ? mask(change.from) : change.from,
          to: typeof change.to === 'string' ? mask(change.to) : change.to,
        }
      : change;
  }
  return out;
}

/** An unmasked read, as the access log and its event record it. */
export function personalDataAccessed(
  customerId: string,
  who: { sub: string },
  fields: readonly string[],
  purpose: string,
  now: Date,
): CustomerEvent {
  return {
    type: 'customer.personal-data-accessed',
    aggregateId: customerId,
    payload: { customerId, fields: [...fields], purpose, actor: who.sub, accessedAt: now.toISOString() },
  };
}
