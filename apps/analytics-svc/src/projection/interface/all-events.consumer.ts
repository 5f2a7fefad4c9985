import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DomainEvent } from '@insurer/contracts';
import { ALL_EVENTS, BATCH, type DeliveryContext } from '@insurer/platform-messaging';
import { ProjectionService } from '../application/projection.service';

/** The live projection: every event, into the active generation and any generation being rebuilt. */
@Controller()
export class AllEventsConsumer {
  constructor(private readonly projections: ProjectionService) {}

  /** A fetched run at once: one statement per read model and column set. */
  @EventPattern(ALL_EVENTS, BATCH)
  async onEvents(@Payload() events: DomainEvent[], @Ctx() ctx: DeliveryContext) {
    await this.projections.applyAll(ctx.manager, events, 'writable');
  }
}
