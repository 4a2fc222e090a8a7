/**
 * The card's strings come from the extension's `_locales` catalogue (browser.i18n), like the
 * popup's and the options page's. The card takes the lookup as a prop (`t`), so it renders in
 * the content script with `browser.i18n.getMessage` and in unit tests with the catalogue file.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** `browser.i18n.getMessage`'s shape: a message of the catalogue, with $1…$9 substituted. */
export type Translate = (key: string, substitutions?: string | string[]) => string;

export const TranslateContext = createContext<Translate>((key) => key);

export function useT(): Translate {
  return useContext(TranslateContext);
}

/** "1 more outlet" / "3 more outlets". */
export function more(t: Translate, noun: 'speaker' | 'outlet' | 'denial' | 'discrepancy' | 'related', n: number): string {
  return n === 1 ? t(`card_more_${noun}_one`) : t(`card_more_${noun}_other`, String(n));
}
