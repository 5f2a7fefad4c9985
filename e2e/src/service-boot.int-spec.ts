import type { Role } from '@insurer/platform-auth';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import {
  JwksServer,
  ServiceProcess,
  metricSum,
  metricValue,
  repoRoot,
  testEnvironment,
  tokenFor,
  waitFor,
} from '@insurer/platform-testing';

/** Each service, started as its own process, with a role that works there and one that does not. */
const SERVICES: { name: string; port: number; allowed: Role; refused: Role }[] = [
  { name: 'customer-svc', port: 13001, allowed: 'service_rep', refused: 'claims_handler' },
  { name: 'sales-svc', port: 13002, allowed: 'agent', refused: 'customer' },
  { name: 'contract-svc', port: 13003, allowed: 'underwriter', refused: 'agent' },
  { name: 'claims-svc', port: 13004, allowed: 'claims_handler', refused: 'underwriter' },
  { name: 'compliance-svc', port: 13005, allowed: 'compliance_officer', refused: 'analyst' },
  { name: 'analytics-svc', port: 13006, allowed: 'analyst', refused: 'integrator' },
];

/** A browser origin the services are configured to allow (CORS_ALLOWED_ORIGINS), and one they are not. */
const ALLOWED_ORIGIN = 'https://portal.insurer.example';

function baseEnv(): NodeJS.ProcessEnv {
  return { ...testEnvironment().serviceEnv, CORS_ALLOWED_ORIGINS: ALLOWED_ORIGIN };
}

/** A route with a path parameter in each service (Fastify limits a parameter to 100 characters). */
const PARAM_ROUTES: Record<string, string | undefined> = {
  'customer-svc': '/customers/',
  'sales-svc': '/quotes/',
  'contract-svc': '/policies/',
  'claims-svc': '/claims/',
  'compliance-svc': '/cases/',
};

