/** What the extension pages share: the typed channel to the background and the string catalogue. */
export { sendToBackground } from '../../messaging/send.ts';
export { t } from '../../platform/browser.ts';

/** `1.2 MB`, `340 KB`. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}
