import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { Public } from '@insurer/platform-observability';
import { AuthGuard, RoleForbiddenError, Roles } from './auth.guard';
import { JwtVerifier, TokenInvalidError, signLocalToken } from './jwt';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const issuer = 'insurer-platform';
const token = (role: 'admin' | 'agent') => signLocalToken({ sub: 'someone', roles: [role], secret });

class Base {
  /** One function, inherited by both controllers below, whose class-level roles differ. */
  show(): string {
    return 'shown';
  }
}
@Roles('admin')
class AdminOnly extends Base {}
@Roles('agent')
class AgentsToo extends Base {}
class Open {
  @Public()
  health(): string {
    return 'up';
  }
}

/** A Nest HTTP execution context for `owner.handler`, with the request the guard reads. */
function contextFor(
  owner: new () => object,
  handler: (...args: never[]) => unknown,
  role?: 'admin' | 'agent',
) {
  const request = { headers: role ? { authorization: `Bearer ${token(role)}` } : {} };
  const context = new ExecutionContextHost([request, {}], owner, handler);
  context.setType('http');
  return { context, request: request as { principal?: { roles: string[] } } };
}

describe('AuthGuard', () => {
  const guard = new AuthGuard(new Reflector(), new JwtVerifier({ secret, issuer, audience: issuer }));

  it('keeps refusing a role a route does not allow, request after request, and admits one it does', () => {
    for (let i = 0; i < 3; i += 1) {
      expect(() => guard.canActivate(contextFor(AdminOnly, Base.prototype.show, 'agent').context)).toThrow(
        RoleForbiddenError,
      );
      const admitted = contextFor(AdminOnly, Base.prototype.show, 'admin');
      expect(guard.canActivate(admitted.context)).toBe(true);
      expect(admitted.request.principal?.roles).toEqual(['admin']);
    }
  });

  it("judges a method inherited by two controllers by each controller's own roles", () => {
    expect(guard.canActivate(contextFor(AgentsToo, Base.prototype.show, 'agent').context)).toBe(true);
    expect(() => guard.canActivate(contextFor(AdminOnly, Base.prototype.show, 'agent').context)).toThrow(
      RoleForbiddenError,
    );
    expect(guard.canActivate(contextFor(AgentsToo, Base.prototype.show, 'agent').context)).toBe(true);
  });

  it('lets a public route through without a token, and asks for one everywhere else', () => {
    expect(guard.canActivate(contextFor(Open, Open.prototype.health).context)).toBe(true);
    expect(guard.canActivate(contextFor(Open, Open.prototype.health).context)).toBe(true);
    expect(() => guard.canActivate(contextFor(AgentsToo, Base.prototype.show).context)).toThrow(
      TokenInvalidError,
    );
  });
});
