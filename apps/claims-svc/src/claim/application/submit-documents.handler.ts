import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTransaction, type Within } from '@insurer/platform-database';
import { Clock } from '@insurer/platform-time';
import { recordDocuments } from '../domain/claim';
import { ClaimRepository } from '../infrastructure/claim.repository';
import { assertMayActOn, type ClaimActor } from './claim-access';

export interface DocumentInput {
  readonly kind: string;
  readonly reference: string;
  readonly sha256: string;
}

/** Records documents with their SHA-256; once the checklist is complete the decision and advance timers start. */
@Injectable()
export class SubmitDocumentsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimRepository,
    private readonly clock: Clock,
  ) {}

  async execute(claimId: string, documents: readonly DocumentInput[], actor: ClaimActor, within: Within) {
    const now = this.clock.now();
    return inTransaction(this.dataSource, within, async (m) => {
      const claim = await this.claims.lock(m, claimId);
      assertMayActOn(actor, claim);
      await this.claims.addDocuments(m, claimId, documents, actor.sub);
      const decided = recordDocuments(
        claim,
        {
          added: documents.map((d) => d.kind),
          allSubmitted: await this.claims.documentKinds(m, claimId),
          actor: actor.sub,
        },
        now,
      );
      await this.claims.save(m, claim, decided);
      return { claimId, status: decided.state.status, missing: decided.missing };
    });
  }
}
