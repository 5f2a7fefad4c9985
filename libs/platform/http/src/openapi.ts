import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, DECORATORS } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

/** The request schema in OpenAPI comes from the same zod schema that validates it, so the two cannot drift. */
export function openApiSchema(schema: z.ZodType): SchemaObject {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return json as SchemaObject;
}

export function ApiZodBody(schema: z.ZodType, description?: string): MethodDecorator {
  return applyDecorators(ApiBody({ schema: openApiSchema(schema), description }));
}

/** Documents each property of an object schema as a query parameter. */
export function ApiZodQuery(schema: z.ZodObject): MethodDecorator {
  return applyDecorators(
    ...Object.entries(schema.shape).map(([name, field]) =>
      ApiQuery({
        name,
        required: !(field as z.ZodType).safeParse(undefined).success,
        schema: openApiSchema(field as z.ZodType),
      }),
    ),
  );
}

/**
 * Pins a route's OpenAPI operationId without touching its summary (`@ApiOperation` would add an empty one): a route
 * moved to another controller keeps the id clients generated from the document know it by.
 */
export function ApiOperationId(operationId: string): MethodDecorator {
  return (_target, _key, descriptor) => {
    const previous = Reflect.getMetadata(DECORATORS.API_OPERATION, descriptor.value as object) as
      object | undefined;
    Reflect.defineMetadata(
      DECORATORS.API_OPERATION,
      { ...previous, operationId },
      descriptor.value as object,
    );
    return descriptor;
  };
}
