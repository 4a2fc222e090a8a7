/**
 * Close misspellings of names: "Myrtychev" / "Mkrytchev" for "Mkrtychev".
 * Candidates come from a delete-one neighbourhood index (SymSpell's idea: two words within
 * one edit share a one-deletion variant), then are checked with the optimal-string-alignment
 * (Damerau–Levenshtein) distance.
 */

/** Every string made by deleting one character (and the word itself). */
export function deletes1(w: string): string[] {
  const out = [w];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

/** Optimal string alignment distance (adjacent transpositions count as one edit). */
export function osaDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > 2) return 3;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1).fill(0);
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m]!;
}

/** The edit budget for a name of this length: none under 6 letters, 1 up to 8, 2 beyond. */
export function editBudget(len: number): number {
  return len < 6 ? 0 : len < 9 ? 1 : 2;
}
