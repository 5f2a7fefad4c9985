import type { FieldError } from '@insurer/platform-errors';

/**
 * Postgres cannot store a NUL character in text, so a request carrying one would fail deep inside a write with a 500.
 * Found here first, in the body, the query or the path, and answered 400 with the field's pointer.
 */
export function findNulCharacters(request: {
  body?: unknown;
  query?: unknown;
  params?: unknown;
}): FieldError[] {
  const found: FieldError[] = [];
  const walk = (node: unknown, pointer: string) => {
    if (typeof node === 'string') {
      if (node.includes('\u0000'))
        found.push({
          pointer: pointer || '/',
          message: 'must not contain a NUL character',
          rule: 'REQUEST.NUL_CHARACTER',
          params: { in: 'value' },
        });
    } else if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${pointer}/${i}`));
    else if (node !== null && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) {
        if (key.includes('\u0000'))
          found.push({
            pointer,
            message: 'a field name must not contain a NUL character',
            rule: 'REQUEST.NUL_CHARACTER',
            params: { in: 'name' },
          });
        walk(value, `${pointer}/${escapePointer(key)}`);
      }
  };
  walk(request.body, '');
  walk(request.query, '/query');
  walk(request.params, '/path');
  return found;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
