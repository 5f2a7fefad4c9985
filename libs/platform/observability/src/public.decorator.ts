import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'platform:is-public';

/** Marks a route that needs no token: health, readiness and metrics only. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
