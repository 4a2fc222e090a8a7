/**
 * The content script checks what it receives with the zod-free functions of messaging/wire.ts
 * (issue #7: no zod in the content bundle). They must give the verdict of protocol.ts's zod
 * schemas on every value: valid replies and messages, hostile ones, and arbitrary JSON.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BG_TO_CS, CS_TO_BG, parseBgSettings, parseBgToCs, parseReply, type CsToBgMessage } from '../../../src/messaging/protocol.ts';
import { parseBgSettingsMessage, parseBgToCsMessage, parseCsReply } from '../../../src/messaging/wire.ts';

const MESSAGES: CsToBgMessage[] = [
  { type: CS_TO_BG.hello },
  { type: CS_TO_BG.report, version: '1', found: [] },
  { type: CS_TO_BG.spot, text: 'x', blockBreaks: [] },
  { type: CS_TO_BG.getClaimCards, claims: [{ claimId: 'a' }] },
  { type: CS_TO_BG.getSettings },
];

const verdict = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
};

/** Replies: the valid ones, near misses, hostile shapes. */
const REPLIES: unknown[] = [
  { version: '0.1.0' }, { version: 1 }, { ok: true }, { ok: 'true' }, { matches: null }, { matches: [] },
  { matches: [{ claimId: 'a', start: 0 }] }, { matches: [{ claimId: 3 }] }, { matches: [null] }, { matches: {} },
  { cards: [] }, { cards: [{ claimId: 'a' }] }, { cards: [{}] }, { cards: 'x' }, { settings: {}, revision: 'r' },
  { settings: null, revision: null }, { settings: {} }, { error: 'refused' }, { error: 3 }, null, undefined, 'x', 3, [], [{ ok: true }],
  { version: '1', error: 'both' }, { __proto__: { version: '1' } },
];

/** Background → content messages. */
const BG_MESSAGES: unknown[] = [
  { type: BG_TO_CS.navigate, direction: 'next' }, { type: BG_TO_CS.navigate, direction: 'prev', claimId: 'c1' },
  { type: BG_TO_CS.navigate, direction: 'up' }, { type: BG_TO_CS.navigate, direction: 'next', claimId: '' },
  { type: BG_TO_CS.navigate, direction: 'next', claimId: 'x'.repeat(201) }, { type: BG_TO_CS.navigate, direction: 'next', claimId: 7 },
  { type: BG_TO_CS.navigate, direction: 'next', extra: 1 }, { type: BG_TO_CS.getOpenCard }, { type: BG_TO_CS.getOpenCard, extra: true },
  { type: BG_TO_CS.settings, settings: { pausedSites: [] }, revision: 'r' }, { type: BG_TO_CS.settings, settings: { pausedSites: 'a' }, revision: 'r' },
  { type: BG_TO_CS.settings, settings: { pausedSites: [] } }, { type: BG_TO_CS.settings, settings: null, revision: 'r' },
  { type: 'other' }, {}, null, 'bg-to-cs/navigate', [], [{ type: BG_TO_CS.getOpenCard }],
];

describe('wire.ts checks agree with the zod schemas of protocol.ts', () => {
  it.each(MESSAGES.map((m) => [m.type, m] as const))('replies to %s', (_t, message) => {
    for (const raw of REPLIES) expect(verdict(() => parseCsReply(message, raw)), JSON.stringify(raw)).toBe(verdict(() => parseReply(message, raw)));
  });

  it('background messages and settings broadcasts', () => {
    for (const raw of BG_MESSAGES) {
      expect(parseBgToCsMessage(raw), JSON.stringify(raw)).toEqual(parseBgToCs(raw));
      const a = parseBgSettingsMessage(raw);
      const b = parseBgSettings(raw);
      expect(a === null, JSON.stringify(raw)).toBe(b === null);
      if (a && b) expect({ type: a.type, revision: a.revision }).toEqual({ type: b.type, revision: b.revision });
    }
  });

  it('arbitrary JSON: the same verdict everywhere', () => {
    const shaped = fc.oneof(
      fc.jsonValue(),
      fc.record({ type: fc.constantFrom(...Object.values(BG_TO_CS), 'x'), direction: fc.constantFrom('next', 'prev', 'x'), claimId: fc.option(fc.string({ maxLength: 3 }), { nil: undefined }) }, { requiredKeys: ['type'] }),
      fc.record({ matches: fc.option(fc.array(fc.record({ claimId: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] })), { nil: null }) }),
      fc.record({ cards: fc.array(fc.record({ claimId: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] })) }),
      fc.record({ settings: fc.oneof(fc.constant(null), fc.record({ pausedSites: fc.oneof(fc.array(fc.string()), fc.string()) })), revision: fc.oneof(fc.string(), fc.integer()), type: fc.constant(BG_TO_CS.settings) }, { requiredKeys: [] }),
      fc.record({ version: fc.oneof(fc.string(), fc.integer()), ok: fc.oneof(fc.boolean(), fc.string()), error: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(shaped, (raw) => {
        for (const m of MESSAGES) expect(verdict(() => parseCsReply(m, raw))).toBe(verdict(() => parseReply(m, raw)));
        expect(parseBgToCsMessage(raw)).toEqual(parseBgToCs(raw));
        expect(parseBgSettingsMessage(raw) === null).toBe(parseBgSettings(raw) === null);
      }),
      { numRuns: 500 },
    );
  });
});
