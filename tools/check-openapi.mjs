// `npm test` step: the OpenAPI documents in docs/openapi must be what integrators' tools accept. A peer linter
// (@redocly/cli, its recommended rules) must find no error and no warning, and types generated from each document by
// openapi-typescript must compile, under strict settings, together with a small typed client that uses them, in a
// throwaway folder outside the workspace.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const documents = readdirSync(join(root, 'docs', 'openapi'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ service: f.replace(/\.json$/, ''), path: join(root, 'docs', 'openapi', f) }));

// A minimal typed client over openapi-typescript's `paths`: path parameters, query and JSON body are typed by the
// operation, the answer by its 2xx JSON response, and errors are problem+json.
const CLIENT = `
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export interface Problem { type: string; title: string; status: number; code: string; detail?: string; rule?: { id: string; source: string }; errors?: { pointer: string; message: string; rule?: string }[] }
type JsonOf<C> = C extends { content: { 'application/json': infer B } } ? B : unknown;
type Success<R> = R extends { 200: infer A } ? JsonOf<A> : R extends { 201: infer A } ? JsonOf<A> : unknown;
type Params<Op> = Op extends { parameters: infer P } ? P : never;
type Body<Op> = Op extends { requestBody: infer B } ? JsonOf<B> : Op extends { requestBody?: infer B } ? JsonOf<B> | undefined : undefined;
export type Operation<P, Path extends keyof P, M extends Method> = P[Path] extends Record<M, infer Op> ? Op : never;
export interface Request<Op> { path?: Params<Op> extends { path?: infer X } ? X : never; query?: Params<Op> extends { query?: infer X } ? X : never; body?: Body<Op>; token?: string }
export type Answer<Op> = Op extends { responses: infer R } ? Success<R> : unknown;

export class ProblemError extends Error { constructor(readonly problem: Problem) { super(problem.title); } }

export function createClient<P>(baseUrl: string) {
  return {
    async call<Path extends keyof P & string, M extends Method>(path: Path, method: M, request: Request<Operation<P, Path, M>> = {}): Promise<Answer<Operation<P, Path, M>>> {
      let url = path as string;
      for (const [name, value] of Object.entries((request.path ?? {}) as Record<string, unknown>)) url = url.replace('{' + name + '}', encodeURIComponent(String(value)));
      const query = new URLSearchParams(Object.entries((request.query ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
      const response = await fetch(baseUrl + url + (query.size ? '?' + query.toString() : ''), {
        method: method.toUpperCase(),
        headers: { 'content-type': 'application/json', ...(request.token ? { authorization: 'Bearer ' + request.token } : {}) },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
      if (!response.ok) throw new ProblemError((await response.json()) as Problem);
      return (await response.json()) as Answer<Operation<P, Path, M>>;
    },
  };
}
`;

// 1. Lint, one document at a time (the JSON report is per document); any problem, error or warning, fails.
let problems = 0;
for (const { path } of documents) {
  let lint;
  try {
    lint = execFileSync(bin('redocly'), ['lint', path, '--format=json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
  } catch (error) {
    lint = error.stdout; // a non-zero exit on errors: the report still says which
  }
  for (const p of JSON.parse(lint).problems ?? []) {
    problems += 1;
    console.error(`${path}: ${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer}`);
  }
}
if (problems) {
  console.error(`openapi: ${problems} lint problems`);
  process.exit(1);
}
console.log(`openapi: ${documents.length} documents lint clean (redocly recommended)`);

// 2. Generate and compile, outside the workspace so nothing of the repository's configuration helps.
const work = mkdtempSync(join(tmpdir(), 'openapi-client-'));
try {
  writeFileSync(join(work, 'client.ts'), CLIENT);
  for (const { service, path } of documents) {
    execFileSync(bin('openapi-typescript'), [path, '-o', join(work, `${service}.ts`)], { stdio: 'pipe' });
    writeFileSync(
      join(work, `${service}.use.ts`),
      `import type { components, paths } from './${service}';\n` +
        `import { createClient, type Problem } from './client';\n` +
        `export const ${camel(service)} = createClient<paths>('http://localhost');\n` +
        `// The document's error schema is the one the client reads errors with.\n` +
        `export const problemShape: Problem = {} as components['schemas']['Problem'];\n` +
        `// Every service serves GET /session; the call must type-check against the generated paths.\n` +
        `export const session = (token: string) => ${camel(service)}.call('/session', 'get', { token });\n`,
    );
  }
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2022', 'DOM'],
        skipLibCheck: false,
        noUncheckedIndexedAccess: true,
      },
      include: ['*.ts'],
    }),
  );
  execFileSync(bin('tsc'), ['-p', work], { stdio: 'inherit' });
  console.log(
    `openapi: clients generated from ${documents.length} documents compile (openapi-typescript, tsc strict)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

function camel(name) {
  return name.replace(/-(\w)/g, (_, c) => c.toUpperCase());
}