describe('every service boots against the real infrastructure', () => {
  const processes = SERVICES.map((s) => new ServiceProcess(s.name, s.port, baseEnv()));

  beforeAll(async () => {
    processes.forEach((p) => p.start());
    await Promise.all(processes.map((p) => p.waitUntilReady()));
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop().catch(() => undefined)));
  });

  describe.each(SERVICES.map((s, i) => ({ ...s, index: i })))(
    '$name',
    ({ allowed, refused, index, name }) => {
      const url = () => processes[index].url;

      it('reports ready with Postgres and Kafka up, and live', async () => {
        const ready = await fetch(`${url()}/ready`);
        expect(ready.status).toBe(200);
        const body = (await ready.json()) as { details: Record<string, { status: string }> };
        expect(body.details.postgres.status).toBe('up');
        expect(body.details.kafka.status).toBe('up');
        expect((await fetch(`${url()}/health`)).status).toBe(200);
      });

      it('serves Prometheus metrics and its OpenAPI document without a token', async () => {
        const metrics = await fetch(`${url()}/metrics`);
        expect(metrics.status).toBe(200);
        const text = await metrics.text();
        expect(text).toContain(`process_cpu_user_seconds_total{service="${name}"}`);
        // Its start-up and health checks went to Postgres through its data source: counted.
        expect(metricSum(text, 'db_round_trips_total', { service: name })).toBeGreaterThan(0);
        const openApi = (await (await fetch(`${url()}/docs/openapi.json`)).json()) as {
          info: { title: string };
        };
        expect(openApi.info.title).toBe(name);
      });

      it("counts its consumer's fetches, those in a fetch session among them", async () => {
        // An idle fetch returns after KAFKA_FETCH_MAX_WAIT_MS (5 s by default), once the consumer has joined.
        const counted = (metric: string, labels: Record<string, string> = {}) =>
          metricValue(url(), metric, { ...labels, service: name });
        await waitFor(async () => (await counted('kafka_consumer_fetches_total')) > 0, {
          timeoutMs: 30_000,
          description: `${name} to fetch`,
        });
        // The first fetch from a broker creates a session; the next names only what changed (KAFKA_FETCH_SESSIONS).
        await waitFor(
          async () => (await counted('kafka_fetch_session_fetches_total', { kind: 'incremental' })) > 0,
          {
            timeoutMs: 30_000,
            description: `${name} to fetch within a fetch session`,
          },
        );
      });

      it('serves the OpenAPI document checked in under docs/openapi/', async () => {
        const served = await (await fetch(`${url()}/docs/openapi.json`)).json();
        const file = join(repoRoot(), 'docs', 'openapi', `${name}.json`);
        // `npm run openapi:update` (tools/update-openapi.ts) rewrites the files after an API change; never this test.
        expect(served).toEqual(JSON.parse(readFileSync(file, 'utf8')));
      });

      it('refuses a NUL character in the query, the path or the body with 400 and its pointer, never a 500', async () => {
        const token = tokenFor(allowed, 'nul-tester');
        const query = await fetch(`${url()}/session?assignee=a%00b`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(query.status).toBe(400);
        expect(query.headers.get('content-type')).toContain('application/problem+json');
        // No Accept-Language: the insurer's default, Chinese.
        expect(query.headers.get('content-language')).toBe('zh-CN');
        expect(await query.json()).toMatchObject({
          status: 400,
          title: '请求有误',
          code: 'REQUEST.INVALID',
          errors: [
            { pointer: '/query/assignee', message: '值不能包含NUL字符。', rule: 'REQUEST.NUL_CHARACTER' },
          ],
        });
        const body = await fetch(`${url()}/session`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'accept-language': 'en',
          },
          body: JSON.stringify({ note: ['x', 'y\u0000'] }),
        });
        expect(body.status).toBe(400);
        expect(((await body.json()) as { errors: unknown }).errors).toEqual([
          {
            pointer: '/note/1',
            message: 'The value must not contain a NUL character.',
            rule: 'REQUEST.NUL_CHARACTER',
          },
        ]);
      });

      it('answers headers over the size limit with 431 and an over-long path parameter with 414, as problem+json', async () => {
        const tooLarge = await fetch(`${url()}/health`, { headers: { 'x-padding': 'p'.repeat(20_000) } });
        expect(tooLarge.status).toBe(431);
        expect(tooLarge.headers.get('content-type')).toContain('application/problem+json');
        expect(await tooLarge.json()).toMatchObject({ status: 431, code: 'REQUEST.HEADERS_TOO_LARGE' });
        const route = PARAM_ROUTES[name];
        if (!route) return; // analytics-svc has no route with a path parameter
        const longParam = await fetch(`${url()}${route}${'a'.repeat(150)}`, {
          headers: {
            authorization: `Bearer ${tokenFor(allowed, 'uri-tester')}`,
            'x-correlation-id': 'uri-test-1',
          },
        });
        expect(longParam.status).toBe(414);
        expect(longParam.headers.get('content-type')).toContain('application/problem+json');
        expect(await longParam.json()).toMatchObject({
          status: 414,
          code: 'REQUEST.URI_TOO_LONG',
          correlationId: 'uri-test-1',
        });
      });

      it('answers 401 without a token, as problem+json, with a correlation id', async () => {
        const res = await fetch(`${url()}/session`, { headers: { 'x-correlation-id': 'boot-test-1' } });
        expect(res.status).toBe(401);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(res.headers.get('x-correlation-id')).toBe('boot-test-1');
        expect(await res.json()).toMatchObject({
          status: 401,
          code: 'AUTH.TOKEN_INVALID',
          correlationId: 'boot-test-1',
        });
      });

      it('sends the security headers, no-store and a deny-all CSP on API answers, and CORS only to allowed origins', async () => {
        const res = await fetch(`${url()}/session`, {
          headers: { authorization: `Bearer ${tokenFor(allowed)}`, origin: ALLOWED_ORIGIN },
        });
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('strict-transport-security')).toContain('max-age=');
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('content-security-policy')).toBe(
          "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
        );
        expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
        const preflight = await fetch(`${url()}/session`, {
          method: 'OPTIONS',
          headers: {
            origin: 'https://evil.example',
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization',
          },
        });
        expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      });

      it('sends the security headers on problem answers too (unknown route, missing token)', async () => {
        for (const [path, status] of [
          ['/no-such-route', 404],
          ['/session', 401],
        ] as const) {
          const res = await fetch(`${url()}${path}`);
          expect(res.status).toBe(status);
          expect(res.headers.get('x-content-type-options')).toBe('nosniff');
          expect(res.headers.get('x-frame-options')).toBe('DENY');
          expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
          expect(res.headers.get('cache-control')).toBe('no-store');
        }
      });

      it('answers 401 for a token signed with another secret', async () => {
        const forged = tokenFor(allowed).split('.').slice(0, 2).join('.') + '.c2lnbmF0dXJl';
        const res = await fetch(`${url()}/session`, { headers: { authorization: `Bearer ${forged}` } });
        expect(res.status).toBe(401);
      });

      it('answers 403 for a role that does not work here', async () => {
        const res = await fetch(`${url()}/session`, {
          headers: { authorization: `Bearer ${tokenFor(refused)}` },
        });
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ code: 'AUTH.ROLE_FORBIDDEN' });
      });

      it('answers 200 for the right role', async () => {
        const res = await fetch(`${url()}/session`, {
          headers: { authorization: `Bearer ${tokenFor(allowed, 'u-42')}` },
        });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ service: name, sub: 'u-42', roles: [allowed] });
      });
    },
  );

  it('drains and exits 0 on SIGTERM', async () => {
    const result = await processes[0].stop('SIGTERM');
    expect(result.code).toBe(0);
    expect(result.output).toContain('shutting down');
  });
});

