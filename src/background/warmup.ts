/**
 * Warming the matcher up at the worker's start (issue #7).
 *
 * Measured (bench/browser/replay.ts, 200 KB page × 10k claims, same pieces): a service worker
 * that has just started spots a page about 10× slower than once its code is optimised (first
 * replay 190 ms, then 36, then about 16; Node does the same: 250 → 56 → 14). V8 optimises the
 * matcher's hot functions only after they have run on a few hundred K characters; loading
 * the index (what `warm` did alone) runs none of them. So the first pages after every worker
 * start (Chrome stops an idle worker after 30 s) paid for the interpreter.
 *
 * The warm-up spots a generated news-like text made from the index's own words (entity names,
 * the concepts of its claims' views, filler) in small slices, and gives way at once to real
 * work: it is aborted as soon as a page's spot request comes (that request then warms the code
 * itself; the warm-up never delays it by more than one batch).
 *
 * Measured in the same session, load 1.3–2.8 (bench/browser/replay.ts --loads 0; profile.ts
 * --cold): a 200 K warm-up takes 230–260 ms of the new worker's time; the first spot of the
 * 200 KB page after it took 27 and 79 ms against 116 and 190 ms without; on the first page
 * load after install (the page arrives while the warm-up runs, which it then stops), the
 * background's first received → last spotted was 83–161 ms (4 loads) against 156–233 ms.
 * Once the worker has spotted a few pages, its speed equals Node's on the same pieces
 * (about 9 ms for the 200 KB page): there the warm-up changes nothing.
 */
import type { CompiledIndex } from '../core/spot/index.ts';
import { alternatives, claimsOf, viewsOf, type CompiledData } from '../core/spot/compile.ts';

const FILLER = (
  'the officials said on monday that the talks would continue later this week while observers ' +
  'waited for more details about the plan and its cost to the region after a long day of ' +
  'meetings in the capital where reporters asked about the report published earlier by the ministry'
).split(' ');

/** A small deterministic generator (the same text at every start). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A generated text and its block breaks (paragraph ends). */
export interface WarmUpText {
  text: string;
  blockBreaks: number[];
}

/**
 * News-like paragraphs in batches of about `batchChars` characters, `chars` in all (the
 * caller generates and spots one batch at a time, so no long task makes the text): filler
 * sentences, and every third sentence one that names a claim's entities and its first view's
 * concepts (so the candidate and scoring paths run too, not only tokenising). The same text at
 * every start. An index of another shape gives filler only.
 */
export function* warmUpBatches(compiled: CompiledIndex, chars: number, batchChars = 4000): Generator<WarmUpText> {
  const data = compiled as unknown as Partial<CompiledData>;
  const concepts = Array.isArray(data.concepts) ? data.concepts : [];
  const entities = Array.isArray(data.entities) ? data.entities : [];
  const claims = claimsOf(data);
  const r = lcg(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const word = (w: unknown): string => (typeof w === 'string' ? (w.startsWith('~') ? w.slice(1) : w) : '');
  const claimWords = (): string[] => {
    try {
      const c = pick(claims);
      const words: string[] = [];
      for (const e of c.e ?? []) {
        const name = entities[e]?.[1];
        if (typeof name === 'string') words.push(name);
      }
      const view = viewsOf(c)[0];
      for (const g of view?.g ?? []) for (const id of pick(alternatives(g))) words.push(word(concepts[id]));
      return words.filter((w) => w !== '');
    } catch {
      return [];
    }
  };
  let n = 0;
  for (let made = 0; made < chars; ) {
    const paras: string[] = [];
    let size = 0;
    while (size < batchChars && made + size < chars) {
      const sentences: string[] = [];
      for (let k = 2 + Math.floor(r() * 4); k > 0; k--) {
        const words: string[] = [];
        const cw = claims.length > 0 && n++ % 3 === 0 ? claimWords() : [];
        if (cw.length > 0) words.push(cw[0]!, 'said', ...cw.slice(1));
        else for (let w = 10 + Math.floor(r() * 14); w > 0; w--) words.push(concepts.length > 0 && r() < 0.1 ? word(pick(concepts)) || 'the' : pick(FILLER));
        const s = words.join(' ');
        sentences.push(s.charAt(0).toUpperCase() + s.slice(1) + '.');
      }
      const para = sentences.join(' ');
      paras.push(para);
      size += para.length + 1;
    }
    const text = paras.join('\n');
    let at = 0;
    const blockBreaks = paras.map((p) => Math.min((at += p.length + 1), text.length));
    made += text.length;
    yield { text, blockBreaks };
  }
}
