import { Observable, lastValueFrom } from 'rxjs';
import { ArgumentsHost, NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import { AppError } from '@insurer/platform-errors';
import { ProblemDetailsFilter } from './problem-details.filter';
import { parseOrThrow } from './zod-validation.pipe';

/** A minimal stand-in for Fastify's reply that records what the filter sends. */
function capture(exception: unknown) {
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
      getRequest: () => ({ url: '/claims/1', method: 'POST', id: 'corr-1' }),
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
    const barred = capture(new AppError('CLAIM.TIME_BARRED', 'rule', 'time-barred'));
    expect(barred.body?.rule).toEqual({ id: 'CLAIM.TIME_BARRED', source: 'Insurance Law Art. 26' });
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
    expect(sent.body).toEqual({
      type: 'urn:insurer:problem:SALES.SUITABILITY_MISMATCH',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'Product grade R4 is above customer level C2.',
      code: 'SALES.SUITABILITY_MISMATCH',
      rule: { id: 'SUITABILITY.LEVEL', source: 'NFRA Order 2025 No. 7' },
      instance: '/claims/1',
      correlationId: 'corr-1',
    });
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
  });

  it('keeps Nest HTTP exceptions and Fastify client errors as their status', () => {
    expect(capture(new NotFoundException()).status).toBe(404);
    expect(
      capture(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 })).body,
    ).toMatchObject({
      status: 400,
      detail: 'Body is not valid JSON',
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
