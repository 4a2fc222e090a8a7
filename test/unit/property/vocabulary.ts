import type { Dataset } from '../../../src/core/model.ts';

/** Words and phrases of a dataset that make matches likely: claim texts, quotes, names and aliases. */
export function vocabulary(d: Dataset): string[] {
  const out = new Set<string>();
  for (const c of d.claims) out.add(c.text);
  for (const s of d.statements) out.add(s.quote.slice(0, 400));
  for (const e of d.entities) {
    out.add(e.name);
    for (const a of e.aliases) out.add(a.name);
  }
  return [...out];
}
