/**
 * The content script's messaging with the background, without webextension-polyfill (issue #7:
 * the content script is evaluated on every page: ≤ 30 KB gzip, and nothing to build before it
 * reads the page; the polyfill was 2.7 KB gzip of it and wraps the whole API in proxies). The
 * content script only sends messages and listens for them, so this is the whole of it:
 *
 * - Firefox: its own promise-based `browser.runtime` (what the polyfill hands out there too).
 * - Chrome: `chrome.runtime` with callbacks, turned into promises the way the polyfill does:
 *   a listener's returned promise answers through `sendResponse` (a rejection as the
 *   polyfill's `__mozWebExtensionPolyfillReject__` record, which the background's polyfill
 *   turns back into a rejection); "no response" resolves to undefined.
 *
 * Like platform/i18n.ts (the card's strings), it needs no polyfill; the rest of the extension
 * goes through platform/browser.ts. Every reply and message is still validated by its
 * receiver (here: messaging/wire.ts, the zod-free checks held to protocol.ts's schemas).
 */
import type { CsToBgMessage, Reply } from '../messaging/protocol.ts';
import { parseCsReply } from '../messaging/wire.ts';

type Listener = (message: unknown, sender: unknown) => Promise<unknown> | undefined;
type ChromeListener = (message: unknown, sender: unknown, sendResponse: (reply: unknown) => void) => boolean;

interface RuntimeLike {
  id?: string;
  lastError?: { message?: string } | null;
  sendMessage(message: unknown, callback?: (reply: unknown) => void): Promise<unknown> | undefined;
  onMessage: { addListener(l: ChromeListener | Listener): void; removeListener(l: ChromeListener | Listener): void };
}

/** Chrome's lastError when the other side answered nothing (the polyfill resolves to undefined then). */
const NO_RESPONSE = 'The message port closed before a response was received.';
/** The polyfill's record for a rejected listener promise (kept: the background uses the polyfill). */
const REJECT_KEY = '__mozWebExtensionPolyfillReject__';

export interface ContentRuntime {
  sendMessage(message: unknown): Promise<unknown>;
  addListener(listener: Listener): void;
  removeListener(listener: Listener): void;
}

/** The runtime of `g` (globalThis by default; tests pass fakes). */
export function contentRuntime(g: { browser?: { runtime?: RuntimeLike }; chrome?: { runtime?: RuntimeLike } } = globalThis as never): ContentRuntime {
  const firefox = g.browser?.runtime;
  if (firefox?.id) {
    return {
      sendMessage: (m) => firefox.sendMessage(m) as Promise<unknown>,
      addListener: (l) => firefox.onMessage.addListener(l),
      removeListener: (l) => firefox.onMessage.removeListener(l),
    };
  }
  const chrome = g.chrome?.runtime;
  if (!chrome?.id) throw new Error('claimlens: not running as an extension content script');
  const wrapped = new Map<Listener, ChromeListener>();
  return {
    sendMessage: (message) =>
      new Promise((resolve, reject) => {
        chrome.sendMessage(message, (reply) => {
          const err = chrome.lastError;
          if (err) {
            if (err.message === NO_RESPONSE) resolve(undefined);
            else reject(new Error(err.message ?? 'message failed'));
          } else if (typeof reply === 'object' && reply !== null && (reply as Record<string, unknown>)[REJECT_KEY]) {
            reject(new Error(String((reply as { message?: unknown }).message ?? 'the background refused the message')));
          } else {
            resolve(reply);
          }
        });
      }),
    addListener(listener) {
      if (wrapped.has(listener)) return;
      const w: ChromeListener = (message, sender, sendResponse) => {
        let result: Promise<unknown> | undefined;
        try {
          result = listener(message, sender);
        } catch (err) {
          result = Promise.reject(err);
        }
        if (!result || typeof result.then !== 'function') return false;
        result.then(sendResponse, (err: unknown) => sendResponse({ [REJECT_KEY]: true, message: err instanceof Error ? err.message : String(err) }));
        return true; // answered asynchronously
      };
      wrapped.set(listener, w);
      chrome.onMessage.addListener(w);
    },
    removeListener(listener) {
      const w = wrapped.get(listener);
      if (!w) return;
      wrapped.delete(listener);
      chrome.onMessage.removeListener(w);
    },
  };
}

let runtime: ContentRuntime | null = null;
/** This content script's runtime (made on first use). */
export function getRuntime(): ContentRuntime {
  return (runtime ??= contentRuntime());
}

/** Send `message` to the background and resolve to its validated reply (messaging/send.ts, without the polyfill or zod). */
export async function sendToBackground<M extends CsToBgMessage>(message: M): Promise<Reply<M>> {
  return parseCsReply(message, await getRuntime().sendMessage(message));
}
