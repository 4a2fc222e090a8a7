// @vitest-environment happy-dom
/**
 * Property-based tests of the claim card (issue #8): whatever strings a dataset carries (HTML,
 * `<script>`, `javascript:` and `data:` URLs, bidi controls, 1 MB quotes, random code units),
 * the card model holds only cleaned, capped text and safe http(s) links, and the rendered card
 * holds no markup from the data: no script, no image, no handler attribute, no link except
 * http(s).
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { MAX_ITEMS, MAX_TEXT, buildClaimCard, safeHttpUrl, type ClaimCardModel } from '../../../src/core/card.ts';
import type { ClaimMatch, Dataset } from '../../../src/core/model.ts';
import { ClaimCard } from '../../../src/ui/card/ClaimCard.tsx';
import { catalogueT } from '../ui/catalogue.ts';
import { cardDataset } from '../core/card-fixture.ts';

const MEGABYTE_QUOTE = 'Russia is offering North Korea food. '.repeat(Math.ceil(1_048_576 / 37));

const HOSTILE_STRINGS = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '"><svg onload=alert(1)>',
  '<style>*{display:none}</style>',
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  '//evil.example/x',
  'http://user:pass@evil.example/',
  'https://exa\u202Emple.com/',
  'https://example.com/\u200Bpath',
  'http://',
  'https:evil.example',
  '\u202Egnp.exe\u202C',
  '\u2066isolated\u2069 text \u200F\u061C',
  '\u0000\u0007\u001B[31mred',
  '\uFEFFzero width\u200B',
  '&lt;b&gt;not bold&lt;/b&gt;',
  '{{constructor.constructor("alert(1)")()}}',
  '__proto__',
  '😀👩🏽‍🚀\uD800',
  'مرحبا',
  MEGABYTE_QUOTE,
];

const hostileString = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('https://ok.example/a?b=c#d', 'http://127.0.0.1:8080/x', null) },
);

/** The card dataset with every display string (and URL) replaced by a random hostile one. */
const hostileDataset: fc.Arbitrary<Dataset> = fc
  .infiniteStream(hostileString)
  .map((stream) => {
    const it = stream[Symbol.iterator]();
    const next = (): string => {
      const v = it.next().value as string | null;
      return v ?? 'x';
    };
    const nextOrNull = (): string | null => (it.next().value as string | null) ?? null;
    const d = cardDataset();
    d.name = next();
    d.version = next();
    for (const c of d.claims) {
      c.text = next();
      c.topic = next();
    }
    for (const e of d.entities) {
      e.name = next();
      for (const a of e.aliases) a.name = next();
      for (const r of e.roles) r.title = next();
    }
    for (const s of d.sources) {
      s.outlet = next();
      s.title = nextOrNull();
      s.author = nextOrNull();
      s.url = nextOrNull();
    }
    for (const s of d.statements) {
      s.quote = next();
      s.rating = nextOrNull();
    }
    return d;
  });

const pageMatch = (claimId: string, speaker: string): ClaimMatch => ({
  claimId, start: 0, end: 1, sentenceStart: 0, sentenceEnd: 1, score: 1, stance: 'attributes', speaker, speakerId: 'john-kirby',
  discrepancies: [{ kind: 'spelling', found: speaker, expected: speaker, authority: speaker, message: speaker }],
});

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;
/** Keys whose values are identifiers or URLs, not display text. */
const NOT_DISPLAY = new Set(['id', 'claimId', 'entityId', 'url', 'stance', 'kind', 'relation', 'published', 'date', 'roleAsOf', 'firstReported']);

/** Every display string in the model, with its path. */
function displayStrings(v: unknown, path = '', out: [string, string][] = []): [string, string][] {
  if (typeof v === 'string') out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => displayStrings(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) if (!NOT_DISPLAY.has(k)) displayStrings(x, `${path}.${k}`, out);
  }
  return out;
}

