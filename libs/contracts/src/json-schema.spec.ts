import { incompatibilities } from './json-schema';

const v1 = {
  type: 'object',
  properties: {
    policyId: { type: 'string' },
    kind: { type: 'string', enum: ['a', 'b'] },
    note: { type: 'string' },
  },
  required: ['policyId', 'kind'],
  additionalProperties: false,
};

describe('schema compatibility', () => {
  it('accepts an identical schema and a new optional property', () => {
    expect(incompatibilities(v1, v1)).toEqual([]);
    expect(
      incompatibilities(v1, { ...v1, properties: { ...v1.properties, extra: { type: 'number' } } }),
    ).toEqual([]);
  });

  it('refuses a removed property, a newly required one, a changed type and a changed enum', () => {
    const { note: _note, ...withoutNote } = v1.properties;
    expect(incompatibilities(v1, { ...v1, properties: withoutNote })).toEqual(['/properties/note: removed']);
    expect(incompatibilities(v1, { ...v1, required: ['policyId', 'kind', 'note'] })).toEqual([
      '/properties/note: newly required',
    ]);
    expect(
      incompatibilities(v1, { ...v1, properties: { ...v1.properties, policyId: { type: 'number' } } }),
    ).toEqual(['/properties/policyId/type: changed from "string" to "number"']);
    expect(
      incompatibilities(v1, {
        ...v1,
        properties: { ...v1.properties, kind: { type: 'string', enum: ['a', 'b', 'c'] } },
      }),
    ).toEqual(['/properties/kind/enum: changed']);
  });
});
