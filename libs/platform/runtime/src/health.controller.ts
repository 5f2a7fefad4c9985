import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { withTimeout } from '@insurer/platform-config';
import { Public } from '@insurer/platform-observability';
import { ReadinessRegistry } from './readiness';

const CHECK_TIMEOUT_MS = 3_000;

@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: ReadinessRegistry,
  ) {}

  /** Liveness: the process is up and its event loop answers. Dependencies are not checked here on purpose. */
  @Public()
  @Get('health')
  @HealthCheck()
  live() {
    return this.health.check([async () => this.indicators.check('process').up({ pid: process.pid })]);
  }

  /** Readiness: Postgres and Kafka answer, no consumer has given up, and the process is not shutting down. */
  @Public()
  @Get('ready')
  @HealthCheck()
  ready() {
    const lifecycle = async (): Promise<HealthIndicatorResult> => {
      const indicator = this.indicators.check('lifecycle');
      const fatal = this.readiness.fatalReason();
      if (fatal) return indicator.down({ reason: fatal });
      if (this.readiness.isDraining()) return indicator.down({ reason: 'shutting down' });
      return indicator.up();
    };
    const dependencies = this.readiness.all().map((dep) => async (): Promise<HealthIndicatorResult> => {
      const indicator = this.indicators.check(dep.name);
      try {
        await withTimeout(dep.check(), CHECK_TIMEOUT_MS);
        return indicator.up();
      } catch (err) {
        return indicator.down({ reason: err instanceof Error ? err.message : String(err) });
      }
    });
    return this.health.check([lifecycle, ...dependencies]);
  }
}
