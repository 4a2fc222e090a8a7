import { describe, expect, it, vi } from 'vitest';
import { createClaimsService, COMMANDS } from '../../../src/background/claims.ts';
import { BG_TO_CS, CS_TO_BG, UI_TO_BG, parseBgToCs, parseCsToBg } from '../../../src/messaging/protocol.ts';
import { cardDataset } from '../core/card-fixture.ts';

const index = { format: 'claimlens-index', version: 1 };

function service(files: Record<string, unknown> = { 'dataset.json': cardDataset(), 'index.json': index }) {
  const loadJson = vi.fn(async (f: string) => {
    if (!(f in files)) throw new Error('404');
    return files[f];
  });
  const sendToTab = vi.fn(async () => ({ opened: true, claimIds: ['food-for-weapons'] }));
  return { svc: createClaimsService({ loadJson, sendToTab }), loadJson, sendToTab };
}

describe('claims service', () => {
  it('serves the index once loaded, and null without one', async () => {
    const { svc, loadJson } = service();
    expect(await svc.onContent({ type: CS_TO_BG.getIndex })).toEqual({ index });
    await svc.onContent({ type: CS_TO_BG.getIndex });
    expect(loadJson).toHaveBeenCalledTimes(1); // cached
    expect(await service({}).svc.onContent({ type: CS_TO_BG.getIndex })).toEqual({ index: null });
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
