import { Column, Entity, PrimaryColumn } from 'typeorm';

/** contract-svc's copy of what it needs of each customer (see KnownParty), from customer-svc's events. */
@Entity({ name: 'party_replica', schema: 'contract' })
export class PartyReplicaEntity {
  @PrimaryColumn('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('boolean') corporate!: boolean;
  @Column('date', { name: 'adult_on', nullable: true }) adultOn!: string | null;
  @Column('boolean', { name: 'identity_verified' }) identityVerified!: boolean;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
