/**
 * The one module that imports webextension-polyfill: everything else reaches the browser's
 * extension API through here, so the Chrome/Firefox difference stays in one place.
 *
 * Firefox has a promise-based `browser` global of its own; in Chrome the polyfill wraps the
 * callback-based `chrome` API to the same shape.
 */
import browser from 'webextension-polyfill';

export type { Runtime, Storage, Tabs } from 'webextension-polyfill';
export { browser };

/** The extension's version, from its manifest. */
export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}

/** The origin of our own extension pages: `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
export function extensionOrigin(): string {
  return browser.runtime.getURL('/');
}

/** A message of the `_locales` catalogue (empty string when missing, as the API does). */
export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions);
}
