import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_RUNTIME_ENV } from './runtime-env';

describe('SERVICE_RUNTIME_ENV', () => {
  it('is what the image runs with (Docker Compose and the Kubernetes manifests use that image)', () => {
    const dockerfile = readFileSync(join(__dirname, '../../../../Dockerfile'), 'utf8');
    const env = /^ENV NODE_OPTIONS="([^"]+)" MALLOC_ARENA_MAX=(\S+)$/m.exec(dockerfile);
    expect(env?.[1]).toBe(SERVICE_RUNTIME_ENV.NODE_OPTIONS);
    expect(env?.[2]).toBe(SERVICE_RUNTIME_ENV.MALLOC_ARENA_MAX);
  });

  it('caps the old generation below the 256 MiB the manifests allow each container', () => {
    const cap = Number(/--max-old-space-size=(\d+)/.exec(SERVICE_RUNTIME_ENV.NODE_OPTIONS)?.[1]);
    const limits = ['customer', 'sales', 'contract', 'claims', 'compliance', 'analytics'].map((name) => {
      const manifest = readFileSync(join(__dirname, `../../../../deploy/k8s/${name}-svc.yaml`), 'utf8');
      return [...manifest.matchAll(/limits: \{ memory: (\d+)Mi \}/g)].map((m) => Number(m[1]));
    });
    // Every manifest states a limit (a manifest without one would leave nothing to compare).
    expect(limits.map((l) => l.length > 0)).toEqual([true, true, true, true, true, true]);
    expect(cap).toBeGreaterThan(0);
    expect(limits.flat().filter((limit) => cap >= limit * 0.75)).toEqual([]);
  });
});
