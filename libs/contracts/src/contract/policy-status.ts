/** A policy's status as contract-svc keeps it; services that show policies keep the same words. */
export type PolicyStatus = 'in_force' | 'suspended' | 'withdrawn' | 'surrendered' | 'terminated';

/** The status a policy has after each of contract-svc's lifecycle events, for the services that keep a copy. */
export const POLICY_STATUS_AFTER = {
  'contract.policy-withdrawn': 'withdrawn',
  'contract.policy-surrendered': 'surrendered',
  'contract.policy-lapsed': 'suspended',
  'contract.policy-reinstated': 'in_force',
  'contract.policy-terminated': 'terminated',
} as const satisfies Record<string, PolicyStatus>;

export type PolicyStatusEvent = keyof typeof POLICY_STATUS_AFTER;

/** The lifecycle events that change a policy's status, for a consumer that handles them all alike. */
export const POLICY_STATUS_EVENTS = Object.keys(POLICY_STATUS_AFTER) as PolicyStatusEvent[];

/** Statuses in which the contract has ended: the records' retention periods (Art. 87, AML) run from that day. */
export const ENDED_POLICY_STATUSES: readonly PolicyStatus[] = ['withdrawn', 'surrendered', 'terminated'];
