import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError } from '@insurer/platform-http';
import { IS_PUBLIC } from '@insurer/platform-observability';
import { JwtVerifier, TokenInvalidError } from './jwt';
import type { Principal } from './principal';
import type { Role } from './roles';

const ROLES_KEY = 'platform:roles';

/** The roles allowed on a route; a caller needs at least one of them. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

export class RoleForbiddenError extends AppError {
  constructor(required: readonly Role[]) {
    super(
      'AUTH.ROLE_FORBIDDEN',
      'forbidden',
      `This operation needs one of the roles: ${required.join(', ')}.`,
      { params: { roles: required.join(', ') } },
    );
  }
}

type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** What a route asks of its caller, from its decorators (and its controller's). */
interface RouteAccess {
  readonly isPublic: boolean;
  readonly roles: readonly Role[] | undefined;
}

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(); routes with @Roles() also need a
 * matching role. Routes without @Roles() accept any authenticated caller.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Each handler's access, read from its metadata on its first request: decorators do not change once the
   * application has started, and the four metadata lookups were the guard's own cost on every request. Keyed by the
   * handler and checked against its class, as a method inherited by two controllers is one function.
   */
  private readonly access = new WeakMap<object, { readonly owner: object; readonly access: RouteAccess }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    // Kafka handlers carry no bearer token: who may publish to a topic is the broker's ACLs' business, and every
    // message is checked against its contract on arrival.
    if (context.getType() !== 'http') return true;
    const access = this.accessOf(context);
    if (access.isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header) throw new TokenInvalidError('missing Authorization header');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new TokenInvalidError('Authorization is not a Bearer token');
    const principal = this.verifier.authenticate(match[1]);
    // A promise only while the identity provider's keys are fetched (a key rotation); otherwise no await.
    if (principal instanceof Promise) return principal.then((p) => this.admit(request, p, access.roles));
    return this.admit(request, principal, access.roles);
  }

  private accessOf(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const owner = context.getClass();
    const known = this.access.get(handler);
    if (known?.owner === owner) return known.access;
    const targets = [handler, owner];
    const access: RouteAccess = {
      isPublic: Boolean(this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)),
      roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
    };
    this.access.set(handler, { owner, access });
    return access;
  }

  private admit(
    request: AuthenticatedRequest,
    principal: Principal,
    required: readonly Role[] | undefined,
  ): boolean {
    request.principal = principal;
    if (required && !required.some((role) => principal.roles.includes(role))) {
      throw new RoleForbiddenError(required);
    }
    return true;
  }
}

/** Injects the verified caller into a handler parameter. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new TokenInvalidError('no principal on a public route');
  return principal;
});
