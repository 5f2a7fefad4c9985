import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DomainEvent } from '@insurer/contracts';
import { ALL_EVENTS, type DeliveryContext } from '@insurer/platform-messaging';
import { MonitoringService } from '../application/monitoring.service';

/** Every event on every `*.events.v1` topic, under compliance-svc's own consumer group and inbox. */
@Controller()
export class AllEventsConsumer {
  constructor(private readonly monitoring: MonitoringService) {}

  @EventPattern(ALL_EVENTS)
  async onEvent(@Payload() event: DomainEvent, @Ctx() ctx: DeliveryContext) {
    await this.monitoring.onEvent(ctx.manager, event, ctx.topic);
  }
}
