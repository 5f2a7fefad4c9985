import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EventOf } from '@insurer/contracts';
import type { DeliveryContext } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { ProductReplicaEntity } from '../infrastructure/product-replica.entity';

/** Replicates every published product version; a version, once published, never changes. */
@Controller()
export class ProductEventsConsumer {
  constructor(private readonly clock: Clock) {}

  @EventPattern('sales.product-published')
  async onPublished(@Payload() event: EventOf<'sales.product-published'>, @Ctx() ctx: DeliveryContext) {
    const { product } = event.payload;
    await ctx.manager
      .createQueryBuilder()
      .insert()
      .into(ProductReplicaEntity)
      .values({
        productCode: product.productCode,
        version: product.version,
        definition: product,
        receivedAt: this.clock.now(),
      })
      .orIgnore()
      .execute();
  }
}
