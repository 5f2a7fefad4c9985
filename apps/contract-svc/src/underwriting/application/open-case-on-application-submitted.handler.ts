import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@insurer/platform-time';
import { ProductReplicas } from '../../product-replica/application/product-replicas';
import { automaticOutcome, openCase, type SubmittedApplication } from '../domain/underwriting-case';
import { UnderwritingCaseRepository } from '../infrastructure/underwriting-case.repository';

/** Runs in the delivery's transaction: the case, the automatic decision and its event commit with the inbox row. */
@Injectable()
export class OpenCaseOnApplicationSubmittedHandler {
  constructor(
    private readonly cases: UnderwritingCaseRepository,
    private readonly products: ProductReplicas,
    private readonly clock: Clock,
  ) {}

  async execute(m: EntityManager, application: SubmittedApplication): Promise<void> {
    // An application already in underwriting (sent again under another event id) opens no second case.
    if (await this.cases.find(m, application.applicationId)) return;
    const product = await this.products.definition(m, application.productCode, application.productVersion);
    const outcome = automaticOutcome(application, product);
    await this.cases.insert(m, openCase(application, outcome, this.clock.now()));
  }
}
