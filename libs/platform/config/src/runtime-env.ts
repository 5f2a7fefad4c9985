/**
 * How every service process runs Node, wherever it is started (npm start, tests, benchmarks, the Dockerfile, the
 * Kubernetes manifests; a test keeps the last two equal to this). A small young generation and a capped old one make
 * V8 collect before it grows, and two malloc arenas stop glibc keeping one per thread: under load each process then
 * stays well inside the 256 MiB the manifests allow.
 */
export const SERVICE_RUNTIME_ENV = {
  NODE_OPTIONS: '--max-semi-space-size=2 --max-old-space-size=160',
  MALLOC_ARENA_MAX: '2',
} as const;
