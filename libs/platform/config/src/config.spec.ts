import { ConfigError, loadConfig, serviceConfigSchema } from './config';

const valid = {
  PORT: '3004',
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/insurer',
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.2:9092',
  JWT_SECRET: 'a-secret-of-sixteen+',
};

function errorFor(env: Record<string, string | undefined>): string {
  try {
    loadConfig(serviceConfigSchema, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('service configuration', () => {
  it('parses and normalises a valid environment, with defaults', () => {
    const config = loadConfig(serviceConfigSchema, valid);
    expect(config.PORT).toBe(3004);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.2:9092']);
    expect(config.DB_POOL_MAX).toBe(10);
    // Pooled connections outlive ordinary pauses: reopening one starts a Postgres backend.
    expect(config.DB_POOL_IDLE_MS).toBe(300_000);
    expect(errorFor({ ...valid, DB_POOL_IDLE_MS: '10' })).toMatch(/DB_POOL_IDLE_MS/);
    // Connections prepare the statements they run again, unless an operator turns it off (0) for a pooler.
    expect(config.DB_PREPARED_STATEMENTS).toBe(200);
    expect(
      loadConfig(serviceConfigSchema, { ...valid, DB_PREPARED_STATEMENTS: '0' }).DB_PREPARED_STATEMENTS,
    ).toBe(0);
    expect(errorFor({ ...valid, DB_PREPARED_STATEMENTS: '-1' })).toMatch(/DB_PREPARED_STATEMENTS/);
    expect(config.LOG_LEVEL).toBe('info');
    // A consumer's fetch returns as soon as an event is there unless a service or its operator says otherwise.
    expect(config.CONSUMER_FETCH_WAIT_MS).toBe(0);
    expect(
      loadConfig(serviceConfigSchema, { ...valid, CONSUMER_FETCH_WAIT_MS: '250' }).CONSUMER_FETCH_WAIT_MS,
    ).toBe(250);
    expect(errorFor({ ...valid, CONSUMER_FETCH_WAIT_MS: '60000' })).toMatch(/CONSUMER_FETCH_WAIT_MS/);
    // Consumers fetch through fetch sessions unless the operator turns them off.
    expect(config.KAFKA_FETCH_SESSIONS).toBe(true);
    expect(
      loadConfig(serviceConfigSchema, { ...valid, KAFKA_FETCH_SESSIONS: 'false' }).KAFKA_FETCH_SESSIONS,
    ).toBe(false);
    expect(errorFor({ ...valid, KAFKA_FETCH_SESSIONS: 'no' })).toMatch(/KAFKA_FETCH_SESSIONS/);
    // Every topic is fetched as usual unless a service or its operator defers some.
    expect(config.CONSUMER_DEFERRED_TOPICS).toEqual([]);
    expect(config.CONSUMER_DEFERRED_TOPICS_MS).toBe(1_000);
    expect(
      loadConfig(serviceConfigSchema, {
        ...valid,
        CONSUMER_DEFERRED_TOPICS: ' claims.events.v1, customer.events.v1 ,',
      }).CONSUMER_DEFERRED_TOPICS,
    ).toEqual(['claims.events.v1', 'customer.events.v1']);
    expect(errorFor({ ...valid, CONSUMER_DEFERRED_TOPICS: 'claims events' })).toMatch(
      /CONSUMER_DEFERRED_TOPICS.*Kafka topic names/,
    );
    expect(errorFor({ ...valid, CONSUMER_DEFERRED_TOPICS_MS: '10' })).toMatch(/CONSUMER_DEFERRED_TOPICS_MS/);
  });

  it('names a missing variable in one line', () => {
    const message = errorFor({ ...valid, DATABASE_URL: undefined });
    expect(message).toMatch(/^invalid configuration: DATABASE_URL .*\(missing\)$/);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('names a malformed variable and shows the value', () => {
    expect(errorFor({ ...valid, KAFKA_BROKERS: 'kafka' })).toBe(
      'invalid configuration: KAFKA_BROKERS must be a comma-separated list of host:port (got "kafka")',
    );
    expect(errorFor({ ...valid, PORT: '70000' })).toMatch(/^invalid configuration: PORT .*\(got "70000"\)$/);
    expect(errorFor({ ...valid, DATABASE_URL: 'mysql://x' })).toMatch(/DATABASE_URL must be a postgres:\/\//);
  });

  it('requires a way to verify tokens, and never echoes a secret', () => {
    expect(errorFor({ ...valid, JWT_SECRET: undefined })).toMatch(
      /^invalid configuration: JWT_SECRET set JWT_SECRET/,
    );
    const short = errorFor({ ...valid, JWT_SECRET: 'short-secret' });
    expect(short).toContain('***');
    expect(short).not.toContain('short-secret');
  });

  it('accepts a PEM public key instead of a secret', () => {
    const config = loadConfig(serviceConfigSchema, {
      ...valid,
      JWT_SECRET: undefined,
      JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----',
    });
    expect(config.JWT_PUBLIC_KEY).toContain('BEGIN PUBLIC KEY');
  });
});
