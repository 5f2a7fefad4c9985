import { metricSum } from './metrics-text';

const TEXT = [
  '# HELP events_consumed_total Consumed Kafka messages by outcome',
  '# TYPE events_consumed_total counter',
  'events_consumed_total{topic="claims.events.v1",type="ClaimReported",outcome="applied",service="claims-svc"} 7',
  'events_consumed_total{topic="claims.events.v1",type="ClaimReported",outcome="duplicate",service="claims-svc"} 2',
  'events_consumed_total{topic="contract.events.v1",type="PolicyIssued",outcome="applied",service="claims-svc"} 5',
  'events_consumed_total_extra{outcome="applied"} 100',
  'http_requests_held{resource="underwriting-case",service="contract-svc"} 3',
  'db_round_trips_total{service="claims-svc"} 1234',
  'kafka_consumer_fetches_total 9',
  'odd_label{reason="a \\"quoted\\" reason",service="x"} 1',
].join('\n');

describe('metricSum', () => {
  it('adds up the samples of one metric whose labels include every label asked for', () => {
    expect(metricSum(TEXT, 'events_consumed_total', { outcome: 'applied' })).toBe(12);
    expect(metricSum(TEXT, 'events_consumed_total', { type: 'ClaimReported', outcome: 'applied' })).toBe(7);
    expect(metricSum(TEXT, 'events_consumed_total')).toBe(14);
  });

  it('reads one series by its labels, a metric without labels and a label value with escaped quotes', () => {
    expect(metricSum(TEXT, 'http_requests_held', { resource: 'underwriting-case' })).toBe(3);
    expect(metricSum(TEXT, 'db_round_trips_total', { service: 'claims-svc' })).toBe(1234);
    expect(metricSum(TEXT, 'kafka_consumer_fetches_total')).toBe(9);
    expect(metricSum(TEXT, 'odd_label', { reason: 'a \\"quoted\\" reason' })).toBe(1);
  });

  it('gives 0 for a metric or a series not there yet, and never matches a name by its prefix', () => {
    expect(metricSum(TEXT, 'http_requests_held', { resource: 'customer-facts' })).toBe(0);
    expect(metricSum(TEXT, 'events_consumed', {})).toBe(0);
    expect(metricSum(TEXT, 'events_consumed_total', { outcome: 'dead_lettered' })).toBe(0);
  });
});
