/**
 * Build hardening (issue #8: `web-ext lint` with zero warnings, and no HTML sink or string
 * evaluation anywhere in the extension).
 *
 * Two pieces of library code we never use would otherwise ship:
 * - Preact's `dangerouslySetInnerHTML` branch (`el.innerHTML = props.dangerouslySetInnerHTML.__html`).
 *   We never use the prop (ESLint forbids it in src/), but the branch makes the bundles hold
 *   an `innerHTML` sink (web-ext: UNSAFE_VAR_ASSIGNMENT). `noHtmlSinks()` replaces the
 *   assignment with a throw: were the prop ever used, rendering fails loudly instead of
 *   parsing dataset text as HTML. Defence in depth: after this, no HTML sink exists in the
 *   extension at all, and `assertNoSinks` fails the build if one comes back.
 * - zod 4's `allowsEval` probe (`new Function("")`, web-ext: DANGEROUS_EVAL), which decides
 *   whether zod compiles its parsers with `new Function`. In an extension the answer is always
 *   no: the MV3 extension CSP forbids `unsafe-eval`, so the probe throws (Chrome also files a
 *   CSP violation report for it) and zod runs its interpreted parsers anyway. `noHtmlSinks()`
 *   makes the probe answer "no" without trying: the same parsers as before, minus the eval
 *   attempt. (zod/mini would not help: the probe sits in zod's core, which both share.)
 *
 * Each replacement must find its target: a Preact or zod update that changes the code fails
 * the build here rather than shipping the sink silently.
 */
import type { Plugin } from 'vite';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

interface Patch {
  /** Which module (its resolved id). */
  id: RegExp;
  what: string;
  find: RegExp;
  replace: string;
}

const PATCHES: Patch[] = [
  {
    id: /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.m?js$/,
    what: "Preact's dangerouslySetInnerHTML assignment",
    // `(t.innerHTML=h.__html)` in Preact 10/11's minified diff().
    find: /\((\w+)\.innerHTML=(\w+)\.__html\)/g,
    replace: '(()=>{throw new Error("claimlens: dangerouslySetInnerHTML is disabled in this build")})()',
  },
  {
    id: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/,
    what: "zod's new Function probe (allowsEval)",
    find: /const F = Function;\s*new F\(""\);\s*return true;/g,
    replace: 'return false; // extension CSP: no eval (scripts/build-hardening.ts)',
  },
];

/** The Vite plugin: applies PATCHES, and fails when a patch's module is bundled but its target is gone. */
export function noHtmlSinks(): Plugin {
  return {
    name: 'claimlens-no-html-sinks',
    enforce: 'pre',
    transform(code, id) {
      let out = code;
      for (const p of PATCHES) {
        if (!p.id.test(id)) continue;
        const next = out.replace(p.find, p.replace);
        if (next === out) throw new Error(`build hardening: ${p.what} not found in ${id} (library updated? update scripts/build-hardening.ts)`);
        out = next;
      }
      return out === code ? null : { code: out, map: null };
    },
  };
}

/** HTML sinks and string evaluation that must never appear in a shipped script. */
const FORBIDDEN: [RegExp, string][] = [
  [/\.(?:innerHTML|outerHTML)\s*(?:\+?=)(?!=)/, 'innerHTML/outerHTML assignment'],
  [/\.insertAdjacentHTML\s*\(/, 'insertAdjacentHTML'],
  [/\bdocument\.write(?:ln)?\s*\(/, 'document.write'],
  [/\bcreateContextualFragment\s*\(/, 'createContextualFragment'],
  [/(?<![\w$.])(?:new\s+)?Function\s*\(\s*[`'"]/, 'Function constructor'],
  [/(?<![\w$.])eval\s*\(/, 'eval'],
];

/** Every .js file under `dir`. */
function scripts(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? scripts(p) : p.endsWith('.js') ? [p] : [];
  });
}

/** Fail when a built script holds an HTML sink or string evaluation (see FORBIDDEN). */
export function assertNoSinks(dir: string): void {
  const found: string[] = [];
  for (const file of scripts(dir)) {
    const code = readFileSync(file, 'utf8');
    for (const [re, what] of FORBIDDEN) {
      const m = re.exec(code);
      if (m) found.push(`${relative(dir, file)}: ${what} near «${code.slice(Math.max(0, m.index - 40), m.index + 40)}»`);
    }
  }
  if (found.length) throw new Error(`built scripts hold HTML sinks or eval (issue #8):\n  ${found.join('\n  ')}`);
}
