import { createServer } from 'node:net';
import type { ServiceConfig } from '@insurer/platform-config';
import { runServiceMigrations } from '@insurer/platform-database';
import {
  defineService,
  startService,
  type ServiceParts,
  type StartedService,
} from '@insurer/platform-runtime';
import { testEnvironment } from '@insurer/platform-testing';
import type { Clock } from '@insurer/platform-time';

export interface ServiceUnderTestOptions {
  readonly clock?: Clock;
  readonly env?: Record<string, string>;
}

/**
 * Starts a service in this process against the real Postgres and Kafka `npm test` brought up: migrations first, then
 * the same start-up path `main.ts` takes, on a free port. In-process so a test can hand it a ManualClock.
 */
export async function startServiceUnderTest<C extends ServiceConfig>(
  parts: ServiceParts<C>,
  options: ServiceUnderTestOptions = {},
): Promise<StartedService<C>> {
  const env = testEnvironment();
  await runServiceMigrations(parts.database, {
    url: env.databaseUrl,
    poolMax: 2,
    applicationName: `${parts.descriptor.name}-test-migrate`,
  });
  return startService(defineService(parts, { clock: options.clock }), {
    ...env.serviceEnv,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // Swagger UI's static files do not load under jest; the process-level boot tests cover /docs.
    OPENAPI_DOCS: 'false',
    ...options.env,
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
