/**
 * The words of a text range, as `TOKEN_PATTERN` (tokenize.ts) finds them, without building a
 * string per word: their offsets and a key of their characters (`wordKey`), for a lookup that
 * needs no string (`WordTable`). A word of at most 8 ASCII characters — most words of a page —
 * is its key: its characters packed 7 bits each into two integers, so the table compares two
 * integers, not characters; any other word has a hash key and is compared character by character.
 *
 * Why hand-written: the pre-scan looks at every word of a page, and `slice().match()` built
 * an array and a fresh string per word, then a Map hashed each string again — most of the
 * spotting time on a 200 KB page (bench/core.bench.ts). This walks the character codes once:
 * a fast path for ASCII (and for the punctuation of U+00A0 and U+2000–U+206F, which is never
 * part of a word); anything else that may belong to a word (an accented letter, a combining
 * mark, a surrogate pair, CJK) hands that word to the regular expression itself, so the rules
 * stay those of `TOKEN_PATTERN`: dotted abbreviations (U.S.), numerals with separators (9,000),
 * inner apostrophes (' and ’). test/unit/core/words.test.ts holds the scanner equal
 * to `text.slice(from, to).match(TOKEN_PATTERN)` on random text rich in those cases, and each
 * word's key equal to `wordKey` of its characters, whichever path found it.
 */
/**
 * The words of a text, as tokenize.ts reads them. One alternation, tried in order: dotted
 * abbreviations (U.S., U.N.), numerals with thousands separators or decimals, then words with
 * inner apostrophes.
 */
export const TOKEN_PATTERN = /(?:\p{Lu}\.){2,}|\d+(?:[.,]\d+)*|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;

/** Where `scanWords` writes: the words' offsets and keys (`wordKey`; grown as needed). */
export class WordBuffer {
  start = new Int32Array(256);
  end = new Int32Array(256);
  key0 = new Int32Array(256);
  key1 = new Int32Array(256);

  grow(): void {
    const size = this.start.length * 2;
    const grown = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.start = grown(this.start);
    this.end = grown(this.end);
    this.key0 = grown(this.key0);
    this.key1 = grown(this.key1);
  }
}

/**
 * FNV-1a's offset basis, drawn once per run, for the hash keys (words longer than 8 ASCII
 * characters, or not ASCII), and the seed of `WordTable`'s slots: a page cannot choose in
 * advance words whose keys collide and make every lookup walk a long chain (the Map this
 * replaced had V8's seeded string hash). Only the table's layout depends on them, never a result.
 */
const FNV_OFFSET = (0x811c9dc5 ^ Math.floor(Math.random() * 0x100000000)) | 0;
const FNV_PRIME = 0x01000193;
const SLOT_SEED = Math.floor(Math.random() * 0x100000000) | 1;
/** The sign bit: set in key1 of a word whose key is a hash (its characters must be compared). */
const HASHED = 0x80000000 | 0;

/**
 * The key of the word `text[start, end)`, into `out.key0[n]`, `out.key1[n]`:
 * - every code unit < 128 and at most 8 of them: key0 = the first four packed 7 bits each
 *   (c0 << 21 | c1 << 14 | c2 << 7 | c3; fewer for a shorter word), key1 = the next four
 *   packed the same way (0 for none) — with the word's length, the word itself, key1 ≥ 0;
 * - longer, every code unit < 128: key0 packed as above, key1 = FNV-1a of the rest with the
 *   sign bit set (< 0: compare the characters);
 * - any code unit ≥ 128: key0 = FNV-1a of the whole word, key1 = −1.
 */
export function wordKey(text: string, start: number, end: number, out: WordBuffer, n: number): void {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) >= 128) {
      ascii = false;
      break;
    }
  }
  if (!ascii) {
    out.key0[n] = hashRange(text, start, end);
    out.key1[n] = -1;
    return;
  }
  const mid = Math.min(end, start + 4);
  let k0 = 0;
  for (let i = start; i < mid; i++) k0 = (k0 << 7) | text.charCodeAt(i);
  let k1: number;
  if (end - start <= 8) {
    k1 = 0;
    for (let i = mid; i < end; i++) k1 = (k1 << 7) | text.charCodeAt(i);
  } else k1 = hashRange(text, mid, end) | HASHED;
  out.key0[n] = k0;
  out.key1[n] = k1;
}

