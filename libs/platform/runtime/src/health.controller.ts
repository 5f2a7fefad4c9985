import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '@insurer/platform-observability';
import { ReadinessRegistry, type ReadinessReport } from './readiness';

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

  /**
   * Readiness: Postgres and Kafka answered the last background check, no consumer has given up, and the process is not
   * shutting down. Answered from that state at once (503 when not ready), never by waiting on a dependency.
   */
  @Public()
  @Get('ready')
  ready(@Res({ passthrough: true }) reply: FastifyReply): ReadinessReport {
    const report = this.readiness.current();
    if (report.status !== 'ok') void reply.status(503);
    return report;
  }
}
