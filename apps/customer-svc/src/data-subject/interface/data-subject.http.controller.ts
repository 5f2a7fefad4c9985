import { Controller, Delete, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import { uuidParam } from '@insurer/platform-http';
import { DataSubjectService } from '../application/data-subject.service';

/** The data subject's rights over everything the service holds (PIPL Art. 45, 47): export and erasure. */
// The operationIds are those the routes had before this controller was split out: clients generated from the
// OpenAPI document name their methods by them.
@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class DataSubjectHttpController {
  constructor(private readonly dataSubject: DataSubjectService) {}

  @Get(':id/export')
  @Roles('customer', 'service_rep', 'admin')
  @ApiOperation({
    operationId: 'CustomerHttpController_export',
    summary: 'Everything held about the customer, in clear (PIPL Art. 45); the export is recorded',
  })
  export(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    return this.dataSubject.export(id, principal);
  }

  @Delete(':id')
  @Roles('customer', 'admin')
  @ApiOperation({
    operationId: 'CustomerHttpController_erase',
    summary: 'Erase the customer (crypto-shredding); keeps only what running policies require',
  })
  erase(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    return this.dataSubject.erase(id, principal);
  }
}
