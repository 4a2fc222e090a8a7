import { describe, expect, it, vi } from 'vitest';
import { createClaimsService, COMMANDS } from '../../../src/background/claims.ts';
import { BG_TO_CS, CS_TO_BG, UI_TO_BG, parseBgToCs, parseCsToBg } from '../../../src/messaging/protocol.ts';
import { compileIndex } from '../../../src/core/spot/index.ts';
import { cardDataset } from '../core/card-fixture.ts';

const index = compileIndex(cardDataset());

function service(files: Record<string, unknown> = { 'dataset.json': cardDataset(), 'index.json': index }) {
  const loadJson = vi.fn(async (f: string) => {
    if (!(f in files)) throw new Error('404');
    return files[f];
  });
  const sendToTab = vi.fn(async () => ({ opened: true, claimIds: ['food-for-weapons'] }));
  return { svc: createClaimsService({ loadJson, sendToTab }), loadJson, sendToTab };
}

describe('claims service', () => {
  it('spots a text with the shipped index (loaded once), and answers null without one', async () => {
    const { svc, loadJson } = service();
    const text = 'Russia is offering North Korea food in exchange for munitions, John Kirby said.\nThe weather was mild.';
    const spot = { type: CS_TO_BG.spot, text, blockBreaks: [text.indexOf('\n') + 1, text.length] };
    const reply = await svc.onContent(spot);
    const matches = 'matches' in reply ? reply.matches : null;
    expect(matches?.map((m) => m.claimId)).toContain('food-for-weapons');
    for (const m of matches ?? []) expect(m.end).toBeLessThanOrEqual(text.indexOf('\n'));
    await svc.onContent(spot);
    expect(loadJson).toHaveBeenCalledTimes(1); // cached
    expect(await service({}).svc.onContent(spot)).toEqual({ matches: null });
  });

  it('builds cards for known claims and skips unknown ones', async () => {
    const { svc } = service();
    const reply = await svc.onContent({ type: CS_TO_BG.getClaimCards, claims: [{ claimId: 'food-for-weapons' }, { claimId: 'nope' }] });
    expect('cards' in reply && reply.cards.map((c) => c.claimId)).toEqual(['food-for-weapons']);
    expect(await service({}).svc.onContent({ type: CS_TO_BG.getClaimCards, claims: [{ claimId: 'x' }] })).toEqual({ error: 'no dataset in this build' });
  });

  it('routes commands and navigation requests to the tab', async () => {
    const { svc, sendToTab } = service();
    await svc.onCommand(COMMANDS.prev, 7);
    await svc.onCommand('something-else', 7);
    await svc.onCommand(COMMANDS.next, undefined);
    expect(sendToTab.mock.calls).toEqual([[7, { type: BG_TO_CS.navigate, direction: 'prev' }]]);
    expect(await svc.onPage({ type: UI_TO_BG.navigateClaims, tabId: 3, direction: 'next', claimId: 'food-for-weapons' })).toEqual({ opened: true, claimIds: ['food-for-weapons'] });
    expect(sendToTab).toHaveBeenLastCalledWith(3, { type: BG_TO_CS.navigate, direction: 'next', claimId: 'food-for-weapons' });
  });
});

describe('protocol', () => {
  it('validates card requests from a page-world-facing content script', () => {
    expect(parseCsToBg({ type: CS_TO_BG.getClaimCards, claims: [] })).toBeNull();
    expect(parseCsToBg({ type: CS_TO_BG.getClaimCards, claims: Array.from({ length: 21 }, () => ({ claimId: 'a' })) })).toBeNull();
    expect(parseCsToBg({ type: CS_TO_BG.getClaimCards, claims: [{ claimId: 'a', match: { claimId: 'a' } }] })).toBeNull();
    expect(parseBgToCs({ type: BG_TO_CS.navigate, direction: 'sideways' })).toBeNull();
    expect(parseBgToCs({ type: BG_TO_CS.navigate, direction: 'next' })).toEqual({ type: BG_TO_CS.navigate, direction: 'next' });
  });
});
