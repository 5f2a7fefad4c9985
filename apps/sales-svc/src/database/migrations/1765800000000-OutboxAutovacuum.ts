import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tuneOutboxAutovacuum, untuneOutboxAutovacuum } from '@insurer/platform-messaging';

/** The sales outbox is vacuumed after every few thousand sent rows, however large it grows (a queue table). */
export class OutboxAutovacuum1765800000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await tuneOutboxAutovacuum(queryRunner, 'sales');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await untuneOutboxAutovacuum(queryRunner, 'sales');
  }
}
