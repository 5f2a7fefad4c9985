import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An e-signature: who signed, when, and the SHA-256 of exactly what they signed. */
@Entity({ name: 'signature', schema: 'contract' })
export class SignatureEntity {
  @PrimaryColumn('uuid', { name: 'signature_id' }) signatureId!: string;
  @Column('uuid', { name: 'application_id' }) applicationId!: string;
  @Column('text') purpose!: string;
  @Column('uuid', { name: 'signed_by' }) signedBy!: string;
  @Column('timestamptz', { name: 'signed_at' }) signedAt!: Date;
  @Column('text', { name: 'document_sha256' }) documentSha256!: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
}

@Entity({ name: 'document', schema: 'contract' })
export class DocumentEntity {
  @PrimaryColumn('uuid', { name: 'document_id' }) documentId!: string;
  @Column('uuid', { name: 'policy_id' }) policyId!: string;
  @Column('text') kind!: string;
  @Column('text', { name: 'media_type' }) mediaType!: string;
  @Column('text') content!: string;
  @Column('text') sha256!: string;
  @Column('timestamptz', { name: 'archived_at' }) archivedAt!: Date;
  @Column('date', { name: 'retain_until' }) retainUntil!: string;
  @Column('timestamptz', { name: 'integrity_failed_at', nullable: true }) integrityFailedAt!: Date | null;
}
