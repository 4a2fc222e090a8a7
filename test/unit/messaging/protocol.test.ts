import { describe, expect, it } from 'vitest';
import { CS_TO_BG, LIMITS, UI_TO_BG, parseCsToBg, parseReply, parseUiToBg } from '../../../src/messaging/protocol.ts';

const found = { claimId: 'food-for-weapons', phrase: 'food in exchange for munitions', stance: 'attributes', score: 0.9 };

describe('message names', () => {
  it('carry their direction', () => {
    for (const t of Object.values(CS_TO_BG)) expect(t).toMatch(/^cs-to-bg\//);
    for (const t of Object.values(UI_TO_BG)) expect(t).toMatch(/^ui-to-bg\//);
  });
});

describe('parseCsToBg', () => {
  it('accepts the content-script messages', () => {
    expect(parseCsToBg({ type: CS_TO_BG.hello })).toEqual({ type: CS_TO_BG.hello });
    expect(parseCsToBg({ type: CS_TO_BG.report, version: '0.1.0', found: [found] })).toEqual({
      type: CS_TO_BG.report,
      version: '0.1.0',
      found: [found],
    });
  });
  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['an unknown type', { type: 'cs-to-bg/nope' }],
    ['a UI message', { type: UI_TO_BG.getTabStates }],
    ['a report without found', { type: CS_TO_BG.report, version: '1' }],
    ['a score above 1', { type: CS_TO_BG.report, version: '1', found: [{ ...found, score: 2 }] }],
    ['an unknown stance', { type: CS_TO_BG.report, version: '1', found: [{ ...found, stance: 'shouts' }] }],
    ['an overlong phrase', { type: CS_TO_BG.report, version: '1', found: [{ ...found, phrase: 'x'.repeat(LIMITS.maxPhraseLength + 1) }] }],
    ['too many claims', { type: CS_TO_BG.report, version: '1', found: Array(LIMITS.maxFoundClaims + 1).fill(found) }],
  ])('refuses %s', (_name, raw) => {
    expect(parseCsToBg(raw)).toBeNull();
  });
});

describe('parseUiToBg', () => {
  it('accepts get-tab-states with or without a tab id, and nothing else', () => {
    expect(parseUiToBg({ type: UI_TO_BG.getTabStates })).toEqual({ type: UI_TO_BG.getTabStates });
    expect(parseUiToBg({ type: UI_TO_BG.getTabStates, tabId: 3 })).toEqual({ type: UI_TO_BG.getTabStates, tabId: 3 });
    expect(parseUiToBg({ type: UI_TO_BG.getTabStates, tabId: -1 })).toBeNull();
    expect(parseUiToBg({ type: CS_TO_BG.hello })).toBeNull();
  });
});

describe('parseReply', () => {
  it('returns a well-formed reply', () => {
    expect(parseReply({ type: CS_TO_BG.hello }, { version: '0.1.0' })).toEqual({ version: '0.1.0' });
  });
  it('throws the background error text', () => {
    expect(() => parseReply({ type: CS_TO_BG.hello }, { error: 'unknown sender' })).toThrow(/unknown sender/);
  });
  it('throws on a malformed reply', () => {
    expect(() => parseReply({ type: CS_TO_BG.hello }, { ok: true })).toThrow(/malformed/);
    expect(() => parseReply({ type: UI_TO_BG.getTabStates }, undefined)).toThrow(/malformed/);
  });
});
