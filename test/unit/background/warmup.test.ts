import { describe, expect, it, vi } from 'vitest';
import { createClaimsService } from '../../../src/background/claims.ts';
import { warmUpBatches } from '../../../src/background/warmup.ts';
import { CS_TO_BG } from '../../../src/messaging/protocol.ts';
import { compileIndex, loadIndex, spotClaims, type CompiledIndex } from '../../../src/core/spot/index.ts';
import { synthDataset } from '../../../src/dataset/synth.ts';

const dataset = synthDataset({ claims: 300, seed: 3 });
const index = compileIndex(dataset);

describe('warm-up text (issue #7)', () => {
  it('comes in batches of paragraphs, the same at every start, with block breaks ending each batch', () => {
    const batches = [...warmUpBatches(index, 30_000, 4000)];
    const total = batches.reduce((n, b) => n + b.text.length, 0);
    expect(total).toBeGreaterThanOrEqual(30_000);
    expect(total).toBeLessThan(30_000 + 4000 + 2000);
    for (const b of batches) {
      expect(b.text.length).toBeLessThan(4000 + 2000);
      expect(b.blockBreaks.at(-1)).toBe(b.text.length);
      for (let i = 1; i < b.blockBreaks.length; i++) expect(b.blockBreaks[i]!).toBeGreaterThan(b.blockBreaks[i - 1]!);
    }
    expect([...warmUpBatches(index, 30_000, 4000)]).toEqual(batches);
  });

  it("names the index's own claims, so the matcher's candidate and scoring paths run", () => {
    const m = loadIndex(index);
    const found = new Set<string>();
    for (const b of warmUpBatches(index, 30_000)) for (const x of spotClaims(m, b.text, b.blockBreaks)) found.add(x.claimId);
    expect(found.size).toBeGreaterThan(20);
  });

  it('gives filler only for an index of another shape', () => {
    const odd = { format: 'claimlens-index', version: 0, claims: [{ v: 7 }], concepts: 'x' } as unknown as CompiledIndex;
    const [b] = [...warmUpBatches(odd, 1000)];
    expect(b!.text.length).toBeGreaterThan(1000);
    expect(b!.text).toMatch(/^[A-Z][a-z ]+\.(?:[ \n][A-Z][a-z ]+\.)*$/);
  });
});

describe('claims service warm-up', () => {
  const svc = (warmUpChars: number) =>
    createClaimsService({ loadJson: vi.fn(async (f: string) => (f === 'index.json' ? index : dataset)), sendToTab: vi.fn(), warmUpChars });

  it('spots the warm-up text when no page asks meanwhile', async () => {
    expect(await svc(20_000).warm()).toBeGreaterThanOrEqual(20_000);
    expect(await svc(0).warm()).toBe(0);
  });

  it("stops at a page's spot request, which is answered", async () => {
    const s = svc(50_000_000);
    const warming = s.warm();
    await new Promise((r) => setTimeout(r, 30));
    const text = `${dataset.claims[0]!.text} The weather was mild.`;
    const reply = await s.onContent({ type: CS_TO_BG.spot, text, blockBreaks: [text.length] });
    expect('matches' in reply && reply.matches?.map((m) => m.claimId)).toContain(dataset.claims[0]!.id);
    const warmed = await warming;
    expect(warmed).toBeGreaterThan(0);
    expect(warmed).toBeLessThan(50_000_000);
  });
});
