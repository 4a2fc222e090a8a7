/**
 * The words of a text range, as `TOKEN_PATTERN` (tokenize.ts) finds them, without building a
 * string per word: their offsets and a hash of their characters (FNV-1a over UTF-16 code
 * units, seeded), for a lookup that compares characters in place (`WordTable`).
 *
 * Why hand-written: the pre-scan looks at every word of a page, and `slice().match()` built
 * an array and a fresh string per word, then a Map hashed each string again — most of the
 * spotting time on a 200 KB page (bench/core.bench.ts). This walks the character codes once:
 * a fast path for ASCII (and for the punctuation of U+00A0 and U+2000–U+206F, which is never
 * part of a word); anything else that may belong to a word (an accented letter, a combining
 * mark, a surrogate pair, CJK) hands that word to the regular expression itself, so the rules
 * stay those of `TOKEN_PATTERN`: dotted abbreviations (U.S.), numerals with separators (9,000),
 * inner apostrophes (' and ’). test/unit/core/words.test.ts holds the scanner equal
 * to `text.slice(from, to).match(TOKEN_PATTERN)` on random text rich in those cases.
 */
/**
 * The words of a text, as tokenize.ts reads them. One alternation, tried in order: dotted
 * abbreviations (U.S., U.N.), numerals with thousands separators or decimals, then words with
 * inner apostrophes.
 */
export const TOKEN_PATTERN = /(?:\p{Lu}\.){2,}|\d+(?:[.,]\d+)*|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;

/** Where `scanWords` writes: the words' offsets and hashes (grown as needed). */
export class WordBuffer {
  start = new Int32Array(256);
  end = new Int32Array(256);
  hash = new Int32Array(256);

  grow(): void {
    const size = this.start.length * 2;
    const start = new Int32Array(size);
    start.set(this.start);
    const end = new Int32Array(size);
    end.set(this.end);
    const hash = new Int32Array(size);
    hash.set(this.hash);
    this.start = start;
    this.end = end;
    this.hash = hash;
  }
}

/**
 * FNV-1a's offset basis, drawn once per run: a page cannot choose in advance words whose
 * hashes collide and make every lookup walk a long chain (the Map this replaced had V8's seeded
 * string hash). Only the table's layout depends on it, never a result.
 */
const FNV_OFFSET = (0x811c9dc5 ^ Math.floor(Math.random() * 0x100000000)) | 0;
const FNV_PRIME = 0x01000193;

