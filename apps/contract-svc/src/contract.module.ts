import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, PeriodicJob, ScheduledJob } from '@insurer/platform-runtime';
import { ArchiveService } from './archive/application/archive.service';
import { ConfirmOfferHandler } from './policy/application/confirm-offer.handler';
import { EndorsePolicyHandler } from './policy/application/endorse-policy.handler';
import { OfferIssuer } from './policy/application/offer-issuer';
import { PayFirstPremiumHandler } from './policy/application/pay-first-premium.handler';
import { PolicyQueries } from './policy/application/policy.queries';
import { ReinstatePolicyHandler } from './policy/application/reinstate-policy.handler';
import { RescindPolicyHandler } from './policy/application/rescind-policy.handler';
import { SendDemandNoticeHandler } from './policy/application/send-demand-notice.handler';
import { SurrenderPolicyHandler } from './policy/application/surrender-policy.handler';
import { TerminatePolicyOnClaimPaidHandler } from './policy/application/terminate-policy-on-claim-paid.handler';
import { WithdrawPolicyHandler } from './policy/application/withdraw-policy.handler';
import { PolicyRepository } from './policy/infrastructure/policy.repository';
import { ClaimEventsConsumer } from './policy/interface/claim-events.consumer';
import { PolicyHttpController } from './policy/interface/policy.http.controller';
import { PolicyLoanHttpController } from './policy/interface/policy-loan.http.controller';
import { PolicyLoanHandler } from './policy/application/policy-loan.handler';
import { PayPremiumHandler } from './premium/application/pay-premium.handler';
import { PremiumCalendarHandler } from './premium/application/premium-calendar.handler';
import { PremiumQueries } from './premium/application/premium.queries';
import { PremiumHttpController } from './premium/interface/premium.http.controller';
import { PartyReplicas } from './party-replica/application/party-replicas';
import { CustomerEventsConsumer } from './party-replica/interface/customer-events.consumer';
import { ProductReplicas } from './product-replica/application/product-replicas';
import { ProductEventsConsumer } from './product-replica/interface/product-events.consumer';
import { DecideCaseHandler } from './underwriting/application/decide-case.handler';
import { OpenCaseOnApplicationSubmittedHandler } from './underwriting/application/open-case-on-application-submitted.handler';
import { TakeCaseHandler } from './underwriting/application/take-case.handler';
import { UnderwritingQueries } from './underwriting/application/underwriting.queries';
import { UnderwritingCaseRepository } from './underwriting/infrastructure/underwriting-case.repository';
import { ContractInboundConsumer } from './underwriting/interface/inbound-events.consumer';
import { UnderwritingHttpController } from './underwriting/interface/underwriting.http.controller';

/** Runs the premium calendar (overdue, lapse, maturity) on a timer for as long as the application runs. */
export class PremiumCalendarJob extends ScheduledJob {
  constructor(calendar: PremiumCalendarHandler, intervalMs: number, logger: Logger) {
    super(new PeriodicJob('premium-calendar', intervalMs, () => calendar.execute(), logger));
  }
}

@Module({})
export class ContractModule {
  static forRoot(options: { premiumSweepMs: number }): DynamicModule {
    return {
      module: ContractModule,
      controllers: [
        UnderwritingHttpController,
        PolicyHttpController,
        PolicyLoanHttpController,
        PremiumHttpController,
        ProductEventsConsumer,
        CustomerEventsConsumer,
        ContractInboundConsumer,
        ClaimEventsConsumer,
      ],
      providers: [
        ProductReplicas,
        PartyReplicas,
        UnderwritingCaseRepository,
        UnderwritingQueries,
        OpenCaseOnApplicationSubmittedHandler,
        TakeCaseHandler,
        DecideCaseHandler,
        ArchiveService,
        PolicyRepository,
        PolicyQueries,
        OfferIssuer,
        ConfirmOfferHandler,
        PayFirstPremiumHandler,
        EndorsePolicyHandler,
        WithdrawPolicyHandler,
        SurrenderPolicyHandler,
        PolicyLoanHandler,
        RescindPolicyHandler,
        SendDemandNoticeHandler,
        ReinstatePolicyHandler,
        TerminatePolicyOnClaimPaidHandler,
        PayPremiumHandler,
        PremiumQueries,
        PremiumCalendarHandler,
        {
          provide: PremiumCalendarJob,
          inject: [PremiumCalendarHandler, LOGGER],
          useFactory: (calendar: PremiumCalendarHandler, logger: Logger) =>
            new PremiumCalendarJob(calendar, options.premiumSweepMs, logger),
        },
      ],
    };
  }
}
