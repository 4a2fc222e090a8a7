// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';

// The browser wiring (runOnPageWithSettings) is not under test here; the polyfill refuses Node.
vi.mock('../../../src/platform/browser.ts', () => ({ browser: {} }));
import { appearanceCss, runWithSettings } from '../../../src/content/settings-client.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/settings.ts';
import { BG_TO_CS } from '../../../src/messaging/protocol.ts';

function harness(initial: Settings, revision = 'r1') {
  const log: string[] = [];
  let handler: ((raw: unknown) => Promise<unknown> | undefined) | null = null;
  let n = 0;
  const client = runWithSettings({
    doc: document,
    host: 'news.example.org',
    getSettings: async () => ({ settings: initial, revision }),
    onBackgroundMessage(h) {
      handler = h;
      return () => (handler = null);
    },
    start() {
      const id = ++n;
      log.push(`start ${id}`);
      return { stop: () => log.push(`stop ${id}`) };
    },
    reportPaused: () => log.push('paused'),
  });
  const push = (settings: Settings, rev = revision) => handler!({ type: BG_TO_CS.settings, settings, revision: rev });
  return { client, log, push, handler: () => handler };
}

const paused = { ...DEFAULT_SETTINGS, pausedSites: ['example.org'] };

describe('settings client', () => {
  it('starts marking when the site is not paused; pausing stops it, resuming starts it again', async () => {
    const h = harness({ ...DEFAULT_SETTINGS });
    await h.client.ready;
    expect(h.log).toEqual(['start 1']);
    await h.push(paused);
    expect(h.log).toEqual(['start 1', 'stop 1', 'paused']);
    expect(h.client.running()).toBe(false);
    await h.push({ ...DEFAULT_SETTINGS });
    expect(h.log).toEqual(['start 1', 'stop 1', 'paused', 'start 2']);
    // The same settings again change nothing.
    await h.push({ ...DEFAULT_SETTINGS });
    expect(h.log).toHaveLength(4);
  });

  it('a paused site is never marked and says so', async () => {
    const h = harness(paused);
    await h.client.ready;
    expect(h.log).toEqual(['paused']);
  });

  it('a new dataset revision restarts marking (new index)', async () => {
    const h = harness({ ...DEFAULT_SETTINGS });
    await h.client.ready;
    await h.push({ ...DEFAULT_SETTINGS }, 'r2');
    expect(h.log).toEqual(['start 1', 'stop 1', 'start 2']);
  });

  it('ignores other messages and stops cleanly', async () => {
    const h = harness({ ...DEFAULT_SETTINGS });
    await h.client.ready;
    expect(h.handler()!({ type: 'bg-to-cs/navigate', direction: 'next' })).toBeUndefined();
    expect(h.handler()!({ type: BG_TO_CS.settings, settings: 'x', revision: 'r' })).toBeUndefined();
    h.client.stop();
    expect(h.log).toEqual(['start 1', 'stop 1']);
    expect(h.handler()).toBeNull();
  });

  it('appearance CSS follows style and strength', () => {
    expect(appearanceCss({ ...DEFAULT_SETTINGS, markStyle: 'background' })).toMatch(/::highlight\(claimlens-claim\) \{ background-color: rgba\(26, 115, 232, [\d.]+\); text-decoration: none; \}/);
    const strong = appearanceCss({ ...DEFAULT_SETTINGS, strength: 'strong' });
    const subtle = appearanceCss({ ...DEFAULT_SETTINGS, strength: 'subtle' });
    expect(strong).toContain('underline solid rgba(26, 115, 232, 1) 3px');
    expect(subtle).toContain('underline solid rgba(26, 115, 232, 0.55) 2px');
    expect(strong).toContain('::highlight(claimlens-denial)');
  });
});
