import type { DynamicModule, ModuleMetadata } from '@nestjs/common';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { loadConfig, serviceConfigShape, type ServiceConfig } from '@insurer/platform-config';
import { OffsetClock, SystemClock, type Clock } from '@insurer/platform-time';
import { runServiceMigrations, type ServiceDatabase } from '@insurer/platform-database';
import type { ServiceDefinition } from './bootstrap';
import type { ServiceDescriptor } from './service-descriptor';
import { ServiceRuntimeModule } from './service-runtime.module';

export interface ServiceParts<C extends ServiceConfig = ServiceConfig> {
  readonly descriptor: ServiceDescriptor;
  readonly database: ServiceDatabase;
  /** The service's own variables on top of the common ones (built from `serviceConfigShape`). */
  readonly configSchema?: z.ZodType<C>;
  /** The service's domain modules, possibly built from its validated configuration. */
  readonly imports?: ModuleMetadata['imports'] | ((config: C) => ModuleMetadata['imports']);
}

export interface DefineServiceOptions {
  /** The time every rule reads; tests pass a ManualClock to move through statutory periods. */
  readonly clock?: Clock;
}

class ServiceRootModule {}

/** Joins the shared runtime and a service's own modules into a definition that `runService` can start. */
export function defineService<C extends ServiceConfig>(
  parts: ServiceParts<C>,
  options: DefineServiceOptions = {},
): ServiceDefinition<C> {
  return {
    descriptor: parts.descriptor,
    configSchema: parts.configSchema,
    module: (config: C, logger: Logger): DynamicModule => ({
      module: ServiceRootModule,
      imports: [
        ServiceRuntimeModule.forRoot({
          descriptor: parts.descriptor,
          config,
          database: parts.database,
          logger,
          clock:
            options.clock ??
            (config.TIME_OFFSET_DAYS ? new OffsetClock(config.TIME_OFFSET_DAYS) : new SystemClock()),
        }),
        ...((typeof parts.imports === 'function' ? parts.imports(config) : parts.imports) ?? []),
      ],
    }),
  };
}

/** The body of every service's `migrate.ts` (run by `npm run migrate` and by the deployment's migration job). */
export function runMigrationsCli<C extends ServiceConfig>(
  parts: ServiceParts<C>,
  env: Record<string, string | undefined> = process.env,
): void {
  const run = async () => {
    // Migrations need only the database; the rest of the service's configuration is not required here.
    const { DATABASE_URL } = loadConfig(serviceConfigShape.pick({ DATABASE_URL: true }), env);
    const applied = await runServiceMigrations(parts.database, {
      url: DATABASE_URL,
      poolMax: 2,
      applicationName: `${parts.descriptor.name}-migrate`,
    });
    const outcome = applied.length ? `applied ${applied.join(', ')}` : 'up to date';
    process.stdout.write(`[${parts.descriptor.name}] schema ${parts.database.schema}: ${outcome}\n`);
  };
  run().catch((err: unknown) => {
    const reason = err instanceof Error ? err.message : String(err);
    process.stderr.write(`[${parts.descriptor.name}] migration failed: ${reason}\n`);
    process.exit(1);
  });
}
