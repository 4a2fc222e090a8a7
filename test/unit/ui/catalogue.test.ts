import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueKeys, catalogueT } from './catalogue.ts';

/** Every source file of the UI and the content script. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe('the string catalogue (extension/_locales/en/messages.json)', () => {
  it('defines every message the pages, the card and the content script ask for by name', () => {
    const keys = new Set(catalogueKeys());
    const used = new Set<string>();
    for (const file of [...sources('src/ui'), ...sources('src/content')]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'(\w+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(40);
    for (const key of used) expect(keys.has(key), key).toBe(true);
  });

  it('substitutes like browser.i18n.getMessage, and fails on an unknown key', () => {
    expect(catalogueT('card_via', 'AP')).toBe('via AP');
    expect(catalogueT('card_pageSpellingBy', ['Myrtychev', 'Mkrtychev', 'US Treasury'])).toBe('This page writes “Myrtychev” where US Treasury writes “Mkrtychev”.');
    expect(() => catalogueT('no_such_message')).toThrow(/no_such_message/);
  });
});