/** The hash of `text[start, end)`, as `scanWords` gives it. */
export function hashRange(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** The hash of a whole word, as `scanWords` gives it. */
export function wordHash(word: string): number {
  return hashRange(word, 0, word.length);
}

const WORD_RE = new RegExp(TOKEN_PATTERN.source, 'gu');
const SLICE_RE = new RegExp(TOKEN_PATTERN.source, 'gu');
const RIGHT_QUOTE = 0x2019;

/** 1: ASCII letter; 2: ASCII digit; 0: any other ASCII code. */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = 1;
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = 2;

/** Non-ASCII code units that are never part of a word: no-break space, General Punctuation (U+2000–U+206F). */
function outside(c: number): boolean {
  return c === 0xa0 || (c >= 0x2000 && c <= 0x206f);
}

/**
 * The words of `text[from, to)` into `out` (offsets into `text`); returns their count.
 * Exactly the matches of `text.slice(from, to).match(TOKEN_PATTERN)`, in order.
 */
export function scanWords(text: string, from: number, to: number, out: WordBuffer): number {
  let n = 0;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c >= 128) {
      if (outside(c)) {
        i++;
        continue;
      }
      // Maybe a word (or the end of a surrogate pair cut at `from`): the regular expression decides.
      const r = regexWords(text, i, to, out, n);
      if (r < 0) return -r - 1;
      n = r;
      i = WORD_RE.lastIndex;
      continue;
    }
    const k = ASCII_CLASS[c]!;
    if (k === 0) {
      i++;
      continue;
    }
    let j = i + 1;
    let h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
    if (k === 2) {
      // \d+(?:[.,]\d+)*  — ASCII only.
      for (;;) {
        while (j < to && ASCII_CLASS[text.charCodeAt(j)] === 2) h = Math.imul(h ^ text.charCodeAt(j++), FNV_PRIME);
        const s = j < to ? text.charCodeAt(j) : 0;
        if ((s === 46 || s === 44) && j + 1 < to) {
          const d = text.charCodeAt(j + 1);
          if (d >= 48 && d <= 57) {
            h = Math.imul(Math.imul(h ^ s, FNV_PRIME) ^ d, FNV_PRIME);
            j += 2;
            continue;
          }
        }
        break;
      }
    } else {
      if (c <= 90 && j + 1 < to && text.charCodeAt(j) === 46) {
        // (?:\p{Lu}\.){2,} is tried first.
        let e = i;
        let reps = 0;
        while (e + 1 < to && text.charCodeAt(e) >= 65 && text.charCodeAt(e) <= 90 && text.charCodeAt(e + 1) === 46) {
          e += 2;
          reps++;
        }
        if (e < to && text.charCodeAt(e) >= 128 && !outside(text.charCodeAt(e))) {
          // A non-ASCII capital may go on the abbreviation.
          const r = regexWords(text, i, to, out, n);
          if (r < 0) return -r - 1;
          n = r;
          i = WORD_RE.lastIndex;
          continue;
        }
        if (reps >= 2) {
          if (n === out.start.length) out.grow();
          out.start[n] = i;
          out.end[n] = e;
          out.hash[n++] = hashRange(text, i, e);
          i = e;
          continue;
        }
      }
      // [\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*
      let x: number;
      while (j < to && (x = text.charCodeAt(j)) < 128 && ASCII_CLASS[x] !== 0) {
        h = Math.imul(h ^ x, FNV_PRIME);
        j++;
      }
      let hand = false;
      while (j < to) {
        x = text.charCodeAt(j);
        if (x >= 128 && x !== RIGHT_QUOTE) {
          hand = !outside(x);
          break;
        }
        if (x !== 39 && x !== RIGHT_QUOTE) break;
        // An apostrophe: part of the word only if letters follow.
        if (j + 1 >= to) break;
        const y = text.charCodeAt(j + 1);
        if (y >= 128) {
          hand = !outside(y);
          break;
        }
        if (ASCII_CLASS[y] !== 1) break;
        h = Math.imul(Math.imul(h ^ x, FNV_PRIME) ^ y, FNV_PRIME);
        j += 2;
        while (j < to && (x = text.charCodeAt(j)) < 128 && ASCII_CLASS[x] === 1) {
          h = Math.imul(h ^ x, FNV_PRIME);
          j++;
        }
        // A digit after the apostrophe's letters ends the word ([\p{L}\p{M}]+ has no digits).
      }
      if (hand) {
        const r = regexWords(text, i, to, out, n);
        if (r < 0) return -r - 1;
        n = r;
        i = WORD_RE.lastIndex;
        continue;
      }
    }
    if (n === out.start.length) out.grow();
    out.start[n] = i;
    out.end[n] = j;
    out.hash[n++] = h;
    i = j;
  }
  return n;
}

/**
 * The regular expression's next word from `at` (a position between words, or a word's start):
 * appends it and leaves `WORD_RE.lastIndex` after it; returns the new count. When the word
 * would cross `to` (or the engine steps back into a surrogate pair cut at `at`), the rest of
 * the range is matched as a slice, as the slice itself would be: returns −count − 1 (done).
 */
