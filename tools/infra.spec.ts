import { choosePostgres, settingsFromEnv } from './infra';
import { embeddedLayout, embeddedUnavailable } from './postgres/embedded';

describe('choosePostgres', () => {
  const base = { given: false, mode: 'auto', localReachable: true, embeddedUnavailable: undefined } as const;

  it('uses a given DATABASE_URL even when it is down and an embedded server could start', () => {
    expect(choosePostgres({ ...base, given: true, localReachable: false })).toEqual({ use: 'given' });
    expect(choosePostgres({ ...base, given: true, mode: 'embedded' })).toEqual({ use: 'given' });
  });

  it('prefers the local server when it answers', () => {
    expect(choosePostgres(base)).toEqual({ use: 'local' });
  });

  it('falls back to the embedded server when the local one is down', () => {
    expect(choosePostgres({ ...base, localReachable: false })).toEqual({ use: 'embedded' });
  });

  it('uses the embedded server when asked, even with a local one up', () => {
    expect(choosePostgres({ ...base, mode: 'embedded' })).toEqual({ use: 'embedded' });
  });

  it('fails with the reason when neither can serve', () => {
    expect(choosePostgres({ ...base, localReachable: false, embeddedUnavailable: 'not as root' })).toEqual({
      fail: 'not as root',
    });
    expect(choosePostgres({ ...base, mode: 'embedded', embeddedUnavailable: 'no binaries' })).toEqual({
      fail: 'no binaries',
    });
  });
});

describe('embeddedUnavailable', () => {
  it('refuses root, since Postgres will not run as root', () => {
    const layout = { ...embeddedLayout('/nowhere', '/tmp/x', 1), native: '/opt/pg' };
    expect(embeddedUnavailable(layout, 0)).toMatch(/refuses to run as root/);
    expect(embeddedUnavailable(layout, 1000)).toBeUndefined();
  });

  it('names the platform when the package has no binaries installed', () => {
    const layout = embeddedLayout('/nowhere', '/tmp/x', 1);
    expect(layout.native).toBeUndefined();
    expect(embeddedUnavailable(layout, 1000)).toContain(
      `no binaries for ${process.platform}-${process.arch}`,
    );
  });
});

describe('settingsFromEnv', () => {
  it('takes the topics’ replication factor when given, and leaves it to the cluster’s size when not', () => {
    expect(settingsFromEnv({ KAFKA_TOPIC_REPLICATION_FACTOR: '3' }).replicationFactor).toBe(3);
    expect(settingsFromEnv({}).replicationFactor).toBeUndefined();
    expect(settingsFromEnv({ KAFKA_TOPIC_REPLICATION_FACTOR: '' }).replicationFactor).toBeUndefined();
  });

  it('refuses a replication factor that is not a whole number of 1 or more, naming the variable', () => {
    for (const bad of ['0', '-1', '2.5', 'three']) {
      expect(() => settingsFromEnv({ KAFKA_TOPIC_REPLICATION_FACTOR: bad })).toThrow(
        `KAFKA_TOPIC_REPLICATION_FACTOR must be a whole number of 1 or more, got "${bad}"`,
      );
    }
  });
});
