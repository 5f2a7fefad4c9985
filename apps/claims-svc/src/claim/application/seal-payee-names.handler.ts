import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import { sealText } from '@insurer/platform-crypto';
import { maskPersonName } from '../domain/claim';
import { payeeNameContext } from '../infrastructure/payee-seal';
import { CLAIMS_SETTINGS, type ClaimsSettings } from './claims-settings';

const BATCH = 200;

/**
 * Seals the payee names of claims written before names were sealed (migration 1765400000000), in batches, each in
 * its own transaction; replicas starting together share the work (SKIP LOCKED). After it, no name is in clear.
 */
@Injectable()
export class SealPayeeNamesHandler {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLAIMS_SETTINGS) private readonly settings: ClaimsSettings,
  ) {}

  async execute(): Promise<number> {
    let sealed = 0;
    for (;;) {
      const done = await transaction(this.dataSource, undefined, async (m) => {
        const rows = (await m.query(
          `SELECT claim_id, payee_name FROM claims.claim WHERE payee_name_sealed IS NULL
           LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        )) as { claim_id: string; payee_name: string }[];
        for (const row of rows)
          await m.query(
            `UPDATE claims.claim SET payee_name_sealed = $2, payee_name = $3 WHERE claim_id = $1`,
            [
              row.claim_id,
              sealText(this.settings.dataKey, row.payee_name, payeeNameContext(row.claim_id)),
              maskPersonName(row.payee_name),
            ],
          );
        return rows.length;
      });
      sealed += done;
      if (done < BATCH) return sealed;
    }
  }
}
