/** Build hardening (issue #8): the sink check finds what it must, and the patches apply. */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertNoSinks, noHtmlSinks } from '../../../scripts/build-hardening.ts';

const dirs: string[] = [];
function built(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimlens-sinks-'));
  dirs.push(dir);
  for (const [name, code] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), code);
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('assertNoSinks', () => {
  it.each([
    ['el.innerHTML = s', 'innerHTML'],
    ['a.outerHTML+=b', 'outerHTML'],
    ['n.insertAdjacentHTML("beforeend", s)', 'insertAdjacentHTML'],
    ['document.write(s)', 'document.write'],
    ['new Function("return 1")', 'Function'],
    ['eval(s)', 'eval'],
  ])('fails on %s', (code, what) => {
    expect(() => assertNoSinks(built({ 'assets/x.js': `var a=1;${code};` }))).toThrow(what);
  });
  it('passes reads and look-alikes', () => {
    expect(() => assertNoSinks(built({ 'a.js': 'if (x.innerHTML == y) f(); node.textContent = s; obj.evaluate(1); isFunction(f);' }))).not.toThrow();
  });
});

describe('noHtmlSinks', () => {
  const transform = noHtmlSinks().transform as (code: string, id: string) => { code: string } | null;
  it("replaces Preact's innerHTML assignment and zod's eval probe in the installed versions", () => {
    const root = join(import.meta.dirname, '../../../node_modules');
    for (const id of [join(root, 'preact/dist/preact.mjs'), join(root, 'zod/v4/core/util.js')]) {
      const out = transform(readFileSync(id, 'utf8'), id);
      expect(out, id).not.toBeNull();
      expect(out!.code).not.toMatch(/\.innerHTML=\w+\.__html|new F\(""\)/);
    }
  });
  it('fails loudly when its target is gone (a library update)', () => {
    expect(() => transform('export const x = 1;', '/x/node_modules/preact/dist/preact.mjs')).toThrow(/not found/);
  });
});
