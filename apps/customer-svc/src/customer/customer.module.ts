import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '@insurer/platform-runtime';
import { ConsentService } from './application/consent.service';
import { CorrectCustomerHandler } from './application/correct-customer.handler';
import { CustomerQueries } from './application/customer.queries';
import { RegisterCustomerHandler } from './application/register-customer.handler';
import { CustomerRepository } from './infrastructure/customer.repository';
import { IdentityVerificationService } from './application/identity-verification.service';
import { RiskAssessmentService } from './application/risk-assessment.service';
import { LogNotifier, Notifier } from './infrastructure/notifier';
import { PersonalDataVault } from './infrastructure/personal-data-vault';
import { ConsentHttpController } from './interface/consent.http.controller';
import { CustomerCommandsConsumer } from './interface/customer-commands.consumer';
import { CustomerHttpController } from './interface/customer.http.controller';

export interface CustomerModuleOptions {
  readonly masterKey: Buffer;
  readonly blindIndexKey: Buffer;
  /** The SMS/mail gateway; the local build logs messages instead. */
  readonly notifier?: Notifier;
}

@Module({})
export class CustomerModule {
  static forRoot(options: CustomerModuleOptions): DynamicModule {
    return {
      module: CustomerModule,
      global: true,
      controllers: [CustomerHttpController, ConsentHttpController, CustomerCommandsConsumer],
      providers: [
        {
          provide: PersonalDataVault,
          useValue: new PersonalDataVault(options.masterKey, options.blindIndexKey),
        },
        options.notifier
          ? { provide: Notifier, useValue: options.notifier }
          : { provide: Notifier, inject: [LOGGER], useFactory: (logger: Logger) => new LogNotifier(logger) },
        CustomerRepository,
        CustomerQueries,
        RegisterCustomerHandler,
        CorrectCustomerHandler,
        ConsentService,
        IdentityVerificationService,
        RiskAssessmentService,
      ],
      exports: [CustomerRepository, CustomerQueries, PersonalDataVault],
    };
  }
}
