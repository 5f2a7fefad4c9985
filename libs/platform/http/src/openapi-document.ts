import { ApiExtension } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';

/** What each error status means to a caller, shown as the response's description. */
const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed: `errors` lists each field by JSON Pointer (a NUL character included).',
  401: 'No bearer token, or one that is forged, expired or without `exp`.',
  403: "The token's role may not do this, or the resource is another customer's.",
  404: 'The resource named in the path does not exist.',
  409: 'Conflict: a stale version, a duplicate, a reused idempotency key, or the resource is in the wrong state.',
  422: 'A business or legal rule refuses it: `code` names the rule and `rule.source` its legal basis.',
  429: 'Too many requests: a frequency limit; `Retry-After` says when to try again.',
};

const PROBLEMS_EXTENSION = 'x-problems';
const MUTATING = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** RFC 9457 problem details as every service answers them. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', format: 'uri-reference' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    code: { type: 'string', description: 'Stable code to switch on, e.g. `CLAIM.POLICY_NOT_IN_FORCE`.' },
    rule: {
      type: 'object',
      description: 'The rule that refused the request and its legal source, e.g. Insurance Law Art. 16.',
      required: ['id', 'source'],
      properties: {
        id: { type: 'string' },
        source: {
          type: 'string',
          description: 'The source in its registry spelling (stable across languages).',
        },
        citation: { type: 'string', description: 'The source cited in the language of the answer.' },
      },
    },
    instance: { type: 'string' },
    correlationId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['pointer', 'message'],
        properties: {
          pointer: { type: 'string', description: 'JSON Pointer (RFC 6901) into the body or query.' },
          message: { type: 'string' },
          rule: { type: 'string' },
        },
      },
    },
  },
} as const;

/** Every operation answers its texts in the language asked for (Chinese unless English is). */
const ACCEPT_LANGUAGE = {
  name: 'Accept-Language',
  in: 'header',
  required: false,
  description:
    'The language of the texts in the answer (problem titles, details and field messages, notices): `zh-CN` (the default) or `en`; the answer names it in `Content-Language`.',
  schema: { type: 'string', examples: ['zh-CN', 'en-US,en;q=0.9'] },
} as const;

/**
 * Documents an error status a route answers beyond those every route of its kind can (see `completeOpenApiDocument`),
 * e.g. 429 where a frequency limit applies.
 */
export function ApiProblems(...statuses: number[]): MethodDecorator {
  // An extension rather than @ApiResponse, which would suppress the success response swagger infers.
  return ApiExtension(PROBLEMS_EXTENSION, statuses);
}

export interface OpenApiCompletion {
  /** Where the service listens by default, the document's one server. */
  readonly defaultPort: number;
}

/**
 * Turns what @nestjs/swagger builds into the document integrators' tools accept: OpenAPI 3.1 (the schemas come from
 * zod as JSON Schema 2020-12, whose `const`, numeric `exclusiveMinimum` and `propertyNames` are 3.1, not 3.0), a
 * server, and the problem+json answers each operation can give. Which statuses apply follows from how the platform
 * answers: any request can be malformed (400); a secured one unauthenticated or forbidden (401, 403); a path naming a
 * resource not found (404); a change refused as a conflict or by a rule (409, 422). A route adds others with
 * `@ApiProblems`. Operations keep their ids and summaries; a missing summary is the caller's bug, caught by the lint.
 */
export function completeOpenApiDocument(document: OpenAPIObject, options: OpenApiCompletion): OpenAPIObject {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, item] of Object.entries(document.paths)) {
    const completed: Record<string, unknown> = { ...item };
    for (const method of METHODS) {
      const operation = (item as Record<string, unknown>)[method] as OperationLike | undefined;
      if (operation) completed[method] = completeOperation(path, method, operation, document);
    }
    paths[path] = completed;
  }
  return {
    ...document,
    openapi: '3.1.0',
    // `identifier` is 3.1 (an SPDX expression); @nestjs/swagger's types know 3.0 only.
    info: {
      ...document.info,
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' } as never,
    },
    // Relative: the host that serves the document serves the API (each deployment has its own address).
    servers: [{ url: '/', description: `This service (default port ${options.defaultPort})` }],
    paths: paths as OpenAPIObject['paths'],
    components: {
      ...document.components,
      schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA as never },
      parameters: { ...document.components?.parameters, AcceptLanguage: ACCEPT_LANGUAGE as never },
    },
  };
}

interface OperationLike {
  responses?: Record<string, { description?: string; content?: unknown; headers?: unknown }>;
  security?: unknown[];
  [key: string]: unknown;
}

function completeOperation(
  path: string,
  method: string,
  operation: OperationLike,
  document: OpenAPIObject,
): OperationLike {
  const secured = (operation.security ?? document.security ?? []).length > 0;
  const statuses = new Set<number>([400]);
  if (secured) [401, 403].forEach((s) => statuses.add(s));
  if (path.includes('{')) statuses.add(404);
  if (MUTATING.has(method)) [409, 422].forEach((s) => statuses.add(s));
  for (const key of Object.keys(operation.responses ?? {}))
    if (/^4\d\d$/.test(key)) statuses.add(Number(key));
  const { [PROBLEMS_EXTENSION]: extra, ...rest } = operation;
  for (const status of (extra as number[] | undefined) ?? []) statuses.add(status);

  const responses: NonNullable<OperationLike['responses']> = { ...operation.responses };
  for (const status of [...statuses].sort()) {
    const declared = operation.responses?.[String(status)];
    responses[String(status)] = {
      description: declared?.description || PROBLEM_DESCRIPTIONS[status] || 'Error.',
      headers: {
        'Content-Language': {
          description: 'The language of the texts: zh-CN or en.',
          schema: { type: 'string' },
        },
        ...(status === 429 ? { 'Retry-After': { schema: { type: 'integer' } } } : {}),
      },
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  const parameters = [
    ...((rest.parameters as unknown[] | undefined) ?? []),
    { $ref: '#/components/parameters/AcceptLanguage' },
  ];
  return { ...rest, parameters, responses };
}
