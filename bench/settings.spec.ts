import { serviceEnvFrom } from './settings';

describe('BENCH_SERVICE_ENV', () => {
  it('gives a plain NAME=value to every service and a scoped one to its service only', () => {
    const envOf = serviceEnvFrom('DB_POOL_MAX=20 compliance-svc:CONSUMER_FETCH_WAIT_MS=20 X=a=b');
    expect(envOf('compliance-svc')).toEqual({ DB_POOL_MAX: '20', CONSUMER_FETCH_WAIT_MS: '20', X: 'a=b' });
    expect(envOf('sales-svc')).toEqual({ DB_POOL_MAX: '20', X: 'a=b' });
    expect(serviceEnvFrom('')('sales-svc')).toEqual({});
  });

  it('refuses an item that is not a setting', () => {
    expect(() => serviceEnvFrom('compliance-svc:oops')).toThrow(
      'BENCH_SERVICE_ENV: "compliance-svc:oops" is not NAME=value or <service>:NAME=value',
    );
  });
});
