import { brokerLayout, serverProperties } from './broker';

describe('managed broker configuration', () => {
  const layout = brokerLayout('/repo', { KAFKA_PORT: '19092', KAFKA_CONTROLLER_PORT: '19093' });
  const props = Object.fromEntries(
    serverProperties(layout, 6)
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(/=(.*)/s).slice(0, 2)),
  );

  it('runs one KRaft node as broker and controller on loopback IPv4 only', () => {
    expect(props['process.roles']).toBe('broker,controller');
    expect(props['controller.quorum.voters']).toBe('1@127.0.0.1:19093');
    expect(props['listeners']).toBe('PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093');
    expect(props['advertised.listeners']).not.toContain('localhost');
  });

  it('uses single-node replication, explicit topics and no rebalance delay', () => {
    expect(props['offsets.topic.replication.factor']).toBe('1');
    expect(props['transaction.state.log.replication.factor']).toBe('1');
    expect(props['auto.create.topics.enable']).toBe('false');
    expect(props['group.initial.rebalance.delay.ms']).toBe('0');
    expect(props['num.partitions']).toBe('6');
    expect(props['log.dirs']).toBe('/repo/.cache/kafka/data');
  });
});
