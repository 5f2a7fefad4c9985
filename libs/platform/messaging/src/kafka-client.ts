import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { describeClusterWithin } from './kafka';

/** The service's one kafkajs client, with a lazily connected admin used for readiness and topic checks. */
@Injectable()
export class KafkaClient implements OnApplicationShutdown {
  private adminConnection: Promise<Admin> | undefined;

  constructor(readonly kafka: Kafka) {}

  admin(): Promise<Admin> {
    this.adminConnection ??= (async () => {
      const admin = this.kafka.admin();
      try {
        await admin.connect();
        return admin;
      } catch (err) {
        this.adminConnection = undefined;
        throw err;
      }
    })();
    return this.adminConnection;
  }

  async ping(timeoutMs: number): Promise<void> {
    await describeClusterWithin(await this.admin(), timeoutMs);
  }

  async onApplicationShutdown(): Promise<void> {
    const admin = await this.adminConnection?.catch(() => undefined);
    await admin?.disconnect();
  }
}
