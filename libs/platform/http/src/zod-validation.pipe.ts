import { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { LOCALES, compiled } from '@insurer/contracts';
import { FieldError, RequestValidationError } from '@insurer/platform-errors';
import { issueMessage } from '@insurer/platform-i18n';

/**
 * Turns zod issues into field errors addressed by JSON Pointer, e.g. `/beneficiaries/0/share`, worded in every
 * language the platform speaks (the answer picks one). A refinement naming a registered code keeps it as the rule.
 */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const code = (issue as { params?: { code?: unknown } }).params?.code;
    return {
      pointer: '/' + issue.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/'),
      message: issueMessage(issue, 'en'),
      texts: Object.fromEntries(LOCALES.map((locale) => [locale, issueMessage(issue, locale)])),
      ...(typeof code === 'string' ? { rule: code } : {}),
    };
  });
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  // The input is reported so that each language can say what was received; it is worded, never echoed.
  const result = compiled(schema).safeParse(value, { reportInput: true });
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
