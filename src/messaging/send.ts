/** Typed sending: every message goes out through here and its reply is validated on arrival. */
import { browser } from '../platform/browser.ts';
import { parseReply, type Message, type Reply } from './protocol.ts';

/** Send `message` to the background and resolve to its validated reply. */
export async function sendToBackground<M extends Message>(message: M): Promise<Reply<M>> {
  const raw: unknown = await browser.runtime.sendMessage(message);
  return parseReply(message, raw);
}
