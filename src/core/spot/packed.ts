/**
 * Integer arrays of the shipped index as compact strings, read straight into typed arrays.
 *
 * JSON.parse of a large array of numbers makes a JS array (a boxed element or a double per
 * number) that the loader then copies into typed arrays; a string is one copy of its bytes.
 * Format: unsigned base64 VLQ (the digit scheme of source maps, without their sign bit): each
 * character of the base64 alphabet `A–Z a–z 0–9 + /` is a digit of 6 bits, 5 of value (least
 * significant first) and 32 meaning "more digits follow". The first number is the count of
 * those after it. Exact for integers 0 … 2^53 − 1; every character is safe in JSON unescaped.
 * Pure JS over string character codes: no Buffer, no atob (runs in Node, pages and workers).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Character code → digit (255: not a digit). */
const DIGIT = new Uint8Array(128).fill(255);
for (let i = 0; i < 64; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

function pushUint(out: string[], x: number): void {
  if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`packUints: ${x} is not an integer in 0 … 2^53 − 1`);
  do {
    const low = x % 32;
    x = (x - low) / 32;
    out.push(ALPHABET[x > 0 ? low | 32 : low]!);
  } while (x > 0);
}

/** The packed string of `xs` (each an integer in 0 … 2^53 − 1). */
export function packUints(xs: ArrayLike<number>): string {
  const out: string[] = [];
  pushUint(out, xs.length);
  for (let i = 0; i < xs.length; i++) pushUint(out, xs[i]!);
  return out.join('');
}

function bad(what: string, s: unknown, at: number): Error {
  return new Error(`loadIndex: ${what}: not a packed integer array (${typeof s === 'string' ? `at character ${at} of ${s.length}` : typeof s})`);
}

/** The count at the start of `s`: [count, position after it]. */
function countOf(s: string, what: string): [number, number] {
  let v = 0;
  let mul = 1;
  let i = 0;
  for (;;) {
    const c = s.charCodeAt(i++);
    const d = c < 128 ? DIGIT[c]! : 255;
    // A count is a length: it fits in 30 bits (six digits) long before memory runs out.
    if (d === 255 || mul > 2 ** 25) throw bad(what, s, i - 1);
    v += (d & 31) * mul;
    mul *= 32;
    if (d < 32) return [v, i];
  }
}

/**
 * Unpack into a Float64Array (exact for every integer `packUints` takes). `what` names the
 * field in the error for a malformed string.
 */
export function unpackUints(s: unknown, what: string): Float64Array {
  if (typeof s !== 'string') throw bad(what, s, 0);
  const [n, start] = countOf(s, what);
  const out = new Float64Array(n);
  let i = start;
  for (let k = 0; k < n; k++) {
    let v = 0;
    let mul = 1;
    for (;;) {
      const c = s.charCodeAt(i++);
      const d = c < 128 ? DIGIT[c]! : 255;
      if (d === 255 || mul > 2 ** 50) throw bad(what, s, i - 1);
      v += (d & 31) * mul;
      if (d < 32) break;
      mul *= 32;
    }
    if (v > Number.MAX_SAFE_INTEGER) throw bad(what, s, i - 1);
    out[k] = v;
  }
  if (i !== s.length) throw bad(what, s, i);
  return out;
}

/** Unpack into an Int32Array: every number must be below 2^31 (else an error naming `what`). */
export function unpackInt32(s: unknown, what: string): Int32Array {
  if (typeof s !== 'string') throw bad(what, s, 0);
  const [n, start] = countOf(s, what);
  const out = new Int32Array(n);
  let i = start;
  for (let k = 0; k < n; k++) {
    let v = 0;
    let shift = 0;
    for (;;) {
      const c = s.charCodeAt(i++);
      const d = c < 128 ? DIGIT[c]! : 255;
      // Six digits hold 30 bits; a seventh may add only one more (2^31 − 1 at most).
      if (d === 255 || (shift === 30 && d > 1)) throw bad(what, s, i - 1);
      v |= (d & 31) << shift;
      if (d < 32) break;
      shift += 5;
    }
    out[k] = v;
  }
  if (i !== s.length) throw bad(what, s, i);
  return out;
}
