import { POLICY_STATUS_AFTER } from './contract/policy-status';
import { CUSTOMER_FACT_FIELDS, isCustomerFactField } from './customer/customer-facts';
import { CustomerFacts } from './customer/customer.events.v1';
import { eventFixtures } from './testing';

describe('what services share through the contracts', () => {
  it('replicates every customer fact of the schema but the customer type, and nothing else', () => {
    const schemaFields = Object.keys(CustomerFacts.shape).filter((f) => f !== 'customerType');
    expect([...CUSTOMER_FACT_FIELDS].sort()).toEqual(schemaFields.sort());
    expect(isCustomerFactField('annualIncomeFen')).toBe(true);
    expect(isCustomerFactField('idNumber')).toBe(false);
    expect(isCustomerFactField('customerType')).toBe(false);
  });

  it('maps each policy lifecycle event to the status contract-svc gives the policy', () => {
    expect(POLICY_STATUS_AFTER).toEqual({
      'contract.policy-withdrawn': 'withdrawn',
      'contract.policy-surrendered': 'surrendered',
      'contract.policy-lapsed': 'suspended',
      'contract.policy-reinstated': 'in_force',
      'contract.policy-terminated': 'terminated',
    });
    for (const type of Object.keys(POLICY_STATUS_AFTER)) expect(eventFixtures).toHaveProperty([type]);
  });
});