function urls(v: unknown, out: (string | null)[] = []): (string | null)[] {
  if (Array.isArray(v)) v.forEach((x) => urls(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'url') out.push(x as string | null);
      else urls(x, out);
    }
  }
  return out;
}

let root: HTMLElement | null = null;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = null;
});

describe('card model properties', () => {
  it('holds only cleaned text capped at MAX_TEXT, capped lists, and safe http(s) URLs or null', () => {
    fc.assert(
      fc.property(hostileDataset, hostileString, (d, speaker) => {
        for (const c of d.claims) {
          const model = buildClaimCard(d, c.id, pageMatch(c.id, speaker ?? 'x'));
          expect(model).not.toBeNull();
          for (const [path, s] of displayStrings(model)) {
            if (UNSAFE.test(s)) throw new Error(`${path} holds a control character: ${JSON.stringify(s.slice(0, 80))}`);
            if (s.length > MAX_TEXT) throw new Error(`${path} is ${s.length} characters long (cap ${MAX_TEXT})`);
            if (/[\uD800-\uDBFF]$/.test(s)) throw new Error(`${path} ends inside a surrogate pair`);
          }
          for (const u of urls(model)) {
            if (u === null) continue;
            expect(u).toMatch(/^https?:\/\/[^\s/]+/);
            expect(safeHttpUrl(u)).toBe(u);
          }
          for (const list of [model!.saidBy, model!.reportedBy, model!.deniedBy, model!.discrepancies, model!.related]) {
            expect(list.items.length).toBeLessThanOrEqual(MAX_ITEMS);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('safeHttpUrl refuses every non-http(s), credentialed or disguised URL and keeps well-formed ones', () => {
    for (const bad of HOSTILE_STRINGS) expect(safeHttpUrl(bad)).toBeNull();
    expect(safeHttpUrl('https://ok.example/a?b=c#d')).toBe('https://ok.example/a?b=c#d');
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https'] }), (u) => {
        const safe = safeHttpUrl(u);
        if (safe !== null) expect(new URL(safe).protocol).toMatch(/^https?:$/);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (u) => {
        const safe = safeHttpUrl(u);
        if (safe !== null) expect(new URL(safe).protocol).toMatch(/^https?:$/);
      }),
    );
  });
});

describe('rendered card properties', () => {
  it('renders dataset strings as inert text: no element, attribute or link comes from the data', () => {
    fc.assert(
      fc.property(hostileDataset, (d) => {
        const models = d.claims.map((c) => buildClaimCard(d, c.id, pageMatch(c.id, 'x'))!) as ClaimCardModel[];
        root = document.createElement('div');
        document.body.append(root);
        act(() => {
          render(<ClaimCard models={models} pinned={false} onPin={() => {}} onClose={() => {}} t={catalogueT} />, root!);
        });
        const all = [...root.querySelectorAll('*')];
        expect(all.length).toBeGreaterThan(0);
        for (const el of all) {
          const tag = el.tagName.toLowerCase();
          expect(['script', 'style', 'img', 'iframe', 'object', 'embed', 'link', 'meta', 'form', 'input', 'foreignobject']).not.toContain(tag);
          for (const attr of el.getAttributeNames()) {
            expect(attr.startsWith('on')).toBe(false);
            if (attr === 'href' || attr === 'src' || attr === 'xlink:href' || attr === 'action') {
              expect(tag).toBe('a');
              expect(safeHttpUrl(el.getAttribute(attr))).toBe(el.getAttribute(attr));
            }
          }
        }
        for (const a of root.querySelectorAll('a')) {
          expect(a.getAttribute('rel')).toBe('noopener noreferrer');
          expect(a.getAttribute('href')).toMatch(/^https?:\/\//);
        }
        // Capped: a 1 MB quote never reaches the page whole.
        expect(root.textContent!.length).toBeLessThan(200_000);
        render(null, root);
        root.remove();
        root = null;
      }),
      { numRuns: 30 },
    );
  });
});
