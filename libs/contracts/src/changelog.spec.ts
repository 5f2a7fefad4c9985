import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_DEFINITIONS, EVENT_DEFINITIONS } from './registry';
import { registryKey } from './define';

/** The package's version and changelog say what it carries: a type added without a changelog entry fails here. */
describe('the contracts package changelog', () => {
  const changelog = readFileSync(join(__dirname, '..', 'CHANGELOG.md'), 'utf8');
  const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const releases = [...changelog.matchAll(/^## (\d+\.\d+\.\d+) \(\d{4}-\d{2}-\d{2}\)$/gm)].map((m) => m[1]);
  // The newest release that lists what it carries (a release changing no event or command need not repeat the list).
  const newestCarries = changelog.slice(changelog.indexOf('Carries:')).split(/^## /m)[0] ?? '';

  it('heads with the version in package.json, releases newest first', () => {
    expect(releases[0]).toBe(version);
    const ordered = [...releases].sort((a, b) => b!.localeCompare(a!, 'en', { numeric: true }));
    expect(releases).toEqual(ordered);
  });

  it('lists in the newest Carries every event and command type@version the registry holds, and no other', () => {
    const carries = newestCarries;
    const listed = new Set([...carries.matchAll(/`([a-z]+\.[a-z0-9-]+@\d+)`/g)].map((m) => m[1]));
    const registered = new Set([...EVENT_DEFINITIONS, ...COMMAND_DEFINITIONS].map(registryKey));
    expect([...registered].filter((k) => !listed.has(k))).toEqual([]);
    expect([...listed].filter((k) => !registered.has(k!))).toEqual([]);
  });
});