function regexWords(text: string, at: number, to: number, out: WordBuffer, n: number): number {
  WORD_RE.lastIndex = at;
  const m = WORD_RE.exec(text);
  if (m === null || m.index >= to) {
    WORD_RE.lastIndex = to;
    return -n - 1;
  }
  const end = m.index + m[0].length;
  if (m.index < at || end > to) {
    const slice = text.slice(at, to);
    SLICE_RE.lastIndex = 0;
    for (let w = SLICE_RE.exec(slice); w !== null; w = SLICE_RE.exec(slice)) {
      if (n === out.start.length) out.grow();
      out.start[n] = at + w.index;
      out.end[n] = at + w.index + w[0].length;
      out.hash[n++] = wordHash(w[0]);
    }
    return -n - 1;
  }
  if (n === out.start.length) out.grow();
  out.start[n] = m.index;
  out.end[n] = end;
  out.hash[n++] = wordHash(m[0]);
  WORD_RE.lastIndex = end;
  return n;
}

/**
 * Values by word, looked up by a range of a text and its hash (`scanWords`), comparing the
 * characters in place: no string is built for a word already in the table. Open addressing
 * over typed arrays, grown at half full.
 */
export class WordTable<V> {
  /** Slot s: at 2s the entry's hash, at 2s + 1 its number + 1 (0: empty) — one place per probe. */
  private slots = new Int32Array(2 * 1024);
  private mask = 1023;
  /** Per entry: its hash, and its characters' place in `chars` (keyAt[k] … keyAt[k + 1]). */
  private hashes = new Int32Array(512);
  private keyAt = new Int32Array(513);
  private chars = new Uint16Array(4096);
  private readonly values: V[] = [];

  get size(): number {
    return this.values.length;
  }

  /** The value of the word `text[start, end)` whose hash is `hash`, or undefined. */
  get(text: string, start: number, end: number, hash: number): V | undefined {
    const k = this.indexOf(text, start, end, hash);
    return k < 0 ? undefined : this.values[k];
  }

  /**
   * The entry number (0, 1, 2 … in the order added) of the word `text[start, end)` whose hash
   * is `hash`, or -1: for a caller that keeps what it needs per entry in typed arrays of its own.
   */
  indexOf(text: string, start: number, end: number, hash: number): number {
    const { slots, mask, keyAt, chars } = this;
    const len = end - start;
    for (let slot = (hash ^ (hash >>> 15)) & mask; ; slot = (slot + 1) & mask) {
      const k = slots[2 * slot + 1]!;
      if (k === 0) return -1;
      if (slots[2 * slot] !== hash) continue;
      const at = keyAt[k - 1]!;
      if (keyAt[k]! - at !== len) continue;
      let i = 0;
      while (i < len && chars[at + i] === text.charCodeAt(start + i)) i++;
      if (i === len) return k - 1;
    }
  }

  /** The value of entry `k` (see `indexOf`). */
  valueAt(k: number): V {
    return this.values[k]!;
  }

  /** Add `word` (not in the table yet; `hash` = wordHash(word)); returns its entry number. */
  add(word: string, hash: number, value: V): number {
    const k = this.values.length;
    if ((k + 1) * 2 > this.mask + 1) this.resize(2 * (this.mask + 1));
    if (k === this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const keyAt = new Int32Array(this.hashes.length + 1);
      keyAt.set(this.keyAt);
      this.keyAt = keyAt;
    }
    const at = this.keyAt[k]!;
    if (at + word.length > this.chars.length) {
      let size = this.chars.length * 2;
      while (size < at + word.length) size *= 2;
      const chars = new Uint16Array(size);
      chars.set(this.chars.subarray(0, at));
      this.chars = chars;
    }
    for (let i = 0; i < word.length; i++) this.chars[at + i] = word.charCodeAt(i);
    this.keyAt[k + 1] = at + word.length;
    this.values.push(value);
    this.hashes[k] = hash;
    this.place(k);
    return k;
  }

  clear(): void {
    this.values.length = 0;
    this.slots = new Int32Array(2 * 1024);
    this.mask = 1023;
  }

  private place(k: number): void {
    const hash = this.hashes[k]!;
    let slot = (hash ^ (hash >>> 15)) & this.mask;
    while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = k + 1;
  }

  private resize(size: number): void {
    this.slots = new Int32Array(2 * size);
    this.mask = size - 1;
    for (let k = 0; k < this.values.length; k++) this.place(k);
  }
}
