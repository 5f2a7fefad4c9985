import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { runWithContext } from '@insurer/platform-observability';

/**
 * Runs each HTTP handler inside a request context whose correlation id is the request id (taken from a valid
 * `x-correlation-id` header or freshly generated), so logs and produced events carry it.
 */
@Injectable()
export class CorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: { sub: string } }>();
    const ctx = { correlationId: String(request.id), actor: request.principal?.sub };
    return new Observable((subscriber) => runWithContext(ctx, () => next.handle().subscribe(subscriber)));
  }
}
