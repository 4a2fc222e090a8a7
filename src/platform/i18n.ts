/**
 * `i18n.getMessage` without the webextension-polyfill: it is synchronous and the same in both
 * browsers (`browser.i18n` in Firefox, `chrome.i18n` in Chrome), so modules that only need
 * strings (the card in the content script) do not pull in the polyfill, and they can be
 * imported in Node tests, where the polyfill refuses to load.
 */
interface I18nApi {
  i18n?: { getMessage(key: string, substitutions?: string | string[]): string };
}

/** A message of the `_locales` catalogue, $1…$9 substituted (empty string when missing, as the API does). */
export function t(key: string, substitutions?: string | string[]): string {
  const g = globalThis as { browser?: I18nApi; chrome?: I18nApi };
  const api = g.browser?.i18n ?? g.chrome?.i18n;
  return api ? api.getMessage(key, substitutions) : '';
}
