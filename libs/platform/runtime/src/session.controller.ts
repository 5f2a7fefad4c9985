import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RoleForbiddenError, type Principal } from '@insurer/platform-auth';
import type { ServiceDescriptor } from './service-descriptor';
import { SERVICE_DESCRIPTOR } from './tokens';

/** Tells a caller who the service takes them to be and whether they work here: the smallest authorised endpoint. */
@ApiTags('session')
@ApiBearerAuth()
@Controller('session')
export class SessionController {
  constructor(@Inject(SERVICE_DESCRIPTOR) private readonly descriptor: ServiceDescriptor) {}

  @Get()
  @ApiOperation({ summary: "The caller's identity and roles, for staff of this service" })
  @ApiOkResponse({ description: 'The verified principal' })
  session(@CurrentPrincipal() principal: Principal) {
    if (!principal.roles.some((role) => this.descriptor.staffRoles.includes(role))) {
      throw new RoleForbiddenError(this.descriptor.staffRoles);
    }
    return { service: this.descriptor.name, sub: principal.sub, roles: principal.roles };
  }
}
