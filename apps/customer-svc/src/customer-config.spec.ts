import { loadConfig } from '@insurer/platform-config';
import { customerConfigSchema } from './customer-config';

const env = {
  PORT: '3001',
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/insurer',
  KAFKA_BROKERS: '127.0.0.1:9092',
  JWT_SECRET: 'a-secret-of-sixteen+',
  CUSTOMER_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
  CUSTOMER_BLIND_INDEX_KEY: Buffer.alloc(32, 8).toString('base64'),
};

describe("customer-svc's configuration", () => {
  it('lets the broker hold its consumer’s fetch 250 ms unless told otherwise, and takes 0 to turn that off', () => {
    expect(loadConfig(customerConfigSchema, env).CONSUMER_FETCH_WAIT_MS).toBe(250);
    expect(
      loadConfig(customerConfigSchema, { ...env, CONSUMER_FETCH_WAIT_MS: '0' }).CONSUMER_FETCH_WAIT_MS,
    ).toBe(0);
  });
});
