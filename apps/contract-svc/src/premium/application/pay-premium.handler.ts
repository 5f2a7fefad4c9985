import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { Clock } from '@insurer/platform-time';
import { payPremium, type PaymentMethod } from '../../policy/domain/policy';
import { PolicyRepository } from '../../policy/infrastructure/policy.repository';

export interface RenewalPayment {
  readonly policyId: string;
  readonly amountFen: number;
  readonly paidAt: string;
  readonly method: PaymentMethod;
  readonly payerId: string;
  readonly payerType: 'individual' | 'corporate';
  readonly currency?: string;
  readonly currencyAmountMinor?: number;
}

/** A renewal premium, exactly the amount due, for the next due date. */
@Injectable()
export class PayPremiumHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyRepository,
    private readonly clock: Clock,
  ) {}

  async execute(payment: RenewalPayment, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const policy = await this.policies.lock(m, payment.policyId);
      const { policyId: _policyId, ...paid } = payment;
      const decided = payPremium(policy, {
        ...paid,
        paymentId: randomUUID(),
        paidAt: new Date(payment.paidAt),
      });
      await this.policies.save(m, policy, decided);
      return {
        policyId: policy.policyId,
        paidDueOn: decided.payment?.dueOn,
        nextDueOn: policy.nextDueOn,
        paymentId: decided.payment?.paymentId,
        at: now.toISOString(),
      };
    });
  }
}
