import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RetentionGround } from '../domain/retention';

@Entity({ name: 'customer', schema: 'customer' })
export class CustomerEntity {
  @PrimaryColumn('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('text', { name: 'customer_type' }) customerType!: 'individual' | 'corporate';
  /** `restricted`: erasure was asked while a law requires keeping the records; stored, not processed. */
  @Column('text') status!: 'active' | 'restricted' | 'erased';
  @Column('integer') version!: number;
  @Column('bytea', { name: 'id_lookup', nullable: true }) idLookup!: Buffer | null;
  @Column('bytea', { nullable: true }) profile!: Buffer | null;
  @Column('bytea', { name: 'health_declaration', nullable: true }) healthDeclaration!: Buffer | null;
  @Column('text', { name: 'collected_for', array: true }) collectedFor!: string[];
  @Column('text', { name: 'identity_status' }) identityStatus!: 'unverified' | 'verified' | 'rejected';
  @Column('text', { name: 'risk_level', nullable: true }) riskLevel!: string | null;
  @Column('date', { name: 'risk_valid_until', nullable: true }) riskValidUntil!: string | null;
  @Column('jsonb', { nullable: true }) retained!: Record<string, unknown> | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'erased_at', nullable: true }) erasedAt!: Date | null;
  @Column('timestamptz', { name: 'restricted_at', nullable: true }) restrictedAt!: Date | null;
  /** The day the last retention period ends and the sweep shreds the data; null while a policy runs. */
  @Column('date', { name: 'retained_until', nullable: true }) retainedUntil!: string | null;
  /** Why the data is kept: each law, its source and its end (RetentionGround). */
  @Column('jsonb', { nullable: true }) retention!: RetentionGround[] | null;
}

/** The customer's data key, wrapped by the master key; deleting the row crypto-shreds the customer. */
@Entity({ name: 'data_key', schema: 'customer' })
export class DataKeyEntity {
  @PrimaryColumn('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('bytea') wrapped!: Buffer;
  @Column('text', { name: 'master_key_id' }) masterKeyId!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'profile_version', schema: 'customer' })
export class ProfileVersionEntity {
  @PrimaryColumn('uuid', { name: 'customer_id' }) customerId!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('text', { name: 'changed_fields', array: true }) changedFields!: string[];
  /** Old and new values, sealed under the customer's data key like the profile itself. */
  @Column('bytea', { nullable: true }) changes!: Buffer | null;
  @Column('text') reason!: string;
  @Column('text') purpose!: string;
  @Column('text') actor!: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
}

@Entity({ name: 'risk_assessment', schema: 'customer' })
export class RiskAssessmentEntity {
  @PrimaryColumn('uuid', { name: 'assessment_id' }) assessmentId!: string;
  @Column('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('jsonb') answers!: Record<string, number>;
  @Column('integer') score!: number;
  @Column('text') level!: string;
  @Column('timestamptz', { name: 'assessed_at' }) assessedAt!: Date;
  @Column('date', { name: 'valid_until' }) validUntil!: string;
  @Column('text') actor!: string;
}

@Entity({ name: 'identity_verification', schema: 'customer' })
export class IdentityVerificationEntity {
  @PrimaryColumn('uuid', { name: 'verification_id' }) verificationId!: string;
  @Column('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('text') status!: 'code_sent' | 'verified' | 'rejected';
  @Column('bytea', { name: 'code_hash', nullable: true }) codeHash!: Buffer | null;
  @Column('integer') attempts!: number;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Column('text', { array: true }) checks!: string[];
  @Column('jsonb') reasons!: { code: string; message: string; source?: string }[];
  @Column('text', { name: 'started_by' }) startedBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt!: Date | null;
}

/** Every unmasked read of sensitive data: who, which fields, for what. */
@Entity({ name: 'data_access', schema: 'customer' })
export class DataAccessEntity {
  @PrimaryColumn('uuid', { name: 'access_id' }) accessId!: string;
  @Column('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('text') actor!: string;
  @Column('text', { array: true }) roles!: string[];
  @Column('text', { array: true }) fields!: string[];
  @Column('text') purpose!: string;
  @Column('timestamptz', { name: 'accessed_at' }) accessedAt!: Date;
}

@Entity({ name: 'consent', schema: 'customer' })
export class ConsentEntity {
  @PrimaryColumn('uuid', { name: 'consent_id' }) consentId!: string;
  @Column('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('text') purpose!: string;
  @Column('text', { name: 'notice_version' }) noticeVersion!: string;
  @Column('text') channel!: string;
  @Column('text', { name: 'granted_by' }) grantedBy!: string;
  @Column('timestamptz', { name: 'granted_at' }) grantedAt!: Date;
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt!: Date | null;
}