describe('a service refuses to start on bad configuration, quickly and clearly', () => {
  const cases: { variable: string; env: NodeJS.ProcessEnv; message: RegExp }[] = [
    {
      variable: 'DATABASE_URL (unreachable)',
      env: { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/insurer_test' },
      message: /cannot reach Postgres at 127\.0\.0\.1:1\/insurer_test \(DATABASE_URL\)/,
    },
    {
      variable: 'KAFKA_BROKERS (unreachable)',
      env: { KAFKA_BROKERS: '127.0.0.1:1' },
      message: /cannot reach Kafka at 127\.0\.0\.1:1 \(KAFKA_BROKERS\)/,
    },
    {
      variable: 'KAFKA_BROKERS (malformed)',
      env: { KAFKA_BROKERS: 'not a broker list' },
      message: /invalid configuration: KAFKA_BROKERS must be a comma-separated list of host:port/,
    },
    {
      variable: 'JWT_SECRET (missing)',
      env: { JWT_SECRET: undefined },
      message:
        /invalid configuration: JWT_SECRET set JWT_SECRET \(HS256, local use\), JWT_PUBLIC_KEY \(RS256\) or JWT_JWKS_URL/,
    },
    {
      variable: 'PORT (not a number)',
      env: { PORT: 'eighty' },
      message: /invalid configuration: PORT/,
    },
  ];

  it.each(cases)('$variable: exits 1 with one line naming it', async ({ env, message }) => {
    const merged: Record<string, string | undefined> = { ...baseEnv(), STARTUP_TIMEOUT_MS: '3000', ...env };
    for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
    const service = new ServiceProcess('claims-svc', 13014, merged);
    const result = await service.start().waitForExit();
    expect(result.code).toBe(1);
    expect(result.output).toMatch(message);
    expect(result.output.trim().split('\n')).toHaveLength(1);
  });
});

describe('a service that takes its keys from the identity provider (JWT_JWKS_URL)', () => {
  const idp = new JwksServer();
  const before = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const after = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let service: ServiceProcess;
  const token = (privateKey: typeof before.privateKey, kid: string) =>
    jwt.sign({ roles: ['service_rep'] }, privateKey, {
      algorithm: 'RS256',
      keyid: kid,
      subject: 'rep-jwks',
      issuer: 'insurer-platform',
      audience: 'insurer-platform',
      expiresIn: 600,
    });
  const session = async (bearer: string) =>
    (await fetch(`${service.url}/session`, { headers: { authorization: `Bearer ${bearer}` } })).status;

  beforeAll(async () => {
    await idp.start();
    idp.published = [{ kid: 'idp-1', publicKey: before.publicKey }];
    const env: Record<string, string | undefined> = {
      ...baseEnv(),
      JWT_SECRET: undefined,
      JWT_JWKS_URL: idp.url,
    };
    delete env['JWT_SECRET'];
    service = new ServiceProcess('customer-svc', 13021, env).start();
    await service.waitUntilReady();
  });

  afterAll(async () => {
    await service?.stop().catch(() => undefined);
    await idp.stop();
  });

  it("accepts the IdP's tokens by kid, follows a key rotation, and refuses the retired key and local tokens", async () => {
    const old = token(before.privateKey, 'idp-1');
    expect(await session(old)).toBe(200);
    idp.published = [{ kid: 'idp-2', publicKey: after.publicKey }];
    expect(await session(token(after.privateKey, 'idp-2'))).toBe(200);
    expect(await session(old)).toBe(401);
    // Without a static key configured, an HS256 token (no kid) cannot be verified at all.
    expect(await session(tokenFor('service_rep', 'rep-jwks'))).toBe(401);
    expect(idp.fetches).toBe(2);
  });
});
