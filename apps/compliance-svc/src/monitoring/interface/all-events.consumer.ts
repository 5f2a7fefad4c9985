import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DomainEvent } from '@insurer/contracts';
import { ALL_EVENTS, BATCH, type DeliveryContext } from '@insurer/platform-messaging';
import { MonitoringService } from '../application/monitoring.service';

/** Every event on every `*.events.v1` topic, under compliance-svc's own consumer group and inbox. */
@Controller()
export class AllEventsConsumer {
  constructor(private readonly monitoring: MonitoringService) {}

  /** A fetched run at once: one audit statement for the run (the chain is extended in order). */
  @EventPattern(ALL_EVENTS, BATCH)
  async onEvents(@Payload() events: DomainEvent[], @Ctx() ctx: DeliveryContext) {
    await this.monitoring.onEvents(ctx.manager, events, ctx.topic);
  }
}
