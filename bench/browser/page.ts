/**
 * News-like benchmark pages (issue #7): a site header with navigation, an article (its own
 * header with headline and byline, paragraphs with inline links and emphasis, asides with
 * related stories every few paragraphs), and a footer. The visible text adds up to `kb` KB;
 * about two paragraphs in five report one of the dataset's claims (its canonical sentence,
 * attributed to a named person), so a 200 KB page holds a couple of hundred known claims.
 *
 * Deterministic: same dataset, size and seed → same HTML. The page is ours, so HTML built
 * from strings is fine here; every dataset string is escaped anyway.
 */
import type { Dataset } from '../../src/core/model.ts';
import { prng } from '../../src/dataset/synth.ts';

const WORDS = (
  'the a of to in and for on with as at by from that this after before during while officials said ' +
  'government city council market prices week year month report analysts residents company results ' +
  'plan talks meeting statement weekend region river season team school hospital budget data survey ' +
  'project transport housing energy water weather festival museum election campaign court ruling ' +
  'police traffic airport harbour farmers workers students teachers doctors voters investors shares ' +
  'rose fell reached expected announced reported confirmed discussed opened closed delayed approved ' +
  'new local national regional annual early late higher lower steady strong weak major minor ' +
  'morning evening spring summer autumn winter across through between among about around'
).split(' ');
const SECTIONS = 'World Politics Business Economy Science Health Culture Sport Opinion Climate Technology Travel'.split(' ');
const AUTHORS = 'Mara Lindt|Tomas Reyes|Ada Okonjo|Li Wen|Sara Holm|Nils Berg'.split('|');

export interface BenchPage {
  html: string;
  /** Visible text length (characters, all text nodes of body). */
  textChars: number;
  /** Ids of the claims whose sentences the page reports, in order. */
  planted: string[];
  /** Extra paragraphs (HTML-free text) for the mutation scenario, about 2 in 5 reporting a claim. */
  extra: string[];
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Build a page of about `kb` KB of text with claims of `dataset`. */
export function newsPage(dataset: Dataset, kb: number, seed: number, probeScript = '/probe.js'): BenchPage {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const people = dataset.entities.filter((e) => e.kind === 'person');
  const planted: string[] = [];

  const sentence = (): string => {
    const n = 10 + Math.floor(r() * 16);
    const w: string[] = [];
    for (let i = 0; i < n; i++) w.push(pick(WORDS));
    return w[0]!.charAt(0).toUpperCase() + w[0]!.slice(1) + ' ' + w.slice(1).join(' ') + '.';
  };
  const claimSentence = (): string => {
    const c = pick(dataset.claims);
    planted.push(c.id);
    const who = people.length ? pick(people).name : 'An official';
    return `${who} said ${c.text.charAt(0).toLowerCase()}${c.text.slice(1)}`;
  };
  /** A paragraph's plain text: 3–6 sentences, one of them a claim about one time in four. */
  const paragraphText = (): string => {
    const n = 2 + Math.floor(r() * 3);
    const claimAt = r() < 0.4 ? Math.floor(r() * n) : -1;
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(i === claimAt ? claimSentence() : sentence());
    return out.join(' ');
  };
  /** The paragraph as HTML: links and emphasis around a few word runs (0–3), as on real pages. */
  const paragraphHtml = (text: string): string => {
    const words = text.split(' ');
    const wraps = Math.floor(r() * 4);
    const at = new Set<number>();
    for (let i = 0; i < wraps && words.length > 8; i++) at.add(1 + Math.floor(r() * (words.length - 4)));
    const out: string[] = [];
    for (let i = 0; i < words.length; i++) {
      if (at.has(i)) {
        const link = r() < 0.6;
        const inner = esc(words.slice(i, i + 2).join(' '));
        out.push(link ? `<a href="#">${inner}</a>` : `<em>${inner}</em>`);
        i++;
      } else out.push(esc(words[i]!));
    }
    return `<p>${out.join(' ')}</p>`;
  };

  const target = kb * 1024;
  let chars = 0;
  const head: string[] = [];
  head.push('<header class="site"><div class="brand">The Synthetic Herald</div><nav aria-label="Sections"><ul>');
  for (const s of SECTIONS) head.push(`<li><a href="#">${s}</a></li>`);
  head.push('</ul></nav></header>');
  chars += 'The Synthetic Herald'.length + SECTIONS.join('').length;
  const headline = sentence().replace(/\.$/, '');
  const byline = `By ${pick(AUTHORS)}, 30 March 2023`;
  const foot = `<footer><p>© 2023 The Synthetic Herald. All rights reserved.</p><ul>${['About', 'Contact', 'Privacy', 'Terms', 'Advertise', 'Careers'].map((x) => `<li><a href="#">${x}</a></li>`).join('')}</ul></footer>`;
  chars += headline.length + byline.length + 100;

  const body: string[] = [];
  let paras = 0;
  while (chars < target) {
    const text = paragraphText();
    body.push(paragraphHtml(text));
    chars += text.length;
    paras++;
    if (paras % 12 === 0) {
      const items: string[] = [];
      for (let i = 0; i < 4; i++) {
        const t = sentence();
        items.push(`<li><a href="#">${esc(t)}</a></li>`);
        chars += t.length;
      }
      body.push(`<aside><h2>Related</h2><ul>${items.join('')}</ul></aside>`);
      chars += 7;
    }
  }
  const inBody = planted.length;
  const extra: string[] = [];
  for (let i = 0; i < 400; i++) extra.push(paragraphText());
  planted.length = inBody; // the extra paragraphs' claims are not on the page (yet)

  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    `<title>${esc(headline)}</title>` +
    `<script src="${probeScript}"></script>` +
    '<style>body{font:17px/1.55 Georgia,serif;max-width:46rem;margin:0 auto;padding:0 1rem}nav ul,footer ul{display:flex;gap:1rem;list-style:none;padding:0}aside{border-left:3px solid #ccc;padding-left:1rem;font-size:.9em}</style>' +
    '</head><body>' + head.join('') +
    `<main><article><header><h1>${esc(headline)}</h1><p class="byline">${esc(byline)}</p></header>` +
    body.join('\n') +
    '</article></main>' + foot + '</body></html>';
  return { html, textChars: chars, planted, extra };
}
