import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@insurer/platform-messaging';

/** The sales schema's messaging tables: the outbox its events leave through and the inbox of events it applied. */
export class SalesInit1764000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner, 'sales');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropMessagingTables(queryRunner, 'sales');
  }
}
