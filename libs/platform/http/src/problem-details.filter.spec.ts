import { Observable, lastValueFrom } from 'rxjs';
import { ArgumentsHost, NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import { AppError } from '@insurer/platform-errors';
import { ProblemDetailsFilter } from './problem-details.filter';
import { parseOrThrow } from './zod-validation.pipe';

/** A minimal stand-in for Fastify's reply that records what the filter sends. */
function capture(exception: unknown, headers: Record<string, string> = { 'accept-language': 'en' }) {
  const sent: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } = {
    headers: {},
  };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(body: Record<string, unknown>) {
      sent.body = body;
      return reply;
    },
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({
      getRequest: () => ({ url: '/claims/1', method: 'POST', id: 'corr-1', headers }),
      getResponse: () => reply,
    }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return sent;
}

describe('ProblemDetailsFilter', () => {
  it('hands a Kafka handler its error back untouched instead of writing an HTTP reply', async () => {
    const error = new AppError('X.Y', 'rule', 'refused');
    const host = { getType: () => 'rpc' } as unknown as ArgumentsHost;
    const result = new ProblemDetailsFilter().catch(error, host);
    await expect(lastValueFrom(result as Observable<never>)).rejects.toBe(error);
  });

  it('names the rule and source from the registry when the refusal names none; a platform code names none', () => {
    const barred = capture(
      new AppError('CLAIM.TIME_BARRED', 'rule', 'time-barred', { params: { years: 5 } }),
    );
    expect(barred.body?.rule).toEqual({
      id: 'CLAIM.TIME_BARRED',
      source: 'Insurance Law Art. 26',
      citation: 'Insurance Law Art. 26',
    });
    const invalid = capture(new AppError('REQUEST.INVALID', 'validation', 'bad'));
    expect(invalid.body).not.toHaveProperty('rule');
  });

  it('maps a rule refusal to 422 with its code, rule and legal source', () => {
    const sent = capture(
      new AppError('SALES.SUITABILITY_MISMATCH', 'rule', 'Product grade R4 is above customer level C2.', {
        rule: { id: 'SUITABILITY.LEVEL', source: 'NFRA Order 2025 No. 7' },
      }),
    );
    expect(sent.status).toBe(422);
    expect(sent.headers['content-type']).toBe('application/problem+json');
    expect(sent.headers['content-language']).toBe('en');
    expect(sent.body).toEqual({
      type: 'urn:insurer:problem:SALES.SUITABILITY_MISMATCH',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'The product is not suitable for this customer. (NFRA Order 2025 No. 7)',
      code: 'SALES.SUITABILITY_MISMATCH',
      rule: { id: 'SUITABILITY.LEVEL', source: 'NFRA Order 2025 No. 7', citation: 'NFRA Order 2025 No. 7' },
      instance: '/claims/1',
      correlationId: 'corr-1',
    });
  });

  it('words the same refusal in Chinese by default and in English when asked, with the values it carries', () => {
    const refusal = () =>
      new AppError(
        'CLAIM.REFUSED',
        'rule',
        'the claim cannot be taken: claims expire 5 years after the event',
        {
          errors: [{ pointer: '/eventDate', message: 'x', rule: 'CLAIM.TIME_BARRED', params: { years: 5 } }],
          rule: { id: 'CLAIM.TIME_BARRED', source: 'Insurance Law Art. 26' },
          reasons: [
            {
              code: 'CLAIM.TIME_BARRED',
              message: 'x',
              source: 'Insurance Law Art. 26',
              params: { years: 5 },
            },
          ],
        },
      );
    const zh = capture(refusal(), {});
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(zh.headers.vary).toBe('Accept-Language');
    expect(zh.body).toMatchObject({
      title: '业务规则不允许',
      detail: '理赔申请不能受理：保险金请求权自保险事故发生之日起5年内不行使而消灭。',
      code: 'CLAIM.REFUSED',
      errors: [
        {
          pointer: '/eventDate',
          message: '保险金请求权自保险事故发生之日起5年内不行使而消灭。',
          rule: 'CLAIM.TIME_BARRED',
        },
      ],
      rule: {
        id: 'CLAIM.TIME_BARRED',
        source: 'Insurance Law Art. 26',
        citation: '《中华人民共和国保险法》第二十六条',
      },
      reasons: [{ code: 'CLAIM.TIME_BARRED', citation: '《中华人民共和国保险法》第二十六条' }],
    });
    const en = capture(refusal(), { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' });
    expect(en.headers['content-language']).toBe('en');
    expect(en.body).toMatchObject({
      title: 'Unprocessable Content',
      detail: 'The claim cannot be taken: Claims expire 5 years after the event.',
      errors: [{ message: 'Claims expire 5 years after the event.' }],
      rule: { citation: 'Insurance Law Art. 26' },
      reasons: [{ message: 'Claims expire 5 years after the event.', citation: 'Insurance Law Art. 26' }],
    });
    expect(en.body?.reasons).toEqual([expect.not.objectContaining({ params: expect.anything() })]);
    // A language we do not speak is answered in Chinese.
    expect(capture(refusal(), { 'accept-language': 'fr-FR' }).headers['content-language']).toBe('zh-CN');
  });

  it.each([
    ['validation', 400],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['rate_limited', 429],
  ] as const)('maps kind %s to %i', (kind, status) => {
    expect(capture(new AppError('X.Y', kind, 'm')).status).toBe(status);
  });

  it('reports validation failures with JSON Pointer field paths', () => {
    const schema = z.object({
      beneficiaries: z.array(z.object({ share: z.number().max(100) })),
      name: z.string(),
    });
    let error: unknown;
    try {
      parseOrThrow(schema, { beneficiaries: [{ share: 50 }, { share: 150 }] });
    } catch (err) {
      error = err;
    }
    const sent = capture(error);
    expect(sent.status).toBe(400);
    const pointers = (sent.body?.errors as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(['/beneficiaries/1/share', '/name']);
    // Each field's message in the caller's language: zod's own wording, Chinese from its zh-CN locale.
    const zh = capture(error, { 'accept-language': 'zh-CN' });
    expect(zh.body).toMatchObject({ title: '请求有误', detail: '请求的格式不符合要求。' });
    expect(zh.body?.errors).toEqual(
      expect.arrayContaining([{ pointer: '/name', message: '无效输入：期望 string，实际接收 undefined' }]),
    );
    expect(sent.body?.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/name', message: 'Invalid input: expected string, received undefined' },
      ]),
    );
  });

  it('keeps Nest HTTP exceptions and Fastify client errors as their status', () => {
    expect(capture(new NotFoundException()).status).toBe(404);
    expect(
      capture(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 })).body,
    ).toMatchObject({
      status: 400,
      detail: 'The request body cannot be read: Body is not valid JSON.',
    });
  });

  it('hides the details of an unexpected error behind a 500', () => {
    const sent = capture(new Error('password=hunter2 in a stack'));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('hunter2');
    expect(sent.body).toMatchObject({ code: 'INTERNAL', correlationId: 'corr-1' });
  });

  it.each([
    [
      'connection refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    [
      'an administrator shutdown (57P01)',
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
    ],
    [
      'the database starting up (57P03)',
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    ],
  ])('answers %s with 503, Retry-After and DATABASE.UNAVAILABLE', (_case, error) => {
    const sent = capture(error);
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('5');
    expect(sent.body).toMatchObject({ code: 'DATABASE.UNAVAILABLE', status: 503, correlationId: 'corr-1' });
  });
});
