import { parserProblemResponse, routingProblem } from './framework-errors';

describe('what Fastify refuses before any route', () => {
  it('answers a path parameter over its limit with 414 problem+json carrying the correlation id', () => {
    const english = { 'accept-language': 'en-GB,en;q=0.9' };
    expect(
      routingProblem(
        { code: 'FST_ERR_MAX_PARAM_LENGTH', statusCode: 414 },
        { id: 'c-1', url: '/claims/xxx', headers: english },
      ),
    ).toEqual({
      type: 'urn:insurer:problem:REQUEST.URI_TOO_LONG',
      title: 'URI Too Long',
      status: 414,
      detail: 'A path parameter is longer than the server accepts.',
      code: 'REQUEST.URI_TOO_LONG',
      instance: '/claims/xxx',
      correlationId: 'c-1',
    });
    // Chinese unless the caller asks for a language we speak.
    expect(
      routingProblem(
        { code: 'FST_ERR_MAX_PARAM_LENGTH', statusCode: 414 },
        { id: 'c-1', url: '/', headers: {} },
      ),
    ).toMatchObject({ title: '请求地址过长', detail: '路径参数超过服务器允许的长度。' });
    expect(routingProblem({ code: 'FST_ERR_BAD_URL' }, { id: 'c-2', url: '/%', headers: {} })).toMatchObject({
      status: 400,
      code: 'REQUEST.BAD_URL',
    });
    expect(
      routingProblem({ code: 'OTHER', statusCode: 400 }, { id: 1, url: '/', headers: english }),
    ).toMatchObject({
      status: 400,
      code: 'REQUEST.INVALID',
      detail: 'The request cannot be routed.',
      correlationId: '1',
    });
  });

  it('writes a 431 and a 408 as raw problem+json responses, and nothing to a reset connection', () => {
    const tooLarge = parserProblemResponse({ code: 'HPE_HEADER_OVERFLOW' }) ?? '';
    expect(tooLarge).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(tooLarge).toContain('Content-Type: application/problem+json');
    const body = JSON.parse(tooLarge.split('\r\n\r\n')[1]);
    expect(body).toMatchObject({ status: 431, code: 'REQUEST.HEADERS_TOO_LARGE', title: '请求头过大' });
    expect(tooLarge).toContain('Content-Language: zh-CN');
    expect(tooLarge).toContain(`Content-Length: ${Buffer.byteLength(tooLarge.split('\r\n\r\n')[1])}`);
    expect(parserProblemResponse({ code: 'ERR_HTTP_REQUEST_TIMEOUT' })).toMatch(/^HTTP\/1\.1 408 /);
    expect(parserProblemResponse({ code: 'HPE_INVALID_METHOD' })).toMatch(/"code":"REQUEST.MALFORMED"/);
    expect(parserProblemResponse({ code: 'ECONNRESET' })).toBeNull();
  });
});
