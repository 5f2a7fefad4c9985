import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PrimaryKeyReader } from '@insurer/platform-database';
import type { KnownParty } from '../domain/known-party';
import { PartyReplicaEntity } from '../infrastructure/party-replica.entity';

/** The customers contract-svc knows of (from customer-svc's events), for the rules that read a new party. */
@Injectable()
export class PartyReplicas {
  private readonly byId: PrimaryKeyReader<PartyReplicaEntity>;

  constructor(dataSource: DataSource) {
    this.byId = new PrimaryKeyReader(dataSource, PartyReplicaEntity);
  }

  /** The customer as contract-svc knows them, or null while no event has told it of them (or after their erasure). */
  async find(m: EntityManager, customerId: string): Promise<KnownParty | null> {
    const row = await this.byId.findIn(m, customerId);
    return row
      ? { corporate: row.corporate, adultOn: row.adultOn, identityVerified: row.identityVerified }
      : null;
  }
}
