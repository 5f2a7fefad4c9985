import type { OpenAPIObject } from '@nestjs/swagger';
import { completeOpenApiDocument } from './openapi-document';

const base = (paths: OpenAPIObject['paths']): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 'svc', version: '1.0.0' },
  servers: [],
  paths,
  components: { schemas: {} },
});

const problems = (doc: OpenAPIObject, path: string, method: 'get' | 'post') =>
  Object.keys(doc.paths[path]![method]!.responses!).filter((s) => s.startsWith('4'));

describe('completeOpenApiDocument', () => {
  const secured = [{ bearer: [] }];
  const doc = completeOpenApiDocument(
    base({
      '/things': {
        get: {
          operationId: 'list',
          summary: 'List',
          security: secured,
          responses: { 200: { description: '' } },
        },
        post: {
          operationId: 'create',
          summary: 'Create',
          security: secured,
          responses: { 201: { description: '' } },
        },
      },
      '/things/{id}': {
        get: {
          operationId: 'one',
          summary: 'One',
          security: secured,
          responses: { 200: { description: '' } },
        },
      },
      '/public': { get: { operationId: 'open', summary: 'Open', responses: { 200: { description: '' } } } },
      '/codes': {
        post: {
          operationId: 'code',
          summary: 'Code',
          'x-problems': [429],
          responses: { 201: { description: '' } },
        } as never,
      },
    }),
    { defaultPort: 3001 },
  );

  it('declares OpenAPI 3.1 (the zod schemas are JSON Schema 2020-12) with a server and a license', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/', description: expect.stringContaining('3001') }]);
    expect(doc.info.license?.name).toBe('Proprietary');
  });

  it('documents the problem+json answers each kind of operation can give', () => {
    expect(problems(doc, '/public', 'get')).toEqual(['400']);
    expect(problems(doc, '/things', 'get')).toEqual(['400', '401', '403']);
    expect(problems(doc, '/things/{id}', 'get')).toEqual(['400', '401', '403', '404']);
    expect(problems(doc, '/things', 'post')).toEqual(['400', '401', '403', '409', '422']);
    expect(doc.paths['/things']!.get!.responses![403]).toEqual({
      description: expect.stringContaining('role'),
      headers: { 'Content-Language': expect.objectContaining({ schema: { type: 'string' } }) },
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    // Every operation takes Accept-Language: the language of its texts.
    expect(doc.paths['/things']!.get!.parameters).toContainEqual({
      $ref: '#/components/parameters/AcceptLanguage',
    });
    expect(doc.components?.parameters?.AcceptLanguage).toMatchObject({
      in: 'header',
      name: 'Accept-Language',
    });
    expect(doc.components?.schemas?.['Problem']).toMatchObject({
      required: ['type', 'title', 'status', 'code'],
    });
  });

  it('adds what a route declares with @ApiProblems, with Retry-After on 429, and drops the marker', () => {
    const op = doc.paths['/codes']!.post!;
    expect(problems(doc, '/codes', 'post')).toEqual(['400', '409', '422', '429']);
    expect(op.responses![429]).toMatchObject({ headers: { 'Retry-After': expect.any(Object) } });
    expect(op).not.toHaveProperty('x-problems');
    expect(op.responses![201]).toEqual({ description: '' });
  });
});
