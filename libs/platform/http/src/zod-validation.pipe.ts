import { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { FieldError, RequestValidationError } from '@insurer/platform-errors';

/** Turns zod issues into field errors addressed by JSON Pointer, e.g. `/beneficiaries/0/share`. */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    pointer: '/' + issue.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/'),
    message: issue.message,
  }));
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new RequestValidationError(toFieldErrors(result.error));
  return result.data;
}

/** `@Body(new ZodValidationPipe(schema))`: the handler receives the parsed, typed value or the caller gets a 400. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    return parseOrThrow(this.schema, value);
  }
}

/** `@Param('id', uuidParam)`: a path id that is not a UUID is a 400 with its pointer, never a database error. */
export const uuidParam = new ZodValidationPipe(z.uuid());
