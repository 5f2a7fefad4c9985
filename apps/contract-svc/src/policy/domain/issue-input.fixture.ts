import type { ProductDefinition } from '@insurer/contracts';
import type { IssueInput } from './policy';

/**
 * What issuing a policy takes, for the domain specs: a 30-year-old man holding, insuring and paying for his own
 * policy on `product`, paid by bank transfer at `paidAt`. Each spec changes what it is about.
 */
export function issueInputFixture(
  product: ProductDefinition,
  paidAt: Date,
  application: Partial<IssueInput['application']> = {},
  offer: IssueInput['offer'] = { premiumFen: null, loadingPercent: null, exclusions: [] },
): IssueInput {
  const app: IssueInput['application'] = {
    applicationId: 'a-1',
    productCode: product.productCode,
    productVersion: 1,
    policyholderId: 'ph-1',
    insuredId: 'ph-1',
    payerId: 'ph-1',
    salespersonId: 's-1',
    channel: 'agent',
    sumInsuredFen: 50_000_000,
    premiumFen: 925_000,
    paymentMode: 'annual',
    paymentTermYears: 20,
    coverageTermYears: 20,
    insuredAge: 30,
    insuredGender: 'male',
    beneficiaries: [],
    ...application,
  };
  return {
    policyId: 'p-1',
    sequence: 1,
    application: app,
    offer,
    firstPayment: {
      paymentId: 'pay-1',
      amountFen: offer.premiumFen ?? app.premiumFen,
      paidAt,
      method: 'bank_transfer',
      payerId: app.payerId,
      payerType: 'individual',
    },
    product,
  };
}
