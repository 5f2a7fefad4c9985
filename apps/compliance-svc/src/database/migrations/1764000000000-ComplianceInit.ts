import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@insurer/platform-messaging';

/** The compliance schema's messaging tables: the outbox its events leave through and the inbox of events it applied. */
export class ComplianceInit1764000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner, 'compliance');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropMessagingTables(queryRunner, 'compliance');
  }
}
