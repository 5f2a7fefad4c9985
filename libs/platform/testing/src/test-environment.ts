import { signLocalToken, type Role } from '@insurer/platform-auth';

export interface TestEnvironment {
  readonly databaseUrl: string;
  readonly kafkaBrokers: string;
  readonly jwtSecret: string;
  /** Every variable a service process needs to start against this infrastructure. */
  readonly serviceEnv: Record<string, string>;
}

/** The infrastructure `npm test` brought up (its addresses are exported before jest starts). */
export function testEnvironment(env: NodeJS.ProcessEnv = process.env): TestEnvironment {
  const {
    DATABASE_URL,
    KAFKA_BROKERS,
    JWT_SECRET,
    CUSTOMER_MASTER_KEY,
    CUSTOMER_BLIND_INDEX_KEY,
    CLAIMS_DATA_KEY,
  } = env;
  if (
    !DATABASE_URL ||
    !KAFKA_BROKERS ||
    !JWT_SECRET ||
    !CUSTOMER_MASTER_KEY ||
    !CUSTOMER_BLIND_INDEX_KEY ||
    !CLAIMS_DATA_KEY
  ) {
    throw new Error(
      'integration tests need DATABASE_URL, KAFKA_BROKERS, JWT_SECRET and the data keys: run them with `npm test`',
    );
  }
  return {
    databaseUrl: DATABASE_URL,
    kafkaBrokers: KAFKA_BROKERS,
    jwtSecret: JWT_SECRET,
    serviceEnv: {
      DATABASE_URL,
      KAFKA_BROKERS,
      JWT_SECRET,
      CUSTOMER_MASTER_KEY,
      CUSTOMER_BLIND_INDEX_KEY,
      CLAIMS_DATA_KEY,
      // `npm test` runs the services' suites once more with TEST_DB_POOL_MAX=1: code that takes a second pool
      // connection while its transaction holds one then fails at once (the pool's timeout), where under load it
      // stalls a full pool.
      ...(env.TEST_DB_POOL_MAX ? { DB_POOL_MAX: env.TEST_DB_POOL_MAX } : {}),
    },
  };
}

export function tokenFor(roles: Role | Role[], sub = 'test-user', customerId?: string): string {
  return signLocalToken({
    sub,
    roles: Array.isArray(roles) ? roles : [roles],
    customerId,
    secret: testEnvironment().jwtSecret,
  });
}
