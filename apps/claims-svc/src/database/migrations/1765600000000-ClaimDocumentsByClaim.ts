import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A claim's documents are read by the claim; without this index each read scanned every document of every claim. */
export class ClaimDocumentsByClaim1765600000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX claim_document_claim ON claims.claim_document (claim_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claims.claim_document_claim`);
  }
}
