import { loadConfig } from '@insurer/platform-config';
import { contractConfigSchema } from './contract-config';

const env = {
  PORT: '3003',
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/insurer',
  KAFKA_BROKERS: '127.0.0.1:9092',
  JWT_SECRET: 'a-secret-of-sixteen+',
};

describe("contract-svc's configuration", () => {
  it('defers claims.events.v1 and customer.events.v1 in its consumer unless told otherwise, and takes an empty list to fetch them as usual', () => {
    expect(loadConfig(contractConfigSchema, env).CONSUMER_DEFERRED_TOPICS).toEqual([
      'claims.events.v1',
      'customer.events.v1',
    ]);
    expect(
      loadConfig(contractConfigSchema, { ...env, CONSUMER_DEFERRED_TOPICS: '' }).CONSUMER_DEFERRED_TOPICS,
    ).toEqual([]);
  });
});
