/** Binary search over sorted offsets (block breaks, node starts): shared by the core and the content script. */

/** First index of `xs` (sorted ascending) whose value is > `v`; `xs.length` when none. */
export function upperBound(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
