/**
 * `browser.i18n.getMessage` over the real catalogue (extension/_locales/en/messages.json), for
 * rendering the UI in unit tests: $1…$9 substituted, `$$` a dollar sign. A key that the
 * catalogue lacks throws (the browser would show an empty string), so a test fails on it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Translate } from '../../../src/ui/card/i18n.ts';

const messages = JSON.parse(readFileSync(join(process.cwd(), 'extension/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;

export const catalogueT: Translate = (key, substitutions) => {
  const entry = messages[key];
  if (!entry) throw new Error(`message "${key}" is not in extension/_locales/en/messages.json`);
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (subs[Number(d) - 1] ?? '')));
};

export const catalogueKeys = (): string[] => Object.keys(messages);
