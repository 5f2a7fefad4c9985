import { z } from 'zod';
import { CONSENT_PURPOSES } from '../application/consent.service';
import { PROFILE_FIELDS, PURPOSES, SENSITIVE_FIELDS } from '../domain/field-catalogue';

const CalendarDate = z.iso.date();
const Fen = z.number().int().nonnegative();

/** Shapes only: the legal rules (ID checksum, mobile, purposes) run in the domain and answer with 422. */
const profileFields = {
  name: z.string().trim().min(1).max(100),
  idType: z.enum(['resident_id', 'passport', 'uscc']),
  idNumber: z.string().trim().min(1).max(40),
  gender: z.enum(['male', 'female']).optional(),
  birthDate: CalendarDate.optional(),
  mobile: z.string().trim().optional(),
  email: z.email().optional(),
  address: z.string().trim().min(1).max(200).optional(),
  occupation: z.string().trim().min(1).max(100).optional(),
  occupationClass: z.number().int().min(1).max(6).optional(),
  annualIncomeFen: Fen.optional(),
  householdIncomeFen: Fen.optional(),
  existingCoverFen: Fen.optional(),
  dependants: z.number().int().min(0).max(20).optional(),
  purchaseIntent: z.string().trim().min(1).max(500).optional(),
  bankAccount: z.string().trim().optional(),
};

export const RegisterCustomerBody = z.strictObject({
  purpose: z.enum(PURPOSES),
  channel: z.enum(['agent', 'bank', 'telesales', 'online', 'broker']).optional(),
  agentId: z.string().min(1).optional(),
  ...profileFields,
});

const nullable = <T extends z.ZodType>(t: T) => t.nullable();
export const UpdateCustomerBody = z.strictObject({
  expectedVersion: z.number().int().positive(),
  purpose: z.enum(PURPOSES),
  reason: z.string().trim().min(1).max(500),
  changes: z
    .strictObject({
      name: profileFields.name,
      idType: profileFields.idType,
      idNumber: profileFields.idNumber,
      gender: nullable(profileFields.gender.unwrap()),
      birthDate: nullable(CalendarDate),
      mobile: nullable(z.string().trim()),
      email: nullable(z.email()),
      address: nullable(profileFields.address.unwrap()),
      occupation: nullable(profileFields.occupation.unwrap()),
      occupationClass: nullable(profileFields.occupationClass.unwrap()),
      annualIncomeFen: nullable(Fen),
      householdIncomeFen: nullable(Fen),
      existingCoverFen: nullable(Fen),
      dependants: nullable(profileFields.dependants.unwrap()),
      purchaseIntent: nullable(profileFields.purchaseIntent.unwrap()),
      bankAccount: nullable(z.string().trim()),
    })
    .partial()
    .refine((c) => Object.keys(c).length > 0, {
      message: 'name at least one field to change',
      params: { code: 'REQUEST.CHANGE_NOTHING' },
    }),
});

export const ReadCustomerQuery = z.object({
  purpose: z.enum(PURPOSES).default('service'),
  /** Comma-separated sensitive fields to show in clear, e.g. `idNumber,bankAccount`. */
  unmask: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()) : []))
    .pipe(z.array(z.enum(SENSITIVE_FIELDS as unknown as [string, ...string[]]))),
});

export const LookupQuery = z.object({
  idType: z.enum(['resident_id', 'passport', 'uscc']),
  idNumber: z.string().trim().min(1).max(40),
});

/** The same lookup in a request body (POST /customers/lookup). */
export const LookupBody = LookupQuery.strict();

export const StartVerificationBody = z.strictObject({
  declared: z.strictObject({
    name: z.string().trim().min(1),
    idNumber: z.string().trim().min(1),
    birthDate: CalendarDate.optional(),
  }),
});

export const ConfirmVerificationBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'six digits') });

export const RiskAssessmentBody = z.strictObject({
  answers: z.record(z.string(), z.number().int()),
});

export const HealthDeclarationBody = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        questionId: z.string().min(1),
        answer: z.boolean(),
        details: z.string().max(2000).optional(),
      }),
    )
    .min(1),
  heightCm: z.number().positive().max(272).optional(),
  weightKg: z.number().positive().max(650).optional(),
});

export const HealthReadQuery = z.object({ purpose: z.enum(['underwriting', 'claims']) });

export const GrantConsentBody = z.strictObject({
  customerId: z.uuid(),
  purpose: z.enum(CONSENT_PURPOSES),
  noticeVersion: z.string().trim().min(1).max(50),
  channel: z.string().trim().min(1).max(50),
});

export const CustomerIdQuery = z.object({ customerId: z.uuid() });

export type ProfileFieldName = (typeof PROFILE_FIELDS)[number];
