import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DomainEvent } from '@insurer/contracts';
import { ALL_EVENTS, type DeliveryContext } from '@insurer/platform-messaging';
import { GenerationService } from '../application/generation.service';
import { ProjectionService } from '../application/projection.service';

/** The live projection: every event, into the active generation and any generation being rebuilt. */
@Controller()
export class AllEventsConsumer {
  constructor(
    private readonly projections: ProjectionService,
    private readonly generations: GenerationService,
  ) {}

  @EventPattern(ALL_EVENTS)
  async onEvent(@Payload() event: DomainEvent, @Ctx() ctx: DeliveryContext) {
    await this.projections.apply(ctx.manager, event, await this.generations.writable(ctx.manager));
  }
}
