import { z } from 'zod';

const parsers = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The schema's parser compiled by zod (`z.compile`, once per schema and process): every event, command and request
 * body goes through one. Zod's interpreter walks a schema with code shared by every schema in the process, so on a
 * service's hot path it ran several times slower than alone; the compiled parser is generated for its schema. It
 * answers as the schema does: an input its fast path does not accept goes to zod's own parser, so the errors (and
 * `reportInput`) are the interpreter's. The schema itself is untouched, so JSON Schema and the registry's metadata
 * still read it.
 */
export function compiled<S extends z.ZodType>(schema: S): S {
  let parser = parsers.get(schema);
  if (!parser) {
    parser = z.compile(schema);
    parsers.set(schema, parser);
  }
  return parser as S;
}