/** FNV-1a (seeded) of `text[start, end)`. */
function hashRange(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Append the word `text[start, end)` with its key. */
function push(text: string, start: number, end: number, out: WordBuffer, n: number): void {
  if (n === out.start.length) out.grow();
  out.start[n] = start;
  out.end[n] = end;
  wordKey(text, start, end, out, n);
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
    if (k === 2) {
      // \d+(?:[.,]\d+)*  — ASCII only.
      for (;;) {
        while (j < to && ASCII_CLASS[text.charCodeAt(j)] === 2) j++;
        const s = j < to ? text.charCodeAt(j) : 0;
        if ((s === 46 || s === 44) && j + 1 < to) {
          const d = text.charCodeAt(j + 1);
          if (d >= 48 && d <= 57) {
            j += 2;
            continue;
          }
        }
        break;
      }
      push(text, i, j, out, n++);
      i = j;
      continue;
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
          push(text, i, e, out, n++);
          i = e;
          continue;
        }
      }
      // [\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*
      // The key packed on the way (`wordKey`; valid while the word has at most 8 characters,
      // else, or when an apostrophe goes on, made again from the whole word).
      let x: number;
      let k0 = c;
      let k1 = 0;
      while (j < to && (x = text.charCodeAt(j)) < 128 && ASCII_CLASS[x] !== 0) {
        if (j - i < 4) k0 = (k0 << 7) | x;
        else k1 = (k1 << 7) | x;
        j++;
      }
      const run = j;
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
        j += 2;
        while (j < to && (x = text.charCodeAt(j)) < 128 && ASCII_CLASS[x] === 1) j++;
        // A digit after the apostrophe's letters ends the word ([\p{L}\p{M}]+ has no digits).
      }
      if (hand) {
        const r = regexWords(text, i, to, out, n);
        if (r < 0) return -r - 1;
        n = r;
        i = WORD_RE.lastIndex;
        continue;
      }
      if (j === run && j - i <= 8) {
        if (n === out.start.length) out.grow();
        out.start[n] = i;
        out.end[n] = j;
        out.key0[n] = k0;
        out.key1[n++] = k1;
      } else push(text, i, j, out, n++);
      i = j;
    }
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
    for (let w = SLICE_RE.exec(slice); w !== null; w = SLICE_RE.exec(slice)) push(text, at + w.index, at + w.index + w[0].length, out, n++);
    return -n - 1;
  }
  push(text, m.index, end, out, n++);
  WORD_RE.lastIndex = end;
  return n;
}

/**
 * Values by word, looked up by a range of a text and its key (`scanWords`, `wordKey`), in
 * place: no string is built for a word already in the table, and a word of at most 8 ASCII
 * characters is found by comparing two integers (its key is the word); any other word's
 * characters are compared. Open addressing over typed arrays, grown at half full.
 */
export class WordTable<V> {
  /** Slot s: at 4s … 4s + 3 the entry's key0, key1, length and number + 1 (0: empty) — one place per probe. */
  private slots = new Int32Array(4 * 1024);
  private mask = 1023;
  /** Per entry: its characters' place in `chars` (keyAt[k] … keyAt[k + 1]). */
  private keyAt = new Int32Array(513);
  private chars = new Uint16Array(4096);
  private readonly values: V[] = [];

  get size(): number {
    return this.values.length;
  }

  /** The value of the word `text[start, end)` whose key is `key0`, `key1`, or undefined. */
  get(text: string, start: number, end: number, key0: number, key1: number): V | undefined {
    const k = this.indexOf(text, start, end, key0, key1);
    return k < 0 ? undefined : this.values[k];
  }

  /**
   * The entry number (0, 1, 2 … in the order added) of the word `text[start, end)` whose key
   * is `key0`, `key1` (see `wordKey`), or -1: for a caller that keeps what it needs per entry
   * in typed arrays of its own.
   */
  indexOf(text: string, start: number, end: number, key0: number, key1: number): number {
    const { slots, mask } = this;
    const len = end - start;
    for (let slot = slotOf(key0, key1, len) & mask; ; slot = (slot + 1) & mask) {
      const at = 4 * slot;
      const k = slots[at + 3]!;
      if (k === 0) return -1;
      if (slots[at] !== key0 || slots[at + 1] !== key1 || slots[at + 2] !== len) continue;
      // A key ≥ 0 is the word itself; a hash key only says which words to compare.
      if (key1 >= 0) return k - 1;
      const { keyAt, chars } = this;
      const from = keyAt[k - 1]!;
      let i = 0;
      while (i < len && chars[from + i] === text.charCodeAt(start + i)) i++;
      if (i === len) return k - 1;
    }
  }

  /** The value of entry `k` (see `indexOf`). */
  valueAt(k: number): V {
    return this.values[k]!;
  }

  /** Add `word` (not in the table yet; its key `key0`, `key1`, see `wordKey`); returns its entry number. */
  add(word: string, key0: number, key1: number, value: V): number {
    const k = this.values.length;
    if ((k + 1) * 2 > this.mask + 1) this.resize(2 * (this.mask + 1));
    if (k + 1 === this.keyAt.length) {
      const keyAt = new Int32Array(2 * this.keyAt.length);
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
    this.place(key0, key1, word.length, k + 1);
    return k;
  }

  clear(): void {
    this.values.length = 0;
    this.slots = new Int32Array(4 * 1024);
    this.mask = 1023;
  }

  private place(key0: number, key1: number, len: number, entry: number): void {
    const slots = this.slots;
    let slot = slotOf(key0, key1, len) & this.mask;
    while (slots[4 * slot + 3] !== 0) slot = (slot + 1) & this.mask;
    slots[4 * slot] = key0;
    slots[4 * slot + 1] = key1;
    slots[4 * slot + 2] = len;
    slots[4 * slot + 3] = entry;
  }

  private resize(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(4 * size);
    this.mask = size - 1;
    for (let s = 0; s < old.length; s += 4) if (old[s + 3] !== 0) this.place(old[s]!, old[s + 1]!, old[s + 2]!, old[s + 3]!);
  }
}

/** A key's slot (before the mask): mixed with the run's seed (see FNV_OFFSET). */
function slotOf(key0: number, key1: number, len: number): number {
  const h = Math.imul(key0 ^ Math.imul(key1 + len, 0x9e3779b1), SLOT_SEED);
  return h ^ (h >>> 16);
}
