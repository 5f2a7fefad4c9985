import { existsSync, readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import {
  COMMAND_DEFINITIONS,
  EVENT_DEFINITIONS,
  incompatibilities,
  payloadJsonSchema,
  registryKey,
} from '@insurer/contracts';
import { ASYNCAPI_FILE, renderAsyncApi, snapshotPath } from './generate-contracts';

/** The build fails when a published schema changes incompatibly, or when the generated documents are stale. */
describe('published contracts', () => {
  it.each([...EVENT_DEFINITIONS, ...COMMAND_DEFINITIONS].map((d) => [registryKey(d), d] as const))(
    '%s has a committed JSON Schema that the current schema is compatible with',
    (key, def) => {
      const path = snapshotPath(key);
      expect(existsSync(path)).toBe(true);
      expect(incompatibilities(JSON.parse(readFileSync(path, 'utf8')), payloadJsonSchema(def))).toEqual([]);
    },
  );

  it('docs/asyncapi.yaml is what the registry generates (run npm run contracts:generate)', () => {
    expect(readFileSync(ASYNCAPI_FILE, 'utf8')).toBe(renderAsyncApi());
  });

  it('docs/asyncapi.yaml is a valid AsyncAPI 3.0 document', async () => {
    const { document, diagnostics } = await new Parser().parse(readFileSync(ASYNCAPI_FILE, 'utf8'));
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
    expect(document?.channels().get('claims_commands_v1')?.address()).toBe('claims.commands.v1');
    expect(document?.messages().length).toBe(EVENT_DEFINITIONS.length + COMMAND_DEFINITIONS.length);
  }, 60_000);
});
