import { Module } from '@nestjs/common';
import { Customer360Service } from './application/customer-360.service';
import { ClaimEventsConsumer } from './interface/claim-events.consumer';
import { ContractEventsConsumer } from './interface/contract-events.consumer';
import { Customer360HttpController } from './interface/customer-360.http.controller';

@Module({
  controllers: [Customer360HttpController, ContractEventsConsumer, ClaimEventsConsumer],
  providers: [Customer360Service],
})
export class PortfolioModule {}
