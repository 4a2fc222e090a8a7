/**
 * The content script's messaging without webextension-polyfill (src/content/runtime.ts): in
 * Chrome the callback API turned into promises exactly where the polyfill's behaviour matters
 * to us (answers, refusals, "no response", listener promises), in Firefox the native API.
 */
import { describe, expect, it, vi } from 'vitest';
import { contentRuntime } from '../../../src/content/runtime.ts';

type Cb = (reply: unknown) => void;

function fakeChrome(answer: (message: unknown) => { reply?: unknown; error?: string }) {
  const listeners: Array<(m: unknown, s: unknown, r: (x: unknown) => void) => boolean> = [];
  const runtime = {
    id: 'ext',
    lastError: null as { message?: string } | null,
    sendMessage(message: unknown, cb?: Cb) {
      const a = answer(message);
      setTimeout(() => {
        runtime.lastError = a.error ? { message: a.error } : null;
        cb?.(a.reply);
        runtime.lastError = null;
      }, 0);
      return undefined;
    },
    onMessage: {
      addListener: (l: (typeof listeners)[number]) => listeners.push(l),
      removeListener: (l: (typeof listeners)[number]) => listeners.splice(listeners.indexOf(l), 1),
    },
  };
  return { g: { chrome: { runtime } }, listeners };
}

describe('content runtime, Chrome', () => {
  it('resolves to the reply, rejects with lastError, resolves undefined when nobody answered', async () => {
    const { g } = fakeChrome((m) => (m === 'ok' ? { reply: { version: '1' } } : m === 'none' ? { error: 'The message port closed before a response was received.' } : { error: 'Could not establish connection.' }));
    const rt = contentRuntime(g);
    await expect(rt.sendMessage('ok')).resolves.toEqual({ version: '1' });
    await expect(rt.sendMessage('none')).resolves.toBeUndefined();
    await expect(rt.sendMessage('x')).rejects.toThrow('Could not establish connection.');
  });

  it("turns the background polyfill's rejection record back into a rejection", async () => {
    const { g } = fakeChrome(() => ({ reply: { __mozWebExtensionPolyfillReject__: true, message: 'boom' } }));
    await expect(contentRuntime(g).sendMessage({})).rejects.toThrow('boom');
  });

  it('answers through sendResponse when a listener returns a promise (a rejection as the polyfill record), not at all otherwise', async () => {
    const { g, listeners } = fakeChrome(() => ({}));
    const rt = contentRuntime(g);
    const mine = (m: unknown): Promise<unknown> | undefined => (m === 'ask' ? Promise.resolve({ open: false }) : m === 'fail' ? Promise.reject(new Error('nope')) : undefined);
    rt.addListener(mine);
    rt.addListener(mine); // once only
    expect(listeners).toHaveLength(1);
    const sendResponse = vi.fn();
    expect(listeners[0]!('ask', {}, sendResponse)).toBe(true);
    expect(listeners[0]!('other', {}, sendResponse)).toBe(false);
    expect(listeners[0]!('fail', {}, sendResponse)).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(sendResponse.mock.calls).toEqual([[{ open: false }], [{ __mozWebExtensionPolyfillReject__: true, message: 'nope' }]]);
    rt.removeListener(mine);
    expect(listeners).toHaveLength(0);
  });
});

describe('content runtime, Firefox and elsewhere', () => {
  it("uses Firefox's own promise API as it is", async () => {
    const sendMessage = vi.fn(async () => ({ ok: true }));
    const addListener = vi.fn();
    const removeListener = vi.fn();
    const rt = contentRuntime({ browser: { runtime: { id: 'ext', sendMessage, onMessage: { addListener, removeListener } } } });
    await expect(rt.sendMessage({ a: 1 })).resolves.toEqual({ ok: true });
    const l = (): undefined => undefined;
    rt.addListener(l);
    rt.removeListener(l);
    expect(addListener).toHaveBeenCalledWith(l);
    expect(removeListener).toHaveBeenCalledWith(l);
  });

  it('refuses to run outside an extension', () => {
    expect(() => contentRuntime({})).toThrow(/not running as an extension/);
  });
});
