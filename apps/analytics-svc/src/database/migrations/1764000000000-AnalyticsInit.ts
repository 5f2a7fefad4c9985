import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@insurer/platform-messaging';

/** The analytics schema's messaging tables: the outbox its events leave through and the inbox of events it applied. */
export class AnalyticsInit1764000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner, 'analytics');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropMessagingTables(queryRunner, 'analytics');
  }
}
