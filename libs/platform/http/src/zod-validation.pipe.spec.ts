import { z } from 'zod';
import { compiled } from '@insurer/contracts';
import { RequestValidationError } from '@insurer/platform-errors';
import { ZodValidationPipe } from './zod-validation.pipe';

/** The constructs the services' request bodies and queries are made of, in one schema. */
const Payment = { paidOn: z.iso.date().optional(), reference: z.string().min(1).optional() };
const Body = z
  .strictObject({
    id: z.uuid(),
    amountFen: z.number().int().positive(),
    year: z.coerce.number().int().min(2000).max(2100),
    tags: z
      .string()
      .transform((s) => s.split(','))
      .pipe(z.array(z.enum(['a', 'b']))),
    kind: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('address'), city: z.string().max(10) }),
      z.strictObject({ kind: z.literal('term'), years: z.number().int().default(10) }),
    ]),
    share: z.union([z.number().min(0).max(1), z.literal('equal')]).default('equal'),
    note: z.string().trim().max(5).nullable().optional(),
    ...Payment,
  })
  .refine((b) => b.amountFen < 1_000_000, { message: 'too much', params: { code: 'RULE.TOO_MUCH' } })
  .superRefine((b, ctx) => {
    if ((b.paidOn === undefined) !== (b.reference === undefined))
      ctx.addIssue({ code: 'custom', message: 'both or neither', path: ['reference'] });
  });

const valid = {
  id: '7d1c1f0e-6a57-4a43-9a8e-3f7f2a4a3b11',
  amountFen: 500,
  year: '2026',
  tags: 'a,b',
  kind: { kind: 'term' },
  note: ' hi ',
};

const inputs: unknown[] = [
  valid,
  { ...valid, paidOn: '2026-02-01', reference: 'r1' },
  { ...valid, paidOn: '2026-02-30', reference: 'r1' },
  { ...valid, paidOn: '2026-02-01' },
  { ...valid, amountFen: 2_000_000 },
  { ...valid, amountFen: 1.5 },
  { ...valid, year: 'soon' },
  { ...valid, year: 1999 },
  { ...valid, tags: 'a,c' },
  { ...valid, kind: { kind: 'address', city: 'x'.repeat(11) } },
  { ...valid, kind: { kind: 'other' } },
  { ...valid, share: 2 },
  { ...valid, share: 0.5 },
  { ...valid, note: 'too long here' },
  { ...valid, note: null },
  { ...valid, extra: true },
  { ...valid, id: 'nope' },
  null,
  [],
  'text',
];

describe('ZodValidationPipe', () => {
  it('answers with its schema’s compiled parser exactly as the schema does', () => {
    const pipe = new ZodValidationPipe(Body);
    const parse = jest.spyOn(compiled(Body), 'safeParse');
    try {
      for (const input of inputs) {
        const expected = Body.safeParse(input, { reportInput: true });
        let answer: unknown;
        try {
          answer = pipe.transform(input);
        } catch (err) {
          expect(err).toBeInstanceOf(RequestValidationError);
          answer = err;
        }
        if (expected.success) expect(answer).toEqual(expected.data);
        else
          expect(
            (answer as RequestValidationError).errors.map((e) => [e.pointer, e.message, e.rule]),
          ).toEqual(
            expected.error.issues.map((i) => [
              `/${i.path.join('/')}`,
              expect.any(String),
              (i as { params?: { code?: string } }).params?.code,
            ]),
          );
      }
      expect(parse).toHaveBeenCalledTimes(inputs.length);
    } finally {
      jest.restoreAllMocks();
    }
  });
});
