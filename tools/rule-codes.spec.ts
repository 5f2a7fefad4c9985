import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LEGAL_SOURCES, LOCALES, RULE_CODES, RULE_TEXTS, SOURCE_TEXTS, ruleCode } from '@insurer/contracts';
import { TITLED_STATUSES, httpTitle, ruleText, templateArguments } from '@insurer/platform-i18n';
import { repoRoot } from '@insurer/platform-testing';
import { DEFAULT_RULES } from '../apps/compliance-svc/src/monitoring/domain/default-rules';

/** The production sources of the apps and libs: what can throw a refusal or raise an alert. */
function sources(): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'test') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec|fixture|d)\.ts$/.test(entry.name))
        found.push({ path: relative(repoRoot(), path), text: readFileSync(path, 'utf8') });
    }
  };
  walk(join(repoRoot(), 'apps'));
  walk(join(repoRoot(), 'libs'));
  return found;
}

const CODE = /'([A-Z][A-Z0-9_]*\.[A-Z0-9_]+)'/g;
const files = sources();

describe('the rule-code registry (libs/contracts/src/rule-codes.ts)', () => {
  it('gives every code a source, and every legal one a law, an order or an article', () => {
    const entries = Object.entries(RULE_CODES);
    expect(entries.length).toBeGreaterThan(200);
    const unsourced = entries.filter(([, r]) => r.source.trim().length < 5).map(([code]) => code);
    expect(unsourced).toEqual([]);
    const vague = entries
      .filter(([, r]) => r.kind === 'law' && !/Art\.|Arts\.|Order|No\.|〔|Law|犹豫期/.test(r.source))
      .map(([code]) => code);
    expect(vague).toEqual([]);
  });

  it('holds every code the code base throws, rejects or reports', () => {
    const missing = new Set<string>();
    for (const { path, text } of files) {
      if (path.endsWith('rule-codes.ts')) continue;
      for (const [, code] of text.matchAll(CODE)) if (!ruleCode(code!)) missing.add(`${code} (${path})`);
    }
    expect([...missing].sort()).toEqual([]);
  });

  it('holds every resource a not-found refusal names', () => {
    const missing = new Set<string>();
    for (const { text } of files)
      for (const [, resource] of text.matchAll(/new ResourceNotFoundError\('([^']+)'/g)) {
        const code = `${resource!.toUpperCase().replace(/ /g, '_')}.NOT_FOUND`;
        if (!ruleCode(code)) missing.add(code);
      }
    expect([...missing]).toEqual([]);
  });

  it('spells every source written in the code as the registry does', () => {
    const known = new Set([
      ...Object.values(RULE_CODES).map((r) => r.source),
      ...Object.values(LEGAL_SOURCES),
    ]);
    const stray: string[] = [];
    for (const { path, text } of files) {
      if (path.endsWith('rule-codes.ts')) continue;
      for (const [, source] of text.matchAll(/\bsource: '([^']+)'/g))
        if (!known.has(source!)) stray.push(`${path}: ${source}`);
    }
    expect(stray).toEqual([]);
  });

  it('names every compliance rule, with the source its seeded version cites', () => {
    for (const rule of DEFAULT_RULES)
      expect([rule.ruleId, ruleCode(rule.ruleId)?.source]).toEqual([rule.ruleId, rule.source]);
  });

  it('says every code in Chinese and English, asking both languages for the same values', () => {
    const incomplete: string[] = [];
    for (const code of Object.keys(RULE_CODES)) {
      const texts = RULE_TEXTS[code];
      if (!texts) {
        incomplete.push(`${code}: no texts`);
        continue;
      }
      for (const locale of LOCALES) if (!texts[locale]?.trim()) incomplete.push(`${code}: no ${locale} text`);
      // The Chinese text is Chinese, the English one is not.
      if (!/[\u4e00-\u9fff]/.test(texts['zh-CN'])) incomplete.push(`${code}: zh-CN text has no Chinese`);
      if (/[\u4e00-\u9fff]/.test(texts.en)) incomplete.push(`${code}: en text has Chinese`);
      const zh = templateArguments(texts['zh-CN']);
      const en = templateArguments(texts.en);
      if (zh.join() !== en.join()) incomplete.push(`${code}: zh-CN asks ${zh.join()} but en ${en.join()}`);
    }
    expect(incomplete).toEqual([]);
    expect(Object.keys(RULE_TEXTS).filter((code) => !ruleCode(code))).toEqual([]);
  });

  it('formats every text in both languages with the values it asks for', () => {
    for (const [code, texts] of Object.entries(RULE_TEXTS)) {
      const values = Object.fromEntries(templateArguments(texts.en).map((name) => [name, 1]));
      for (const locale of LOCALES) expect(ruleText(code, locale, values)).not.toMatch(/\{|\}|undefined/);
    }
  });

  it('cites every source in Chinese too', () => {
    const sources = new Set([
      ...Object.values(RULE_CODES).map((r) => r.source),
      ...Object.values(LEGAL_SOURCES),
      ...DEFAULT_RULES.map((r) => r.source),
    ]);
    for (const { text } of files)
      for (const [, source] of text.matchAll(/\bsource: '([^']+)'/g)) sources.add(source!);
    const uncited = [...sources].filter((s) => !SOURCE_TEXTS[s] || !/[\u4e00-\u9fff]/.test(SOURCE_TEXTS[s]!));
    expect(uncited).toEqual([]);
  });

  it('titles every status it answers with in both languages', () => {
    for (const status of TITLED_STATUSES) {
      expect(httpTitle(status, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
      expect(httpTitle(status, 'en')).toMatch(/^[A-Z]/);
    }
  });
});
