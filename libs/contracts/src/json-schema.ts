import { z } from 'zod';
import type { CommandDefinition, EventDefinition } from './define';

export type JsonSchema = Record<string, unknown>;

/** The JSON Schema (draft 2020-12) of a definition's payload, generated from its zod schema. */
export function payloadJsonSchema(def: EventDefinition | CommandDefinition): JsonSchema {
  const schema = z.toJSONSchema(def.payload, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
  });
  delete (schema as JsonSchema).$schema;
  return schema as JsonSchema;
}

/**
 * Differences that break a consumer or a replay: a property removed or changed, a property newly required, an enum
 * value removed or added (old consumers would refuse it), a type changed. New optional properties are compatible.
 * Returns the problems as JSON Pointers with a reason; empty means compatible.
 */
export function incompatibilities(before: unknown, after: unknown, path = ''): string[] {
  if (!isObject(before) || !isObject(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [`${path || '/'}: changed`];
  }
  const problems: string[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (key === 'properties' || key === 'required' || key === 'description' || key === 'additionalProperties')
      continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      if (isObject(before[key]) && isObject(after[key])) {
        problems.push(...incompatibilities(before[key], after[key], `${path}/${key}`));
      } else if (Array.isArray(before[key]) && Array.isArray(after[key])) {
        const b = before[key] as unknown[];
        const a = after[key] as unknown[];
        if (b.length !== a.length) problems.push(`${path}/${key}: changed`);
        else b.forEach((item, i) => problems.push(...incompatibilities(item, a[i], `${path}/${key}/${i}`)));
      } else {
        problems.push(
          `${path}/${key}: changed from ${JSON.stringify(before[key])} to ${JSON.stringify(after[key])}`,
        );
      }
    }
  }
  const beforeProps = isObject(before.properties) ? before.properties : {};
  const afterProps = isObject(after.properties) ? after.properties : {};
  const beforeRequired = new Set(Array.isArray(before.required) ? (before.required as string[]) : []);
  const afterRequired = Array.isArray(after.required) ? (after.required as string[]) : [];
  for (const [name, schema] of Object.entries(beforeProps)) {
    if (!(name in afterProps)) problems.push(`${path}/properties/${name}: removed`);
    else problems.push(...incompatibilities(schema, afterProps[name], `${path}/properties/${name}`));
  }
  for (const name of afterRequired) {
    if (!beforeRequired.has(name)) problems.push(`${path}/properties/${name}: newly required`);
  }
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
